// Runs inside the real extension host (see test/extension/index.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mocktalk.mocktalk';

describe('extension smoke', () => {
  it('is installed in the host', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} not in vscode.extensions`);
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('can query the command registry', async () => {
    // The extension's own commands are still being written: assert on them once they land.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.action.quickOpen'), 'built-in commands missing');
  });
});
