// The manifest and the code agree: every command is registered, every setting has its documented default.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, DEFAULT_SERVER_URL, EXTENSION_ID, SETTINGS } from '../../extension/src/config';
import { testApi } from './support';

describe('commands and settings', () => {
  before(() => testApi());

  it('registers every command the manifest contributes, all in the Mocktalk category', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string; category: string }[] }; activationEvents: string[];
    };
    for (const id of Object.values(COMMANDS)) assert.ok(registered.has(id), `${id} is not registered`);
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'Mocktalk'));
    assert.ok(!manifest.activationEvents.includes('*'), 'no star activation');
  });

  it('has the documented defaults and scopes for its settings', () => {
    const config = vscode.workspace.getConfiguration(SETTINGS.section);
    assert.equal(config.inspect(SETTINGS.serverUrl)?.defaultValue, DEFAULT_SERVER_URL);
    assert.equal(config.inspect(SETTINGS.language)?.defaultValue, 'javascript');
    assert.equal(config.inspect(SETTINGS.solutionFolder)?.defaultValue, '');
    const properties = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string; enum?: string[]; description?: string; markdownDescription?: string }> } };
    }).contributes.configuration.properties;
    assert.equal(properties['mocktalk.server.url']?.scope, 'application');
    assert.deepEqual(properties['mocktalk.interview.language']?.enum, ['javascript', 'typescript', 'python']);
    // Interviews are spoken unless the candidate chooses typing (the suite's runner picks text for the other tests).
    assert.equal(config.inspect(SETTINGS.mode)?.defaultValue, 'voice');
    assert.deepEqual(properties['mocktalk.interview.mode']?.enum, ['voice', 'text']);
    for (const [key, p] of Object.entries(properties)) assert.ok(p.description || p.markdownDescription, `${key} has no description`);
  });

  it('points at the test backend through the user settings', () => {
    const url = vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.serverUrl);
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(url, DEFAULT_SERVER_URL);
  });
});
