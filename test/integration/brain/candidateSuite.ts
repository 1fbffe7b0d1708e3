// Scripted candidates over the real WebSocket and Postgres with the local interviewer. The test client plays
// the extension: it streams the buffer, and runs the hidden tests with the real runner when asked.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { TurnView } from '../../../protocol/src/domain';
import type { EvaluationView } from '../../../protocol/src/domain';
import { runTests } from '../../../extension/src/runner/runTests';
import { clipForWire } from '../../../protocol/src/testRun';
import type { RunningServer } from '../../../backend/src/server';
import { registerUser, TestSocket } from '../../support/client';

const OPTIMAL = `function pairSumIndices(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const want = target - nums[j];
    if (seen.has(want)) return [seen.get(want), j];
    seen.set(nums[j], j);
  }
  return [];
}
`;
const BRUTE = `function pairSumIndices(nums, target) {
  for (let i = 0; i < nums.length; i++) {
    for (let j = i + 1; j < nums.length; j++) {
      if (nums[i] + nums[j] === target) return [i, j];
    }
  }
  return [];
}
`;
const WRONG = `function pairSumIndices(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    seen.set(nums[j], j);
    const want = target - nums[j];
    if (seen.has(want)) return [seen.get(want), j];
  }
  return [];
}
`;

interface Played { turns: TurnView[]; evaluation: EvaluationView; code: string }

/** Plays one candidate: each step is an answer, a code buffer, or a pause; the tests run when asked. */
class Candidate {
  private version = 0;
  code = '';
  constructor(readonly socket: TestSocket) {
    socket.ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'tests/runRequested') void this.runRequestedTests(message.run);
    });
  }

  private async runRequestedTests(run: { runId: string; language: 'javascript'; functionName: string; testCases: never[]; limits: never }) {
    const result = await runTests({ language: run.language, code: this.code, functionName: run.functionName, testCases: run.testCases, limits: run.limits });
    this.socket.send({ type: 'tests/didRun', runId: run.runId, documentVersion: this.version, result: clipForWire(result) });
  }

  /** Sends the answer and waits for the interviewer's reply to it. */
  async say(text: string): Promise<TurnView> {
    const id = randomUUID();
    this.socket.send({ type: 'answer/submit', clientMessageId: id, text });
    const echo = await this.socket.next('turn/didComplete', (m) => m.turn.clientMessageId === id);
    return (await this.socket.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer' && m.turn.seq > echo.turn.seq, 20_000)).turn;
  }

  /** Types the whole solution (a full buffer, then a small edit), and waits for the snapshot to settle. */
  async write(code: string): Promise<void> {
    this.code = code;
    this.socket.send({ type: 'code/open', documentVersion: ++this.version, language: 'javascript', text: code });
    await new Promise((r) => setTimeout(r, 400));
  }

  async waitForInterviewer(predicate: (t: TurnView) => boolean, timeoutMs = 20_000): Promise<TurnView> {
    return (await this.socket.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer' && predicate(m.turn), timeoutMs)).turn;
  }

  async end(): Promise<Played> {
    this.socket.send({ type: 'session/end', requestId: 'end' });
    const { evaluation } = await this.socket.next('session/didEnd', () => true, 20_000);
    const turns = this.socket.all('turn/didComplete').map((m) => m.turn);
    await this.socket.close();
    return { turns, evaluation, code: this.code };
  }
}

/** Every interviewer remark that names a line or quotes code must match the candidate's real buffer. */
function assertCitationsExist(played: Played): number {
  const lines = played.code.split('\n');
  let checked = 0;
  for (const turn of played.turns.filter((t) => t.speaker === 'interviewer')) {
    for (const match of turn.text.matchAll(/[Ll]ine (\d+)/g)) {
      const n = Number(match[1]);
      assert.ok(n >= 1 && n <= lines.length && lines[n - 1]!.trim() !== '', `turn ${turn.seq} cites line ${n}, which is not in the buffer: ${turn.text}`);
      checked++;
    }
    for (const match of turn.text.matchAll(/`([^`]+)`/g)) {
      const quoted = match[1]!.replace(/…$/, '');
      if (/^(for|if|const|let|return|while|seen|function)\b/.test(quoted)) {
        assert.ok(played.code.includes(quoted), `turn ${turn.seq} quotes \`${quoted}\`, which is not in the buffer`);
        checked++;
      }
    }
  }
  return checked;
}

/** The same four candidates against any interviewer configuration; `start` gives a server using it. */
export function describeScriptedCandidates(title: string, start: () => Promise<RunningServer>): void {
describe(title, function () {
  this.timeout(90_000);
  let server: RunningServer;
  let token: string;
  const played: Record<string, Played> = {};

  before(async () => {
    server = await start();
    token = (await registerUser(server.url, 'scripted')).token;
  });

  async function begin(): Promise<Candidate> {
    const socket = await TestSocket.authenticated(server.url, token);
    socket.send({ type: 'session/start', requestId: 's', problemSlug: 'pair-sum-indices', language: 'javascript' });
    await socket.next('session/didJoin');
    await socket.next('turn/didComplete', (m) => m.turn.seq === 1);
    return new Candidate(socket);
  }

  it('an optimal candidate: clarifies, plans O(n), codes it, passes the hidden tests', async () => {
    const c = await begin();
    await c.say('Can the array contain negative numbers, and how large can it get?');
    await c.say('I would use a hash map from value to index and scan once, so it is O(n) time and O(n) space.');
    await c.say("Sounds good, I'll start coding now.");
    await c.write(OPTIMAL);
    await c.say("I'm done. Let me walk through the first example: 2 is stored, then 7 finds 2 at index 0, so we return [0, 1].");
    const results = await c.waitForInterviewer((t) => /hidden test/.test(t.text));
    assert.match(results.text, /all of them pass/);
    await c.say('For an edge case with duplicates like [3, 3] and target 6, the lookup happens before storing, so it returns [0, 1]. I tested it.');
    await c.say('The final complexity is O(n) time and O(n) space, which is optimal.');
    played.optimal = await c.end();
  });

  it('a brute-force candidate is asked about the cost of its real nested loop lines', async () => {
    const c = await begin();
    await c.say('Can the array be empty?');
    await c.say('The brute force approach: check every pair with two loops.');
    await c.say('Let me code it.');
    await c.write(BRUTE);
    const remark = await c.waitForInterviewer((t) => /line \d+/i.test(t.text));
    const cited = [...remark.text.matchAll(/line (\d+)/gi)].map((m) => Number(m[1]));
    assert.ok(cited.some((n) => /for \(/.test(BRUTE.split('\n')[n - 1]!)), `the remark cites a loop line: ${remark.text}`);
    assert.match(remark.text, /cost|O\(|10\^4|times/i);
    await c.say("I'm done, it returns the first pair found.");
    await c.waitForInterviewer((t) => /hidden test/.test(t.text));
    await c.say('It is O(n^2) time and O(1) space.');
    played.brute = await c.end();
  });

  it('a wrong candidate is confronted with a concrete failing case from the hidden tests', async () => {
    const c = await begin();
    await c.say('I will use a hash map and look up the complement, O(n).');
    await c.say('Starting to code.');
    await c.write(WRONG);
    await c.say("I'm done.");
    const confront = await c.waitForInterviewer((t) => /hidden test/.test(t.text));
    assert.match(confront.text, /fail/);
    assert.match(confront.text, /For the input `\[.*\]` it returns `\[.*\]`, but the expected answer is `\[.*\]`/);
    played.wrong = await c.end();
  });

  it('a silent, stuck candidate receives a nudge-level hint first', async () => {
    const c = await begin();
    const nudge = await c.waitForInterviewer((t) => t.seq > 1, 15_000);
    assert.match(nudge.text, /nudge/);
    assert.ok(nudge.text.includes('What information would let you skip the inner loop?'), 'the first (gentlest) hint');
    played.stuck = await c.end();
  });

  it('orders the bands: optimal > brute force > wrong, with evidence behind every score', () => {
    const { optimal, brute, wrong } = played;
    assert.ok(optimal && brute && wrong, 'the candidates above ran');
    assert.ok(optimal.evaluation.overall > brute.evaluation.overall, `optimal ${optimal.evaluation.overall} > brute ${brute.evaluation.overall}`);
    assert.ok(brute.evaluation.overall > wrong.evaluation.overall, `brute ${brute.evaluation.overall} > wrong ${wrong.evaluation.overall}`);
    assert.ok(['strong-hire', 'hire'].includes(optimal.evaluation.band), optimal.evaluation.band);
    for (const p of [optimal, brute, wrong]) for (const s of p.evaluation.scores) assert.ok(s.evidence.length > 0, s.dimension);
  });

  it('every follow-up about code cites a line or identifier that exists in the buffer', () => {
    const checked = Object.values(played).reduce((n, p) => n + assertCitationsExist(p), 0);
    assert.ok(checked >= 2, `citations checked: ${checked}`);
  });
});
}
