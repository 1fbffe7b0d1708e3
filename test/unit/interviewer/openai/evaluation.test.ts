import assert from 'node:assert/strict';
import { DIMENSIONS, type Dimension } from '../../../../protocol/src/domain';
import type { EvaluationDraft, InterviewContext } from '../../../../backend/src/interviewer/interviewer';
import { LocalInterviewer } from '../../../../backend/src/interviewer/local/localInterviewer';
import { bandFor } from '../../../../backend/src/interviewer/local/scoring';
import { blendEvaluations, type ModelEvaluation } from '../../../../backend/src/interviewer/openai/evaluation';
import { startOpenAiFake, type FakeReply, type OpenAiFake } from '../../../fakes/openaiFake';
import { JS_HASHMAP } from '../fixtures';
import { ScriptedSession } from '../harness';
import { HIDDEN_MARKERS, openAiAgainst, problemWithHiddenTests, recordingLog } from './support';

type Four = [number, number, number, number];

function modelSays(scores: Four, evidence: Partial<Record<Dimension, string[]>> = {}, summary = 'Solid approach, light on testing.'): ModelEvaluation {
  return { scores: DIMENSIONS.map((dimension, i) => ({ dimension, score: scores[i], evidence: evidence[dimension] ?? [] })), band: 'hire', summary };
}

function localSays(scores: Four): EvaluationDraft {
  const overall = scores.reduce((a, b) => a + b, 0) / 4;
  return {
    band: bandFor(overall), overall, summary: 'Local summary.',
    scores: DIMENSIONS.map((dimension, i) => ({ dimension, score: scores[i], evidence: [{ kind: 'signal', ref: null, line: null, quote: `local ${dimension}` }] })),
  };
}

/** A short real interview, scripted through the local engine: its turns and code are what quotes are checked against. */
async function shortInterview(): Promise<InterviewContext> {
  const s = new ScriptedSession(problemWithHiddenTests);
  await s.start();
  await s.say('Can the array be empty?');
  await s.say("I'd keep a hash map from value to index, so O(n) time.");
  await s.settle(JS_HASHMAP);
  await s.say("I'm done, can we test it?");
  return s.context();
}

const scoresOf = (draft: EvaluationDraft): number[] => draft.scores.map((s) => s.score);

describe('OpenAI interviewer: evaluation', () => {
  let ctx: InterviewContext;
  before(async () => { ctx = await shortInterview(); });

  describe('blending with the local score', () => {
    it('takes the mean per dimension rounded half up, and recomputes overall and band', () => {
      const blended = blendEvaluations(localSays([4, 3, 2, 1]), modelSays([3, 3, 3, 2]), ctx);
      assert.deepEqual(scoresOf(blended), [4, 3, 3, 2]);
      assert.equal(blended.overall, 3);
      assert.equal(blended.band, bandFor(3));
      assert.equal(blended.band, 'hire');
      assert.match(blended.summary, /^Overall 3\.00 out of 4 \(hire\)/);
      assert.ok(blended.summary.includes('Solid approach, light on testing.'));
    });

    it('flags a disagreement of two points or more, naming the dimension and both scores', () => {
      const flagged = blendEvaluations(localSays([4, 1, 3, 3]), modelSays([2, 3, 3, 4]), ctx);
      assert.match(flagged.summary, /flagged disagreement on problem-solving \(model 2, rule-based 4\) and coding \(model 3, rule-based 1\)/i);
      const close = blendEvaluations(localSays([4, 1, 3, 3]), modelSays([3, 2, 3, 4]), ctx);
      assert.ok(!/disagreement/i.test(close.summary), close.summary);
    });

    it('keeps model quotes found in the candidate\'s words or code, and drops invented or interviewer quotes', () => {
      const interviewerWords = ctx.turns.find((t) => t.speaker === 'interviewer')?.text.slice(0, 40) ?? '';
      const blended = blendEvaluations(localSays([3, 3, 3, 3]), modelSays([3, 3, 3, 3], {
        communication: ['“Can the array be empty?”', 'I always write unit tests first', interviewerWords],
        coding: [' 6|       return [seen.get(need), i];', 'return sorted(nums)'],
      }), ctx);
      const communication = blended.scores.find((s) => s.dimension === 'communication')?.evidence ?? [];
      const asked = ctx.turns.find((t) => t.text === 'Can the array be empty?');
      assert.deepEqual(communication, [
        { kind: 'signal', ref: null, line: null, quote: 'local communication' },
        { kind: 'turn', ref: asked?.seq, line: null, quote: 'Can the array be empty?' },
      ]);
      const coding = blended.scores.find((s) => s.dimension === 'coding')?.evidence ?? [];
      assert.deepEqual(coding.slice(1), [{ kind: 'code', ref: ctx.code?.snapshotSeq, line: 6, quote: 'return [seen.get(need), i];' }]);
    });
  });

  describe('against the fake server', () => {
    let fake: OpenAiFake;
    let replies: FakeReply[];
    const logs = recordingLog();
    let local: EvaluationDraft;

    before(async () => {
      fake = await startOpenAiFake({ script: (_request, index) => replies[index] ?? { status: 500 } });
      local = await new LocalInterviewer().evaluate(ctx);
    });
    after(() => fake.close());
    beforeEach(() => { fake.requests.length = 0; logs.lines.length = 0; });

    it('asks for a JSON score over the transcript and code, and blends it with the local score', async () => {
      const model = modelSays([4, 4, 4, 4], { communication: ['Can the array be empty?'] });
      replies = [{ text: JSON.stringify(model) }];
      const draft = await openAiAgainst(fake, logs.log).evaluate(ctx);
      assert.deepEqual(draft, blendEvaluations(local, model, ctx));
      const request = fake.requests[0];
      assert.deepEqual(request.body.response_format, { type: 'json_object' });
      assert.ok(!request.body.stream);
      const prompt = fake.promptOf(0);
      assert.ok(prompt.includes('Candidate (clarify): Can the array be empty?'));
      assert.ok(prompt.includes(' 2|   const seen = new Map();'));
      for (const marker of HIDDEN_MARKERS) assert.ok(!prompt.includes(marker), `hidden test value ${marker} leaked`);
    });

    it('returns the local evaluation alone, and logs why, when the reply is not JSON or not the agreed shape', async () => {
      const wrongShape = { ...modelSays([4, 4, 4, 4]), scores: modelSays([5, 4, 4, 4]).scores.slice(0, 3) };
      replies = [{ text: 'Sure! The candidate did great.' }, { text: JSON.stringify(wrongShape) }];
      const interviewer = openAiAgainst(fake, logs.log);
      assert.deepEqual(await interviewer.evaluate(ctx), local);
      assert.deepEqual(await interviewer.evaluate(ctx), local);
      const reasons = logs.warnings().map((l) => String(l.reason));
      assert.deepEqual(reasons.length, 2);
      assert.match(reasons[0], /not JSON/);
      assert.match(reasons[1], /scores/);
    });

    it('does not ask the model when there is nothing to assess', async () => {
      const s = new ScriptedSession(problemWithHiddenTests);
      await s.start();
      const draft = await openAiAgainst(fake, logs.log).evaluate(s.context());
      assert.equal(fake.requests.length, 0);
      assert.match(draft.summary, /nothing to assess/);
    });

    it('lets a transport failure propagate, so the fallback adapter can count it', async () => {
      replies = [{ status: 500 }];
      await assert.rejects(openAiAgainst(fake, logs.log).evaluate(ctx), /500/);
    });
  });
});
