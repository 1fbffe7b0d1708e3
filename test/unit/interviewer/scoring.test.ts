import assert from 'node:assert/strict';
import { DIMENSIONS, DimensionScore, type Dimension } from '../../../protocol/src/domain';
import type { EvaluationDraft } from '../../../backend/src/interviewer/interviewer';
import { bandFor } from '../../../backend/src/interviewer/local/scoring';
import { ScriptedSession } from './harness';
import { JS_HASHMAP, JS_NESTED } from './fixtures';

async function strongInterview(): Promise<ScriptedSession> {
  const s = new ScriptedSession();
  await s.start();
  await s.say('Can the array be empty, and can values be negative?');
  await s.say('Could there be duplicate values? That matters for the lookup.');
  await s.say("I'd scan once and keep a hash map from each value to its index, checking for target minus the value first.");
  await s.say("That's O(n) time and O(n) extra space for the map.");
  await s.settle(JS_HASHMAP);
  await s.say('The map holds values I have already passed, so I check before I insert, which also handles equal values.');
  await s.say("I think I'm done, can we test it?");
  await s.say('Walking through: at i = 0 need is 7, not in the map, store 2; at i = 1 need is 2, found at 0, return [0, 1].');
  await s.say('Edge case with duplicates: for [3, 3] the first 3 is stored, the second finds it, so [0, 1]. Negatives work the same way.');
  await s.say('O(n) time and O(n) space, and I believe that is optimal since every element must be read.');
  assert.ok(s.ended);
  return s;
}

async function weakInterview(): Promise<ScriptedSession> {
  const s = new ScriptedSession();
  await s.start();
  await s.say('ok');
  await s.say('Let me start coding.');
  await s.say('Let me start coding.');
  await s.say("I'm stuck, hint?");
  await s.say('another hint');
  await s.settle(JS_NESTED, 'javascript', [{ line: 4, severity: 'error', message: "';' expected." }]);
  await s.say('done');
  return s;
}

const score = (draft: EvaluationDraft, dimension: Dimension): number =>
  draft.scores.find((s) => s.dimension === dimension)?.score ?? 0;

function assertWellFormed(draft: EvaluationDraft, session: ScriptedSession): void {
  assert.deepEqual(draft.scores.map((s) => s.dimension), [...DIMENSIONS]);
  for (const s of draft.scores) {
    DimensionScore.parse(s);
    assert.ok(s.evidence.length > 0, `${s.dimension} has no evidence`);
  }
  const mean = draft.scores.reduce((sum, s) => sum + s.score, 0) / draft.scores.length;
  assert.equal(draft.overall, Math.round(mean * 100) / 100);
  assert.equal(draft.band, bandFor(draft.overall));
  const sentences = draft.summary.split(/(?<=\.)\s+(?=[A-Z])/);
  assert.ok(sentences.length >= 2 && sentences.length <= 4, draft.summary);
  const lines = session.code?.text.split('\n') ?? [];
  for (const e of draft.scores.flatMap((s) => s.evidence)) {
    if (e.kind === 'code') {
      assert.equal(e.ref, session.code?.snapshotSeq);
      assert.equal(lines[(e.line ?? 0) - 1]?.trim(), e.quote, `code evidence on line ${e.line}`);
    }
    if (e.kind === 'turn') {
      const turn = session.turns.find((t) => t.seq === e.ref);
      assert.equal(turn?.speaker, 'candidate');
      assert.ok(turn?.text.startsWith(e.quote.replace(/…$/, '')), `turn ${e.ref}`);
    }
  }
}

describe('local interviewer: evaluation', () => {
  it('scores a strong interview higher than a weak one, dimension by dimension', async () => {
    const strong = await (await strongInterview()).evaluate();
    const weak = await (await weakInterview()).evaluate();
    assert.ok(strong.overall > weak.overall, `${strong.overall} vs ${weak.overall}`);
    for (const d of DIMENSIONS) assert.ok(score(strong, d) >= score(weak, d), d);
    assert.ok(['strong-hire', 'hire'].includes(strong.band), strong.band);
    assert.ok(['no-hire', 'strong-no-hire'].includes(weak.band), weak.band);
  });

  it('backs every score with evidence whose code lines and turn quotes are real', async () => {
    for (const session of [await strongInterview(), await weakInterview()]) assertWellFormed(await session.evaluate(), session);
  });

  it('quotes the code it judged on the right lines', async () => {
    const session = await strongInterview();
    const coding = (await session.evaluate()).scores.find((s) => s.dimension === 'coding');
    const cited = coding?.evidence.filter((e) => e.kind === 'code').map((e) => [e.line, e.quote]);
    assert.deepEqual(cited, [[1, 'function pairWithTargetSum(nums, target) {'], [2, 'const seen = new Map();'], [6, 'return [seen.get(need), i];']]);
  });

  it('gives the strong interview full marks for problem solving and verification', async () => {
    const draft = await (await strongInterview()).evaluate();
    assert.equal(score(draft, 'problem-solving'), 4);
    assert.equal(score(draft, 'verification'), 4);
  });

  it('lowers problem solving for hints and points at the quadratic loop', async () => {
    const draft = await (await weakInterview()).evaluate();
    const ps = draft.scores.find((s) => s.dimension === 'problem-solving');
    assert.equal(ps?.score, 1);
    assert.ok(ps?.evidence.some((e) => e.kind === 'signal' && /Needed 2 of 3 hints/.test(e.quote)));
    assert.ok(ps?.evidence.some((e) => e.kind === 'code' && e.line === 4));
  });

  it('lowers coding when the editor reports errors, citing the line', async () => {
    const session = await strongInterview();
    const clean = score(await session.evaluate(), 'coding');
    session.setCode(JS_HASHMAP, 'javascript', [{ line: 5, severity: 'error', message: 'Unexpected token' }]);
    const draft = await session.evaluate();
    assert.ok(score(draft, 'coding') < clean);
    assert.ok(draft.scores.find((s) => s.dimension === 'coding')?.evidence.some((e) => e.line === 6 && e.quote === 'return [seen.get(need), i];'));
  });

  it('scores an empty interview 1 everywhere as strong-no-hire, and says why', async () => {
    const session = new ScriptedSession();
    await session.start();
    const draft = await session.evaluate();
    assert.deepEqual(draft.scores.map((s) => s.score), [1, 1, 1, 1]);
    assert.equal(draft.overall, 1);
    assert.equal(draft.band, 'strong-no-hire');
    assert.match(draft.summary, /nothing to assess/);
    for (const s of draft.scores) assert.ok(s.evidence.length > 0);
  });

  it('treats untouched starter code as no code', async () => {
    const session = new ScriptedSession();
    await session.start();
    session.setCode(session.problem.starterCode.javascript);
    assert.equal((await session.evaluate()).band, 'strong-no-hire');
  });

  it('maps overall scores to bands at the documented thresholds', () => {
    assert.equal(bandFor(3.5), 'strong-hire');
    assert.equal(bandFor(3.49), 'hire');
    assert.equal(bandFor(2.75), 'hire');
    assert.equal(bandFor(2.74), 'no-hire');
    assert.equal(bandFor(2), 'no-hire');
    assert.equal(bandFor(1.99), 'strong-no-hire');
  });
});
