import assert from 'node:assert/strict';
import { BargeInPolicy, type BargeInDecision, isBackchannel } from '../../../backend/src/pipeline/bargeIn';

const FLOOR_DB = -60;

interface Script {
  /** [from, to, dBFS] stretches of microphone level; silence at the floor elsewhere. */
  levels: [number, number, number][];
  partials?: [number, string][];
  untilMs: number;
}

/** Plays a microphone timeline through the policy in 20 ms frames; returns every decision but 'none'/'pending'. */
function play(policy: BargeInPolicy, script: Script): { at: number; decision: BargeInDecision }[] {
  const out: { at: number; decision: BargeInDecision }[] = [];
  const partials = [...(script.partials ?? [])];
  for (let ts = 0; ts <= script.untilMs; ts += 20) {
    const stretch = script.levels.find(([from, to]) => ts >= from && ts < to);
    const levelDb = stretch ? stretch[2] : FLOOR_DB;
    policy.frame({ levelDb, marginDb: levelDb - FLOOR_DB }, ts);
    while (partials.length > 0 && partials[0][0] <= ts) policy.partial(partials.shift()![1]);
    const decision = policy.check(ts);
    if (decision.kind !== 'none' && decision.kind !== 'pending') out.push({ at: ts, decision });
  }
  return out;
}

function playing(text = 'So, what would the time complexity of your solution be?'): BargeInPolicy {
  const policy = new BargeInPolicy();
  policy.playbackStarted();
  policy.speaking(text);
  return policy;
}

describe('isBackchannel', () => {
  for (const text of ['mm-hmm', 'Mm hmm.', 'uh-huh', 'okay', 'Right.', 'yeah yeah', 'okay got it', 'yes']) {
    it(`"${text}" is an acknowledgement`, () => assert.equal(isBackchannel(text), true));
  }
  for (const text of ['wait', 'okay so I think', 'right but what about', 'no', '']) {
    it(`"${text}" is not`, () => assert.equal(isBackchannel(text), false));
  }
});

describe('BargeInPolicy', () => {
  it('interrupts as soon as real words follow a confirmed onset', () => {
    const got = play(playing(), { levels: [[1000, 3000, -25]], partials: [[1300, 'wait can I'], [1500, 'wait can I ask']], untilMs: 3000 });
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].decision, { kind: 'interrupt', at: 1300, reason: 'words' });
  });

  it('interrupts on duration when the recognizer has no words yet', () => {
    const got = play(playing(), { levels: [[1000, 3000, -25]], untilMs: 3000 });
    assert.equal(got[0].decision.kind, 'interrupt');
    assert.equal(got[0].decision.kind === 'interrupt' && got[0].decision.reason, 'duration');
    assert.ok(got[0].at > 1000 + 700 && got[0].at <= 1000 + 800, `at ${got[0].at}`);
  });

  it('lets a short "mm-hmm" pass as a backchannel without interrupting', () => {
    const got = play(playing(), { levels: [[1000, 1400, -28]], partials: [[1250, 'mm hmm']], untilMs: 2500 });
    assert.deepEqual(got.map((g) => g.decision.kind), ['backchannel']);
  });

  it('lets a short "okay" with no transcript yet pass, but not "okay so I think"', () => {
    assert.deepEqual(play(playing(), { levels: [[1000, 1350, -28]], untilMs: 2000 }).map((g) => g.decision.kind), ['backchannel']);
    const got = play(playing(), { levels: [[1000, 2500, -28]], partials: [[1250, 'okay'], [1450, 'okay so I think']], untilMs: 2500 });
    assert.deepEqual(got.map((g) => g.decision), [{ kind: 'interrupt', at: 1460, reason: 'words' }]);
  });

  it('ignores clicks and bumps shorter than the onset', () => {
    const bumps: [number, number, number][] = [];
    for (let t = 500; t < 5000; t += 500) bumps.push([t, t + 100, -20]);
    assert.deepEqual(play(playing(), { levels: bumps, untilMs: 5000 }), []);
  });

  it('is not triggered by residual echo: continuous, but quieter than close-talking speech', () => {
    assert.deepEqual(play(playing(), { levels: [[0, 6000, -44]], untilMs: 6000 }), []);
  });

  it('is not triggered by loud echo whose transcript repeats the interviewer\'s own words', () => {
    const got = play(playing(), {
      levels: [[0, 3000, -30]],
      partials: [[400, 'what would the'], [800, 'what would the time complexity'], [1400, 'the time complexity of your solution']],
      untilMs: 3000,
    });
    assert.deepEqual(got, []);
  });

  it('decides nothing while the interviewer is silent: that speech belongs to the turn detector', () => {
    const policy = new BargeInPolicy();
    assert.deepEqual(play(policy, { levels: [[0, 2000, -20]], partials: [[300, 'hello there']], untilMs: 2000 }), []);
  });

  it('interrupts once per playback, and again only after playback restarts', () => {
    const policy = playing();
    assert.equal(play(policy, { levels: [[0, 2000, -25]], untilMs: 2000 }).length, 1);
    assert.equal(policy.isPlaying, false);
    assert.deepEqual(play(policy, { levels: [[0, 2000, -25]], untilMs: 2000 }), []);
    policy.playbackStarted();
    assert.equal(play(policy, { levels: [[0, 2000, -25]], untilMs: 2000 }).length, 1);
  });
});
