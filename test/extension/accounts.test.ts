// The Mocktalk account in VS Code's Accounts (vscode.authentication), silent refresh, the re-prompt when the
// sign-in has ended, the messages for a wrong or unreachable server, and the keyboard interview commands.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { ApiError, RestClient } from '../../extension/src/api/restClient';
import { AUTH_PROVIDER } from '../../extension/src/auth/authProvider';
import { describeError } from '../../extension/src/auth/userErrors';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS, STORAGE_KEYS, serverUrl } from '../../extension/src/config';
import type { TokenResponse } from '../../protocol/src/api';
import { PASSWORD, registerViaRest, rest, testApi, waitFor } from './support';

const secretKey = () => STORAGE_KEYS.tokenPrefix + serverUrl();

async function stored(): Promise<TokenResponse | undefined> {
  const raw = await (await testApi()).secrets.get(secretKey());
  return raw ? (JSON.parse(raw) as TokenResponse) : undefined;
}

/** Puts credentials in SecretStorage as the extension would, and waits until the extension has loaded them. */
async function storeCredentials(credentials: TokenResponse): Promise<void> {
  const api = await testApi();
  await api.secrets.store(secretKey(), JSON.stringify({ ...credentials, serverUrl: serverUrl() }));
  await api.auth.reload();
  assert.equal(api.auth.user?.email, credentials.user.email);
}

const accountLabels = async () => (await vscode.authentication.getAccounts(AUTH_PROVIDER.id)).map((a) => a.label);
const past = () => new Date(Date.now() - 60_000).toISOString();
const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe('accounts: the Mocktalk authentication provider', function () {
  this.timeout(60_000);
  afterEach(() => vscode.commands.executeCommand(COMMANDS.signOut));

  it('shows the signed-in account through vscode.authentication and removes it on Sign Out', async () => {
    assert.deepEqual(await accountLabels(), [], 'an account before sign-in');
    const account = await registerViaRest('host-accounts');
    const changed = new Promise<string>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => { sub.dispose(); resolve(e.provider.id); });
    });
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    assert.equal(await changed, AUTH_PROVIDER.id);
    assert.deepEqual(await accountLabels(), [account.email]);

    const token = (await stored())?.token;
    assert.ok(token);
    await vscode.commands.executeCommand(COMMANDS.signOut);
    await waitFor('the account to go', async () => (await accountLabels()).length === 0);
    await assert.rejects(rest(token).me(), (err: unknown) => err instanceof ApiError && err.kind === 'unauthorized');
  });

  it('refreshes an expired bearer token silently: a new pair is stored and the old refresh token is spent', async () => {
    const account = await registerViaRest('host-expired');
    await storeCredentials({ ...account, expiresAt: past() });
    const { tree } = await testApi();
    await tree.getChildren();
    assert.ok(['loaded', 'empty'].includes(tree.state), `the tree showed ${tree.state}`);

    const now = await stored();
    assert.ok(now && now.token !== account.token, 'no new token was stored');
    assert.ok(Date.parse(now.expiresAt) > Date.now());
    assert.equal((await rest(now.token).me()).email, account.email);
    await assert.rejects(rest().refresh({ refreshToken: account.refreshToken! }),
      (err: unknown) => err instanceof ApiError && err.kind === 'unauthorized', 'the old refresh token still works');
  });

  it('retries once with a refreshed token when the server refuses a token that had not expired locally', async () => {
    const account = await registerViaRest('host-revoked');
    await storeCredentials({ ...account, token: 'mt_revoked-on-the-server', expiresAt: future() });
    const { tree } = await testApi();
    await tree.getChildren();
    assert.ok(['loaded', 'empty'].includes(tree.state), `the tree showed ${tree.state}`);
    const now = await stored();
    assert.ok(now && now.token !== 'mt_revoked-on-the-server');
    assert.equal((await rest(now.token).me()).email, account.email);
  });

  it('ends the sign-in and asks to sign in again when the refresh token is refused', async () => {
    const account = await registerViaRest('host-refused');
    await storeCredentials({ ...account, expiresAt: past(), refreshToken: 'mtr_refused' });
    const api = await testApi();
    const expired = new Promise<void>((resolve) => { const sub = api.auth.onDidExpire(() => { sub.dispose(); resolve(); }); });
    await api.tree.getChildren();
    await expired;
    assert.equal(await stored(), undefined, 'the dead credentials are still stored');
    assert.equal(api.auth.user, null);
    assert.deepEqual(await accountLabels(), []);
  });
});

describe('accounts: messages for a wrong or unreachable server', () => {
  let notMocktalk: http.Server;
  let closedPort: number;

  before(async () => {
    notMocktalk = http.createServer((_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not Found</h1>'); });
    await new Promise<void>((r) => notMocktalk.listen(0, '127.0.0.1', r));
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
  });
  after(() => new Promise((r) => notMocktalk.close(r)));

  async function messageFor(baseUrl: string): Promise<{ message: string; buttons: string[] }> {
    const err = await new RestClient({ baseUrl }).login({ email: 'a@example.test', password: PASSWORD }).then(
      () => assert.fail('the login succeeded'), (e: unknown) => e);
    const described = describeError(err, 'sign in');
    assert.doesNotMatch(described.message, /\n\s+at |TypeError|fetch failed/, 'a raw error leaked into the message');
    return described;
  }

  it('a server that is not Mocktalk: says so and offers the setting', async () => {
    const { message, buttons } = await messageFor(`http://127.0.0.1:${(notMocktalk.address() as AddressInfo).port}`);
    assert.match(message, /does not look like a Mocktalk server/);
    assert.match(message, /mocktalk\.server\.url/);
    assert.deepEqual(buttons, ['Open Settings']);
  });

  it('an unreachable server: says it cannot be reached and why', async () => {
    const { message, buttons } = await messageFor(`http://127.0.0.1:${closedPort}`);
    assert.match(message, /Cannot reach the Mocktalk server at http:\/\/127\.0\.0\.1:\d+ \(connection refused/);
    assert.deepEqual(buttons, ['Open Settings']);
  });

  it('an invalid URL: says what a URL should look like', async () => {
    const { message } = await messageFor('not a url');
    assert.match(message, /is not a valid server URL; it should look like http:\/\/127\.0\.0\.1:8787/);
  });
});

describe('keyboard interview commands', function () {
  this.timeout(90_000);

  it('have keybindings on the interview context', () => {
    const manifest = vscode.extensions.getExtension('mocktalk.mocktalk')!.packageJSON as { contributes: { keybindings: { command: string; when: string }[] } };
    for (const command of [COMMANDS.togglePushToTalk, COMMANDS.requestHint, COMMANDS.endInterview, COMMANDS.runTests]) {
      const binding = manifest.contributes.keybindings.find((k) => k.command === command);
      assert.equal(binding?.when, 'mocktalk.interviewActive', `${command} has no keybinding on the interview context`);
    }
  });

  it('Ask for a Hint sends a hint request as the candidate\'s answer, and the interviewer answers with a hint', async () => {
    const account = await registerViaRest('host-hint');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    const started = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview,
      { problemSlug: 'pair-sum-indices', language: 'javascript', existingFile: 'new' });
    assert.ok(started);
    const api = await testApi();
    await waitFor('the introduction', () => api.manager.current?.turns.some((t) => t.speaker === 'interviewer'), 30_000);
    const before = api.manager.current!.turns.length;

    assert.equal(await vscode.commands.executeCommand(COMMANDS.requestHint), true);
    const turns = await waitFor('the hint request and a reply', () => {
      const later = api.manager.current!.turns.slice(before);
      const asked = later.findIndex((t) => t.speaker === 'candidate' && /hint/i.test(t.text));
      return asked >= 0 && later.slice(asked + 1).some((t) => t.speaker === 'interviewer') ? later : undefined;
    }, 30_000);
    const reply = turns.filter((t) => t.speaker === 'interviewer').at(-1)!;
    assert.ok(reply.text.length > 10, `a thin reply: ${reply.text}`);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.togglePushToTalk), true, 'push-to-talk did not reach the panel');

    await vscode.commands.executeCommand(COMMANDS.endInterview);
    await waitFor('the interview to end', () => api.manager.active === null, 60_000);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.requestHint), false);
    await vscode.commands.executeCommand(COMMANDS.signOut);
  });
});

describe('walkthrough', () => {
  interface Step { id: string; completionEvents: string[]; media: { markdown: string } }
  const manifest = () => vscode.extensions.getExtension('mocktalk.mocktalk')!.packageJSON as {
    contributes: { walkthroughs: { steps: Step[] }[] };
  };

  it('runs sign in → check microphone → first interview, each completed by a command or context key that exists', async () => {
    await testApi(); // activated: its commands are registered
    const steps = manifest().contributes.walkthroughs[0]!.steps;
    assert.deepEqual(steps.map((s) => s.id), ['signIn', 'checkMicrophone', 'firstInterview']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const event of steps.flatMap((s) => s.completionEvents)) {
      const [kind, name] = event.split(':') as [string, string];
      if (kind === 'onCommand') assert.ok(registered.has(name), `${event}: no such command`);
      else assert.equal(event, 'onContext:mocktalk.signedIn');
    }
  });

  it('Check Microphone says which capture this host will use (the panel, in a browser-hosted VS Code)', async () => {
    const check = await vscode.commands.executeCommand<{ recommended: string; summary: string }>(COMMANDS.checkMicrophone);
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(check.recommended, 'webview');
    assert.match(check.summary, /browser/);
  });
});
