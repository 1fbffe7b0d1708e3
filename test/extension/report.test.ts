// The report in the real host: a finished text interview opens as a report with its replay, and Export
// Report writes the Markdown file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS } from '../../extension/src/config';
import { PASSWORD, registerViaRest, rest, testApi, waitFor } from './support';

describe('report and export in the real host', function () {
  this.timeout(90_000);
  let token: string;
  let sessionId: string;

  before(async () => {
    const account = await registerViaRest('host-report');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    token = (await rest().login({ email: account.email, password: PASSWORD })).token;
    const started = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, { problemSlug: 'pair-sum-indices', language: 'javascript' });
    assert.ok(started, 'Start Interview returned nothing (see the Mocktalk output channel)');
    sessionId = started.sessionId;
    const { manager } = await testApi();
    await waitFor('the introduction', () => manager.current?.turns.some((t) => t.speaker === 'interviewer'));
    await vscode.commands.executeCommand(COMMANDS.endInterview);
    await waitFor('the evaluation', async () => (await rest(token).session(sessionId)).evaluation, 30_000);
  });

  it('opens the report of the finished interview, with its replay served by the backend', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.openReport, sessionId), true);
    const replay = await rest(token).replay(sessionId);
    assert.equal(replay.sessionId, sessionId);
    assert.ok(replay.turns.length >= 1 && replay.turns[0]!.speaker === 'interviewer');
    assert.equal(replay.turns[0]!.latency?.from, 'text-request');
    const tab = await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mocktalk.report')));
    assert.match(tab.label, /Report/);
  });

  it('exports the report as Markdown to the chosen file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test host has a workspace folder');
    const target = vscode.Uri.joinPath(folder, `report-${Date.now()}.md`);
    const written = await vscode.commands.executeCommand<vscode.Uri | null>(COMMANDS.exportReport, { sessionId, target: target.fsPath });
    assert.equal(written?.fsPath, target.fsPath);
    const text = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    const detail = await rest(token).session(sessionId);
    assert.ok(text.startsWith(`# ${detail.problem.title}\n`), text.slice(0, 200));
    assert.match(text, /## Result\n\n\*\*(Strong hire|Hire|No hire|Strong no hire)\*\* · overall \d\.\d \/ 4/);
    assert.match(text, /## Transcript\n\n\*\*Interviewer\*\* · 00:0\d · [A-Z][a-z-]+ · turn 1\n/);
    assert.ok(text.includes(`> ${detail.turns[0]!.text.split('\n')[0]}`), 'the first turn is quoted');
    assert.match(text, /## Latency\n[\s\S]*\| 1 \| text request \| — \| — \| \d+ \|/);
    await vscode.workspace.fs.delete(target);
  });
});
