// A whole interview through the commands, with edits made the ways VS Code makes them, checked on the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS } from '../../extension/src/config';
import type { EvaluationView, SessionDetail } from '../../protocol/src/domain';
import { PASSWORD, registerViaRest, rest, testApi, treeSessions, waitFor } from './support';

const SLUG = 'pair-sum-indices';

function interviewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mocktalk.interview'));
}

describe('an interview in the real host', function () {
  this.timeout(90_000);
  let token: string;
  let started: StartedInterview;
  let document: vscode.TextDocument;

  /** The newest code snapshot the server stored for the session. */
  async function serverCode(): Promise<string | undefined> {
    const detail: SessionDetail = await rest(token).session(started.sessionId);
    return [...detail.codeSnapshots].sort((a, b) => b.seq - a.seq)[0]?.text;
  }

  const serverHasDocumentText = () => waitFor('the server to hold the document text',
    async () => (await serverCode()) === document.getText(), 20_000);

  before(async () => {
    const account = await registerViaRest('host-interview');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    token = (await rest().login({ email: account.email, password: PASSWORD })).token;
  });

  it('Start Interview with arguments creates the solution file from the starter code, opens it and the panel', async () => {
    const result = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, { problemSlug: SLUG, language: 'javascript' });
    assert.ok(result, 'the command returned nothing (see the Mocktalk output channel)');
    started = result;
    const uri = vscode.Uri.parse(started.solutionUri);
    assert.match(uri.path, /\/mocktalk\/pair-sum-indices(-\d+)?\.js$/);
    const problem = await rest(token).problem(SLUG);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), problem.starterCode.javascript);

    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    assert.ok(editor, 'the solution file is not open in an editor');
    document = editor.document;
    assert.ok(interviewTab(), 'the interview panel is not open');

    const api = await testApi();
    await waitFor('the introduction', () => api.manager.current?.turns.some((t) => t.speaker === 'interviewer'));
    await serverHasDocumentText();
  });

  it('streams edits made with editor.edit, WorkspaceEdit and multi-cursor typing; the server copy matches', async () => {
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    let mostChangesInOneEvent = 0;
    const watch = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document) mostChangesInOneEvent = Math.max(mostChangesInOneEvent, e.contentChanges.length);
    });
    // one editor.edit with several ranges: one change event carrying several contentChanges
    const todo = document.getText().indexOf('// TODO: your code here');
    await editor.edit((b) => {
      b.replace(new vscode.Range(document.positionAt(todo), document.positionAt(todo + '// TODO: your code here'.length)),
        'const seen = new Map();');
      b.insert(new vscode.Position(0, 0), '// Pair sum: one pass with a map\n');
      b.insert(document.lineAt(document.lineCount - 1).range.end, '\nmodule.exports = { pairSumIndices };\n');
    });

    // a WorkspaceEdit touching two places
    const edit = new vscode.WorkspaceEdit();
    const ret = document.getText().indexOf('return [];');
    edit.replace(document.uri, new vscode.Range(document.positionAt(ret), document.positionAt(ret + 'return [];'.length)),
      'for (let j = 0; j < nums.length; j++) {\n    const i = seen.get(target - nums[j]);\n    if (i !== undefined) return [i, j];\n    seen.set(nums[j], j);\n  }\n  return [];');
    edit.insert(document.uri, new vscode.Position(0, 0), '"use strict";\n');
    assert.ok(await vscode.workspace.applyEdit(edit));

    // three cursors typing at once: a single event whose changes VS Code reports relative to the old text
    const lines = [1, 3, 4].map((line) => document.lineAt(line).range.end);
    editor.selections = lines.map((p) => new vscode.Selection(p, p));
    await vscode.commands.executeCommand('type', { text: ' // ✓' });
    // and a deletion spanning lines, then an undo
    await editor.edit((b) => b.delete(new vscode.Range(new vscode.Position(1, 0), new vscode.Position(3, 0))));
    await vscode.commands.executeCommand('undo');

    watch.dispose();
    assert.ok(document.getText().includes('// ✓'), 'multi-cursor typing did not happen');
    assert.ok(mostChangesInOneEvent >= 3, `no event carried several changes (max ${mostChangesInOneEvent})`);
    await serverHasDocumentText();
    assert.match((await serverCode()) ?? '', /seen\.set\(nums\[j\], j\);/);
  });

  it('a burst of single keystrokes arrives intact too', async () => {
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    for (const ch of '// checked with [2,7,11,15] -> [0,1]\n') await vscode.commands.executeCommand('type', { text: ch });
    await serverHasDocumentText();
  });

  it('End Interview returns the evaluation and the Interviews tree lists the session with its score', async () => {
    const evaluation = await vscode.commands.executeCommand<EvaluationView | undefined>(COMMANDS.endInterview);
    assert.ok(evaluation, 'End Interview returned nothing');
    assert.ok(evaluation.overall >= 1 && evaluation.overall <= 4);
    const summary = (await rest(token).sessions()).find((s) => s.id === started.sessionId);
    assert.equal(summary?.state, 'ended');

    const { tree } = await testApi();
    const item = await waitFor('the tree to show the scored session', async () => {
      for (const node of await treeSessions(tree)) {
        if (node.session.id === started.sessionId && node.session.overall !== null) return tree.getTreeItem(node);
      }
      return undefined;
    });
    assert.equal(item.label, (await rest(token).problem(SLUG)).title);
    assert.ok(String(item.description).startsWith(evaluation.overall.toFixed(1)) || String(item.description).includes(`· ${evaluation.overall.toFixed(1)}`),
      `description "${String(item.description)}" lacks the score ${evaluation.overall.toFixed(1)}`);
  });

  it('starting the same problem again makes a numbered file; Delete Interview removes a session from the tree', async () => {
    const again = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, { problemSlug: SLUG, language: 'javascript' });
    assert.ok(again);
    assert.match(vscode.Uri.parse(again.solutionUri).path, /pair-sum-indices-\d+\.js$/);
    await vscode.commands.executeCommand(COMMANDS.endInterview);

    assert.equal(await vscode.commands.executeCommand(COMMANDS.deleteInterview, { sessionId: again.sessionId, confirm: false }), true);
    const { tree } = await testApi();
    const ids = (await treeSessions(tree)).map((n) => n.session.id);
    assert.ok(!ids.includes(again.sessionId), 'the deleted session is still listed');
    assert.ok(ids.includes(started.sessionId), 'the other session disappeared');
  });
});
