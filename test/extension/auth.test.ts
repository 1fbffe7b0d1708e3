// Signing in and out through the commands: the token lands in SecretStorage, never in settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ApiError } from '../../extension/src/api/restClient';
import { COMMANDS, SETTINGS, STORAGE_KEYS, serverUrl } from '../../extension/src/config';
import type { UserView } from '../../protocol/src/api';
import { PASSWORD, registerViaRest, rest, suiteConfig, testApi } from './support';

async function storedToken(): Promise<string | undefined> {
  const raw = await (await testApi()).secrets.get(STORAGE_KEYS.tokenPrefix + serverUrl());
  return raw ? (JSON.parse(raw) as { token: string }).token : undefined;
}

describe('sign in and sign out', () => {
  afterEach(() => vscode.commands.executeCommand(COMMANDS.signOut));

  it('signs in with an account made over REST and keeps the token in SecretStorage, not in settings', async () => {
    const account = await registerViaRest('host-auth');
    const user = await vscode.commands.executeCommand<UserView | undefined>(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    assert.equal(user?.email, account.email);

    const token = await storedToken();
    assert.ok(token, 'no token in SecretStorage');
    assert.equal((await rest(token).me()).email, account.email, 'the stored token works against the server');

    const settings = JSON.stringify(vscode.workspace.getConfiguration(SETTINGS.section));
    assert.ok(!settings.includes(token), 'the token leaked into the mocktalk settings');
    const { userSettingsFile } = suiteConfig();
    if (userSettingsFile) assert.ok(!fs.readFileSync(userSettingsFile, 'utf8').includes(token), 'the token leaked into settings.json');
  });

  it('creates an account through the command', async () => {
    const email = `host-new-${Date.now()}@example.test`;
    const user = await vscode.commands.executeCommand<UserView | undefined>(COMMANDS.signIn,
      { mode: 'register', email, password: PASSWORD, displayName: 'New Candidate' });
    assert.equal(user?.displayName, 'New Candidate');
    assert.ok(await storedToken());
  });

  it('stores nothing after a wrong password', async () => {
    const account = await registerViaRest('host-wrong');
    const user = await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: 'wrong password!' });
    assert.equal(user, undefined);
    assert.equal(await storedToken(), undefined);
  });

  it('signs out: the secret is deleted and the token revoked on the server', async () => {
    const account = await registerViaRest('host-out');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    const token = await storedToken();
    assert.ok(token);
    await vscode.commands.executeCommand(COMMANDS.signOut);
    assert.equal(await storedToken(), undefined);
    await assert.rejects(rest(token).me(), (err: unknown) => err instanceof ApiError && err.kind === 'unauthorized');
  });
});
