// The sidebar in the real host: the Interviews tree groups real sessions by week with score badges, its context-menu
// commands (Practise Again, Delete) act on the server, the Progress view loads and follows interview endings, and
// the status bar shows the stage, a ticking clock and the microphone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RestClient } from '../../extension/src/api/restClient';
import { AuthStore } from '../../extension/src/auth/authStore';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS, VIEWS } from '../../extension/src/config';
import { InterviewsTreeProvider, type InterviewNode } from '../../extension/src/views/interviewsTree';
import type { EvaluationView } from '../../protocol/src/domain';
import type { ProgressViewContent } from '../../protocol/src/webview';
import { PASSWORD, registerViaRest, rest, testApi, treeSessions, waitFor } from './support';

const SLUG = 'pair-sum-indices';
const OTHER_SLUG = 'bracket-balance';
const DAY_MS = 86_400_000;

async function start(problemSlug: string, language: 'javascript' | 'python' = 'javascript'): Promise<StartedInterview> {
  const started = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, { problemSlug, language });
  assert.ok(started, 'Start Interview returned nothing (see the Mocktalk output channel)');
  return started;
}

async function end(): Promise<EvaluationView> {
  const evaluation = await vscode.commands.executeCommand<EvaluationView | undefined>(COMMANDS.endInterview);
  assert.ok(evaluation, 'End Interview returned nothing');
  return evaluation;
}

describe('sidebar: interviews by week, context menu, progress view and status bar', function () {
  this.timeout(120_000);
  let token: string;
  let scored: StartedInterview;
  let scoredEvaluation: EvaluationView;
  let running: StartedInterview;

  before(async () => {
    const account = await registerViaRest('host-sidebar');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    token = (await rest().login({ email: account.email, password: PASSWORD })).token;
    scored = await start(SLUG);
    scoredEvaluation = await end();
    running = await start(OTHER_SLUG, 'python');
  });

  after(async () => {
    const { manager } = await testApi();
    if (manager.active) await vscode.commands.executeCommand(COMMANDS.endInterview);
  });

  it('groups the real sessions under "This week" with a score badge for the scored one and "In progress" for the running one', async () => {
    const { tree } = await testApi();
    tree.refresh();
    const weeks = await tree.getChildren();
    assert.deepEqual(weeks.map((w) => tree.getTreeItem(w).label), ['This week']);
    const week = tree.getTreeItem(weeks[0]!);
    assert.equal(week.description, '2 interviews');
    assert.equal(week.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(tree.state, 'loaded');

    const nodes = await treeSessions(tree);
    assert.deepEqual(nodes.map((n) => n.session.id), [running.sessionId, scored.sessionId], 'newest first');
    const [active, ended] = nodes.map((n) => tree.getTreeItem(n));
    assert.match(String(active!.description), /^In progress · \w+/);
    assert.equal(active!.contextValue, 'mocktalk.session.active');
    const bands = { 'strong-hire': 'Strong hire', hire: 'Hire', 'no-hire': 'No hire', 'strong-no-hire': 'Strong no hire' };
    assert.ok(String(ended!.description).startsWith(`${scoredEvaluation.overall.toFixed(1)} · ${bands[scoredEvaluation.band]} · `),
      `badge "${String(ended!.description)}" does not show ${scoredEvaluation.overall.toFixed(1)} · ${scoredEvaluation.band}`);
    assert.equal(ended!.contextValue, 'mocktalk.session.ended');
    assert.match((ended!.tooltip as vscode.MarkdownString).value, /overall/);
    assert.deepEqual(ended!.command?.arguments, [scored.sessionId]);
  });

  it('names older weeks relative to the clock: the same sessions are "Last week", then "Week of …" with later clocks', async () => {
    const { secrets } = await testApi();
    const auth = new AuthStore(secrets);
    const log = vscode.window.createOutputChannel('Mocktalk sidebar test', { log: true });
    try {
      await auth.reload();
      const labelsAt = async (offsetDays: number) => {
        const tree = new InterviewsTreeProvider(auth, log, { now: () => new Date(Date.now() + offsetDays * DAY_MS), locale: 'en-GB', timeZone: 'UTC' });
        try {
          return (await tree.getChildren()).map((n) => String(tree.getTreeItem(n).label));
        } finally {
          tree.dispose();
        }
      };
      assert.deepEqual(await labelsAt(7), ['Last week']);
      const [older] = await labelsAt(21);
      assert.match(older ?? '', /^Week of \d{1,2} [A-Z][a-z]{2}( \d{4})?$/);
    } finally {
      auth.dispose();
      log.dispose();
    }
  });

  it('lists nothing and reports "unreachable" (its welcome message) when the server does not answer, "loaded" when it does', async () => {
    // The real REST client against a loopback port nothing listens on, behind a signed-in user.
    const signedIn = { id: 'u', email: 'a@example.test', displayName: 'A', role: 'user' as const };
    const onDidChange = new vscode.EventEmitter<unknown>();
    const deadServer = {
      user: signedIn, onDidChange: onDidChange.event, clear: async () => undefined,
      client: async () => new RestClient({ baseUrl: 'http://127.0.0.1:9', token: 'mt_x', timeoutMs: 2_000 }),
    } as unknown as AuthStore;
    const log = vscode.window.createOutputChannel('Mocktalk sidebar test', { log: true });
    const tree = new InterviewsTreeProvider(deadServer, log);
    try {
      assert.deepEqual(await tree.getChildren(), []);
      assert.equal(tree.state, 'unreachable');
    } finally {
      tree.dispose();
      onDidChange.dispose();
      log.dispose();
    }
    const { tree: real } = await testApi();
    await real.getChildren();
    assert.equal(real.state, 'loaded', 'the context key is set back for the real tree');
  });

  it('shows the stage, a ticking clock and the microphone in the status bar; a click toggles mute through the provider', async () => {
    const { statusBar, mute } = await testApi();
    assert.ok(statusBar.view.visible);
    const first = statusBar.view.text;
    assert.match(first, /\d{2}:\d{2}/, `no elapsed time in "${first}"`);
    assert.equal(statusBar.view.command, COMMANDS.showInterview, 'a text interview: the click shows the panel');
    await waitFor('the clock to tick', () => statusBar.view.text !== first && /\d{2}:\d{2}/.test(statusBar.view.text), 3_000);

    statusBar.setMic({ state: 'listening', mode: 'open', sending: true });
    assert.match(statusBar.view.text, /\$\(mic-filled\)/);
    assert.equal(statusBar.view.command, COMMANDS.toggleMute);
    statusBar.setMic({ state: 'muted', mode: 'open', sending: false });
    assert.match(statusBar.view.text, /\$\(mute\) muted/);
    assert.match(statusBar.view.tooltip, /Microphone: muted/);
    statusBar.setMic({ state: 'error', mode: 'open', sending: false, error: { kind: 'no-device', message: 'No microphone found.' } });
    assert.match(statusBar.view.text, /\$\(warning\) mic/);
    assert.match(statusBar.view.tooltip, /No microphone found/);

    let toggles = 0;
    const provided = mute.use(() => { toggles += 1; });
    await vscode.commands.executeCommand(COMMANDS.toggleMute);
    assert.equal(toggles, 1);
    provided.dispose();
    assert.equal(mute.hasProvider, false);
    await vscode.commands.executeCommand(COMMANDS.toggleMute); // the "no voice in this interview" message; no provider call
    assert.equal(toggles, 1);
    statusBar.setMic(null);
    assert.doesNotMatch(statusBar.view.text, /\$\(mic|\$\(mute|mic$/);
  });

  it('loads the Progress view when shown, and reloads it when an interview ends', async () => {
    const { progress } = await testApi();
    await vscode.commands.executeCommand(`${VIEWS.progress}.focus`);
    const before = await waitFor('the progress view to load', () =>
      progress.isReady && progress.content.status === 'loaded' ? progress.content : undefined, 30_000);
    assert.equal(before.progress.interviews, 1);
    assert.equal(before.progress.overall[0]?.sessionId, scored.sessionId);

    const posted: ProgressViewContent[] = [];
    const watch = progress.onDidPost((content) => posted.push(content));
    try {
      await end(); // the running python interview
      const after = await waitFor('the progress view to show the second interview', () =>
        posted.find((c) => c.status === 'loaded' && c.progress.interviews === 2), 30_000);
      assert.deepEqual(after.status === 'loaded' && after.progress.overall.map((p) => p.sessionId), [scored.sessionId, running.sessionId]);
    } finally {
      watch.dispose();
    }
    // and the refresh command reloads it too
    const refreshed = await vscode.commands.executeCommand<ProgressViewContent>(COMMANDS.refreshProgress);
    assert.equal(refreshed.status, 'loaded');
  });

  it('Practise Again on a tree item starts a new interview on the same problem and language', async () => {
    const { tree } = await testApi();
    tree.refresh();
    const node = (await treeSessions(tree)).find((n) => n.session.id === running.sessionId);
    assert.ok(node, 'the python interview is not in the tree');
    let relisted = 0;
    const watch = tree.onDidChangeTreeData(() => { relisted += 1; });
    const again = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.practiseAgain, node satisfies InterviewNode);
    assert.ok(again, 'Practise Again returned nothing');
    await waitFor('the tree to relist the new interview once it joined', () => relisted > 0).finally(() => watch.dispose());
    const listed = (await treeSessions(tree)).find((n) => n.session.id === again.sessionId);
    assert.match(String(listed && tree.getTreeItem(listed).description), /^In progress/);
    assert.notEqual(again.sessionId, running.sessionId);
    const detail = await rest(token).session(again.sessionId);
    assert.equal(detail.problem.slug, OTHER_SLUG);
    assert.equal(detail.language, 'python');
    assert.match(vscode.Uri.parse(again.solutionUri).path, /bracket-balance-\d+\.py$/);
    await end();
  });

  it('Delete removes the interview from the server and the tree, and the Progress view follows', async () => {
    const { tree, progress } = await testApi();
    const ok = await vscode.commands.executeCommand(COMMANDS.deleteInterview, { sessionId: scored.sessionId, confirm: false });
    assert.equal(ok, true);
    await assert.rejects(rest(token).session(scored.sessionId));
    const ids = (await treeSessions(tree)).map((n) => n.session.id);
    assert.ok(!ids.includes(scored.sessionId), 'the deleted interview is still listed');
    assert.ok(ids.includes(running.sessionId));
    await waitFor('the progress view to drop the deleted interview', () =>
      progress.content.status === 'loaded' && !progress.content.progress.overall.some((p) => p.sessionId === scored.sessionId));
  });
});
