// Run Tests in the real host: the candidate's document runs on this machine and the backend stores a passing run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS } from '../../extension/src/config';
import type { RunRequestOutcome } from '../../extension/src/interview/testRuns';
import { PASSWORD, registerViaRest, rest, testApi, waitFor } from './support';

const CORRECT = `function pairSumIndices(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]);
    if (i !== undefined) return [i, j];
    seen.set(nums[j], j);
  }
  return [];
}
`;

describe('Run Tests in the real host', function () {
  this.timeout(90_000);
  let token: string;
  let started: StartedInterview | undefined;

  before(async () => {
    const account = await registerViaRest('host-tests');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    token = (await rest().login({ email: account.email, password: PASSWORD })).token;
  });
  after(async () => {
    if (started && (await testApi()).manager.active) await vscode.commands.executeCommand(COMMANDS.endInterview);
  });

  it('runs the document as it is in the editor and the backend stores a run with no failures', async () => {
    started = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, { problemSlug: 'pair-sum-indices', language: 'javascript' });
    assert.ok(started, 'Start Interview returned nothing (see the Mocktalk output channel)');
    const { manager } = await testApi();
    await waitFor('the introduction', () => manager.current?.turns.some((t) => t.speaker === 'interviewer'));

    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(started.solutionUri), { viewColumn: vscode.ViewColumn.One });
    const document = editor.document;
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), CORRECT));
    // Run at once, inside CodeSync's debounce: the run itself must push the edit before the tests run.
    const outcome = await vscode.commands.executeCommand<RunRequestOutcome | undefined>(COMMANDS.runTests);
    assert.equal(outcome, 'requested');

    const run = await waitFor('the run to finish on this machine', () => manager.current?.testRunMessages()
      .find((m) => m.type === 'tests/didComplete'), 30_000);
    assert.ok(run.type === 'tests/didComplete');
    assert.equal(run.ranOnVersion, document.version);
    assert.equal(run.result.toolchain?.name, 'node');
    assert.deepEqual([run.result.passed, run.result.failed], [7, 0]);

    // The interviewer speaks of the run only once the backend has stored it as completed with these counts.
    const sessionId = started.sessionId;
    const reply = await waitFor('the backend to store the run and the interviewer to react', async () => {
      const detail = await rest(token).session(sessionId);
      return detail.turns.find((t) => t.speaker === 'interviewer' && /hidden tests? and all of them pass/.test(t.text));
    }, 30_000);
    assert.match(reply.text, /against 7 hidden tests/);
    const snapshots = (await rest(token).session(sessionId)).codeSnapshots;
    assert.ok(snapshots.some((s) => s.text === CORRECT && s.documentVersion === run.ranOnVersion),
      'the server holds the exact version the tests ran on');
  });
});
