import assert from 'node:assert/strict';
import { classifyUtterance, isQuestion } from '../../../backend/src/pipeline/completeness';
import { DEFAULT_TURN_DETECTOR, TurnDetector } from '../../../backend/src/pipeline/turnDetector';
import { LABELED_TURNS } from './fixtures/turns';
import { FINALS_ONLY_STT, simulateTurn, STREAMING_STT, summarize } from './fixtures/simulateTurn';

const D = DEFAULT_TURN_DETECTOR;

describe('classifyUtterance', () => {
  const cases: [string, string][] = [
    ['I would use a hash map.', 'complete'],
    ['the time complexity is linear', 'complete'],
    ['what if the input is empty', 'complete'],
    ['we return zero if the array is empty', 'complete'],
    ['Is the array sorted?', 'complete'],
    ['so first I sort it and', 'incomplete'],
    ['the complexity would be um', 'incomplete'],
    ['because', 'incomplete'],
    ['and then', 'incomplete'],
    ['we need to store the', 'incomplete'],
    ['I am going to', 'incomplete'],
    ['so if the input is empty', 'incomplete'],
    ['while the stack is not empty', 'incomplete'],
    ['hmm let me think', 'thinking'],
    ['let me think about the edge cases', 'thinking'],
    ['give me a second', 'thinking'],
    ['okay let me write this out', 'thinking'],
    ['', 'incomplete'],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected}`, () => assert.equal(classifyUtterance(text), expected));
  }
});

describe('TurnDetector (scripted timelines)', () => {
  let now = 0;
  const detector = () => { now = 0; return new TurnDetector({}, () => now); };

  it('is idle before any speech and listening while the candidate speaks', () => {
    const d = detector();
    d.codeActivity(100);
    assert.equal(d.check(500).kind, 'idle', 'typing alone is not a turn');
    d.speechStarted(1000);
    d.partial('I would', 1200);
    assert.equal(d.check(5000).kind, 'listening', 'no silence timer runs while speech goes on');
  });

  it('ends a complete phrase after silenceMs, and says when to check again before that', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(1000);
    d.final('I would use a hash map.', 1400);
    const waiting = d.check(1500);
    assert.deepEqual(waiting, { kind: 'waiting', reason: 'pause', until: 1000 + D.silenceMs });
    const decision = d.check(1000 + D.silenceMs);
    assert.equal(decision.kind, 'end-of-turn');
    assert.equal(decision.kind === 'end-of-turn' && decision.text, 'I would use a hash map.');
  });

  it('waits longer after a trailing connective, then ends it anyway (incompleteSilenceMs)', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(1000);
    d.final('so first I sort it and', 1400);
    assert.equal(d.check(1000 + D.silenceMs + 100).kind, 'waiting');
    const late = d.check(1000 + D.incompleteSilenceMs);
    assert.equal(late.kind === 'end-of-turn' && late.reason, 'incomplete-timeout');
  });

  it('waits while the interim transcript is still changing', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(1000);
    d.partial('the answer is linear', 1100);
    d.partial('the answer is linear time', 2150);
    const decision = d.check(2200);
    assert.deepEqual(decision, { kind: 'waiting', reason: 'unstable', until: 2150 + D.stableMs });
  });

  it('holds the turn while the candidate types, and ends it typingHoldMs after the last keystroke', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(1000);
    d.final('let me add the check.', 1300);
    for (let t = 1500; t <= 9000; t += 150) d.codeActivity(t);
    assert.equal(d.check(8000).kind === 'waiting' && (d.check(8000) as { reason: string }).reason, 'typing');
    assert.equal(d.check(9000 + D.typingHoldMs - 20).kind, 'waiting');
    assert.equal(d.check(9000 + D.typingHoldMs).kind, 'end-of-turn');
  });

  it('never waits past maxWaitMs of silence, even for a recognizer that keeps revising', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(1000);
    for (let t = 1100; t < 1000 + D.maxWaitMs; t += 400) d.partial(`the answer is ${t}`, t);
    assert.equal(d.check(1000 + D.maxWaitMs - 20).kind, 'waiting');
    const decision = d.check(1000 + D.maxWaitMs);
    assert.equal(decision.kind === 'end-of-turn' && decision.reason, 'max-wait');
  });

  it('calls wordless speech noise and resets, so a cough does not become a turn', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(400);
    assert.equal(d.check(2000).kind, 'waiting');
    assert.equal(d.check(400 + D.maxWaitMs).kind, 'noise');
    assert.equal(d.check(400 + D.maxWaitMs + 1).kind, 'idle');
  });

  it('starts the next turn clean after reset', () => {
    const d = detector();
    d.speechStarted(0);
    d.speechStopped(500);
    d.final('okay', 600);
    d.reset();
    assert.equal(d.text, '');
    assert.equal(d.check(10_000).kind, 'idle');
  });
});

describe('TurnDetector on the labeled set', () => {
  it(`has at least 30 labeled turns with mid-thought pauses and pauses while typing`, () => {
    assert.ok(LABELED_TURNS.length >= 30);
    assert.ok(LABELED_TURNS.filter((t) => t.kind === 'mid-thought' || t.kind === 'hanging-clause').length >= 8);
    assert.ok(LABELED_TURNS.filter((t) => t.kind === 'typing').length >= 6);
  });

  for (const profile of [STREAMING_STT, FINALS_ONLY_STT]) {
    it(`cuts off fewer than 5% of turns, ${profile.name}`, () => {
      const s = summarize(LABELED_TURNS.map((t) => simulateTurn(t, profile)));
      const cut = s.outcomes.filter((o) => o.cutOff).map((o) => o.name);
      console.log(`      [turn detector, ${profile.name}] ${LABELED_TURNS.length} turns: false cut-offs ${(s.falseCutOffRate * 100).toFixed(1)}% (${cut.join(', ') || 'none'}), `
        + `end-of-turn delay median ${s.medianDelayMs} ms, p90 ${s.p90DelayMs} ms`);
      assert.ok(s.falseCutOffRate < 0.05, `cut off: ${cut.join(', ')}`);
      assert.ok(s.outcomes.every((o) => o.decisionAt !== null), 'every turn ends');
      assert.ok(s.medianDelayMs <= 2000, `median delay ${s.medianDelayMs}`);
    });
  }

  it('each signal earns its place: without it, its turns get cut off', () => {
    const typing = LABELED_TURNS.filter((t) => t.kind === 'typing');
    const blindToTyping = typing.map((t) => simulateTurn({ ...t, typing: [] }, STREAMING_STT));
    assert.ok(blindToTyping.filter((o) => o.cutOff).length >= typing.length / 2, 'typing turns need the code activity input');
    const midThought = LABELED_TURNS.filter((t) => t.kind === 'mid-thought' || t.kind === 'hanging-clause' || t.kind === 'thinking');
    const blindToWords = midThought.map((t) => simulateTurn(t, STREAMING_STT, {
      incompleteSilenceMs: D.silenceMs, thinkingSilenceMs: D.silenceMs,
    }));
    assert.ok(blindToWords.filter((o) => o.cutOff).length >= midThought.length / 2, 'mid-thought turns need the completeness check');
  });
});

describe('TurnDetector: questions and likely ends', () => {
  let now = 0;
  const detector = () => { now = 0; return new TurnDetector({}, () => now); };

  it('ends a complete question after questionSilenceMs, a statement only after silenceMs', () => {
    assert.equal(isQuestion('can the array contain negative numbers'), true);
    assert.equal(isQuestion('so should I return the indices'), true);
    assert.equal(isQuestion('We return the result.'), false);
    assert.equal(isQuestion('is the array sorted or'), false, 'an unfinished question is not one yet');
    const q = detector();
    q.speechStarted(0); q.speechStopped(1000); q.final('is the input always sorted', 1200);
    assert.equal(q.check(1000 + D.questionSilenceMs - 20).kind, 'waiting');
    assert.equal(q.check(1000 + D.questionSilenceMs).kind, 'end-of-turn');
    const s = detector();
    s.speechStarted(0); s.speechStopped(1000); s.final('we return the result', 1200);
    assert.equal(s.check(1000 + D.questionSilenceMs).kind, 'waiting');
  });

  it('reports a likely end after a short pause inside the VAD hangover, only for a complete thought and no typing', () => {
    const d = detector();
    d.speechStarted(0);
    d.partial('i would use a hash map', 900);
    assert.equal(d.likelyEnd(null, 1000), null, 'still loud');
    assert.equal(d.likelyEnd(1000, 1000 + D.speculateAfterMs - 20), null, 'pause too short');
    assert.equal(d.likelyEnd(1000, 1000 + D.speculateAfterMs), 'i would use a hash map');
    d.partial('i would use a hash map and', 1150);
    assert.equal(d.likelyEnd(1000, 1200), null, 'a trailing "and" is not an end');
    const typing = detector();
    typing.speechStarted(0); typing.speechStopped(1000); typing.final('let me add the check', 1100); typing.codeActivity(1050);
    assert.equal(typing.likelyEnd(null, 1300), null, 'typing is thinking');
  });
});
