import assert from 'node:assert/strict';
import type { TestRunSummary } from '../../../backend/src/interviewer/interviewer';
import { initCodeAnalysis } from '../../../backend/src/analysis/analyze';
import { JS_HASHMAP, JS_NESTED } from './fixtures';
import { ScriptedSession as Harness } from './harness';

const run = (over: Partial<TestRunSummary>): TestRunSummary => ({
  runId: `run-${Math.random()}`, requestedBy: 'interviewer', passed: 5, failed: 0, missing: null, firstFailure: null, snapshotSeq: 1, ...over,
});
const failing = (passed: number, failed: number): TestRunSummary => run({
  passed, failed, firstFailure: { index: 1, verdict: 'fail', input: '[[3,3],6]', expected: '[0,1]', actual: '[0,0]', durationMs: 3 },
});

async function codingWith(code: string): Promise<Harness> {
  const h = new Harness();
  await h.start();
  await h.say('I will use a hash map, O(n).');
  await h.say("Let's code it.");
  h.setCode(code);
  await h.say("I'm done.");
  return h;
}

async function report(h: Harness, r: TestRunSummary) {
  const reply = await h.run({ kind: 'tests-completed', run: r });
  h.testRuns.push(r);
  return reply;
}

describe('local interviewer: test runs and adaptive follow-ups', () => {
  it('asks the client to run the hidden tests when the candidate says the code is done', async () => {
    const h = new Harness();
    await h.start();
    await h.say('I will use a hash map, O(n).');
    await h.say("Let's code it.");
    h.setCode(JS_HASHMAP);
    const done = await h.say("I'm done.");
    assert.ok(done.outputs.some((o) => o.kind === 'run-tests'));
  });

  it('confronts a failing case with its input, actual and expected values', async () => {
    const h = await codingWith(JS_HASHMAP);
    const reply = await report(h, failing(4, 3));
    assert.match(reply.text, /For the input `\[\[3,3\],6\]` it returns `\[0,0\]`, but the expected answer is `\[0,1\]`/);
  });

  it('offers a harder variant after a clean, efficient solution (adapting up)', async () => {
    const h = await codingWith(JS_HASHMAP);
    const reply = await report(h, run({ passed: 7 }));
    assert.match(reply.text, /all of them pass/);
    assert.match(reply.text, /push a bit further: what if the input were a stream/);
  });

  it('does not offer the harder variant to a quadratic solution when the target is linear', async () => {
    const h = await codingWith(JS_NESTED);
    const reply = await report(h, run({ passed: 7 }));
    assert.doesNotMatch(reply.text, /push a bit further/);
  });

  it('adds scaffolding after a second failing run (adapting down)', async () => {
    const h = await codingWith(JS_HASHMAP);
    const first = await report(h, failing(4, 3));
    assert.doesNotMatch(first.text, /slow down/);
    const second = await report(h, failing(5, 2));
    assert.match(second.text, /Let's slow down and do this together\. Take the failing input `\[\[3,3\],6\]`/);
  });

  it('says what is missing when the tests could not run', async () => {
    const h = await codingWith(JS_HASHMAP);
    const reply = await report(h, run({ passed: 0, missing: 'python3 was not found; install Python 3.8 or newer.' }));
    assert.match(reply.text, /couldn't run your code on your machine: python3 was not found/);
  });

  it('gives the gentlest hint first when the candidate goes quiet, then the next', async () => {
    const h = new Harness();
    await h.start();
    const first = await h.run({ kind: 'candidate-idle', idleMs: 90_000 });
    assert.match(first.text, /nudge/);
    assert.ok(first.text.includes(h.problem.hints[0]!.replace(/\*\*/g, '')));
    const second = await h.run({ kind: 'candidate-idle', idleMs: 180_000 });
    assert.match(second.text, /another hint/);
  });
});

describe('local interviewer: parser-based complexity evidence', () => {
  before(() => initCodeAnalysis());

  it('scores with the code estimate against the target, citing the loop lines', async () => {
    const h = await codingWith(JS_NESTED);
    const evaluation = await h.evaluate();
    const solving = evaluation.scores.find((s) => s.dimension === 'problem-solving')!;
    const estimate = solving.evidence.find((e) => /The code runs in/.test(e.quote));
    assert.ok(estimate, JSON.stringify(solving.evidence));
    assert.match(estimate.quote, /O\(n\^2\) time \(worse vs the O\(n\) target\)/);
    assert.match(estimate.quote, /lines? \d/);
  });
});
