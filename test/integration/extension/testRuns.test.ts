// The extension's test-run logic (vscode-free) against a real backend: the server asks, the runner runs the
// candidate's code on this machine, the report is stored as a TestRun and the interviewer reacts to it.
import { strict as assert } from 'node:assert';
import { TestRun } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import type { Language, TurnView } from '../../../protocol/src/domain';
import type { ClientMessageOf } from '../../../protocol/src/session';
import { SessionSocket } from '../../../extension/src/connection/sessionSocket';
import { TestRuns, type CompletedRun, type MissingToolchain } from '../../../extension/src/interview/testRuns';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';

/** Lets j start at i, so a value is paired with itself: [[3,3],6] gives [0,0]. */
const WRONG = `function pairSumIndices(nums, target) {
  for (let i = 0; i < nums.length; i++) {
    for (let j = i; j < nums.length; j++) {
      if (nums[i] + nums[j] === target) return [i, j];
    }
  }
  return [];
}
`;
const LOOPS_FOREVER = 'function pairSumIndices(nums, target) {\n  for (;;) {}\n}\n';

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A candidate's editor in miniature: the buffer, what the server holds of it, and the interview's TestRuns. */
interface Candidate {
  socket: SessionSocket;
  runs: TestRuns;
  turns: TurnView[];
  completed: CompletedRun[];
  missing: MissingToolchain[];
  /** Changes the buffer without syncing it, like keystrokes inside CodeSync's debounce window. */
  type(text: string): void;
}

describe('extension test runs against a real backend', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let token: string;
  const candidates: Candidate[] = [];

  before(async () => {
    server = await startTestServer();
    token = (await registerUser(server.url, 'runs')).token;
  });
  afterEach(() => {
    for (const c of candidates.splice(0)) {
      c.runs.dispose();
      c.socket.dispose();
    }
  });

  async function interview(language: Language, options: { pythonPath?: string } = {}): Promise<Candidate> {
    const socket = new SessionSocket({ serverUrl: server.url, token, target: { kind: 'start', request: { problemSlug: 'pair-sum-indices', language } } });
    let text = '';
    let version = 1;
    let syncedVersion: number | null = null;
    const open = (): ClientMessageOf<'code/open'> => ({
      type: 'code/open', documentVersion: version, language, text, cursor: null, selection: null, diagnostics: [],
    });
    const runs = new TestRuns({
      socket,
      flushCode: () => {
        if (syncedVersion !== version && socket.sendCode(open())) syncedVersion = version;
      },
      readSolution: async () => ({ text, version }),
      runnerOptions: () => ({ pythonPath: options.pythonPath }),
      log: () => undefined,
    });
    const candidate: Candidate = {
      socket, runs, turns: [], completed: [], missing: [],
      type(next) { text = next; version += 1; },
    };
    candidates.push(candidate);
    socket.onJoin.on(() => { if (socket.sendCode(open())) syncedVersion = version; });
    socket.onMessage.on((m) => { if (m.type === 'turn/didComplete') candidate.turns.push(m.turn); });
    runs.onDidComplete.on((run) => candidate.completed.push(run));
    runs.onMissingToolchain.on((missing) => candidate.missing.push(missing));
    socket.connect();
    await waitFor('the introduction', () => candidate.turns.some((t) => t.speaker === 'interviewer'));
    return candidate;
  }

  const storedRun = (runId: string) => server.orm.em.fork().findOneOrFail(TestRun, { id: runId });
  // The interviewer may remark on the new code first; the reply to a run is the one about the tests.
  const replyAfter = (c: Candidate, seq: number) => waitFor('the interviewer to react to the run',
    () => c.turns.find((t) => t.speaker === 'interviewer' && t.seq > seq && /\b(ran|run) your code\b/.test(t.text)));

  it('runs a wrong solution on request, after syncing the latest edit; the run is stored and the interviewer cites the failing input', async () => {
    const c = await interview('javascript');
    c.type(WRONG); // not synced yet: the run must flush it first so the server tests what the candidate sees
    const lastSeq = c.turns.at(-1)!.seq;
    assert.equal(c.runs.request(), 'requested');
    assert.equal(c.runs.request(), 'busy', 'a second request while one is pending is refused');

    const run = await waitFor('the run to finish', () => c.completed[0]);
    assert.equal(run.ranOnVersion, 2);
    assert.deepEqual([run.result.passed, run.result.failed], [4, 3]);
    assert.equal(run.result.toolchain?.name, 'node');
    const firstFailure = run.result.cases.find((k) => k.verdict !== 'pass');
    assert.deepEqual([firstFailure?.input, firstFailure?.actual, firstFailure?.expected], ['[[3,3],6]', '[0,0]', '[0,1]']);

    const stored = await waitFor('the stored run', async () => {
      const r = await storedRun(run.runId);
      return r.completedAt ? r : undefined;
    });
    assert.equal(stored.requestedBy, 'candidate');
    assert.deepEqual([stored.passed, stored.failed, stored.documentVersion], [4, 3, 2]);
    assert.ok(stored.snapshotSeq !== null, 'the run is tied to the snapshot it ran on, so the flush reached the server first');

    const reply = await replyAfter(c, lastSeq);
    assert.match(reply.text, /\[\[3,3\],6\]/);
    assert.match(reply.text, /4 pass and 3 fail/);
    assert.equal(c.runs.busy, false);
    assert.equal(c.runs.latest?.runId, run.runId);
  });

  it('reports a missing interpreter, tells the candidate once, and the interviewer says it could not run', async () => {
    const c = await interview('python', { pythonPath: '/nonexistent/python3' });
    c.type('def pair_sum_indices(nums, target):\n    return [0, 1]\n');
    const lastSeq = c.turns.at(-1)!.seq;
    assert.equal(c.runs.request(), 'requested');
    const first = await waitFor('the first run', () => c.completed[0]);
    assert.equal(first.result.toolchain, null);
    assert.match(first.result.missing ?? '', /Python 3\.8\+ is needed[\s\S]*Install Python 3/);
    assert.match((await replyAfter(c, lastSeq)).text, /couldn't run your code on your machine/);
    const stored = await storedRun(first.runId);
    assert.equal(stored.result?.missing, first.result.missing);

    assert.equal(c.runs.request(), 'requested');
    await waitFor('the second run', () => c.completed[1]);
    assert.equal(c.missing.length, 1, 'the candidate is told once, not on every run');
    assert.equal(c.missing[0].language, 'python');
  });

  it('ending the interview kills a run in progress and reports nothing', async () => {
    const c = await interview('javascript');
    c.type(LOOPS_FOREVER);
    let startedRunId: string | null = null;
    c.runs.onDidStart.on(({ runId }) => { startedRunId = runId; });
    assert.equal(c.runs.request(), 'requested');
    const runId = await waitFor('the run to start', () => startedRunId ?? undefined);
    await new Promise((r) => setTimeout(r, 300)); // the looping cases are running now
    const t0 = Date.now();
    c.runs.dispose();
    await waitFor('the run to stop', () => c.runs.running === null, 2_000);
    assert.ok(Date.now() - t0 < 2_000, 'the run was not cut short');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(c.completed.length, 0);
    assert.equal((await storedRun(runId)).completedAt, null, 'no report reached the server');
  });
});
