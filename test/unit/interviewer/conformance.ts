// Behaviours every Interviewer must show, whatever drives it (rules, a model, a fallback chain): each
// implementation runs this one suite, so the session runtime can rely on them without knowing which it has.
import assert from 'node:assert/strict';
import { BANDS, DIMENSIONS, STAGES, Evidence, type Stage } from '../../../protocol/src/domain';
import type { Interviewer, InterviewerOutput } from '../../../backend/src/interviewer/interviewer';
import { JS_HASHMAP } from './fixtures';
import { ScriptedSession, textOf } from './harness';

export interface ConformanceOptions {
  /** Per test; a real model needs far more than a fake. */
  timeoutMs?: number;
  /** A reason to skip the whole suite (e.g. no API key), or null to run it. */
  skipReason?: () => string | null;
}

/** A short interview touching every event kind, checking each stage output as it comes. */
async function scriptedInterview(interviewer: Interviewer): Promise<{ session: ScriptedSession; stages: Stage[] }> {
  const session = new ScriptedSession(undefined, interviewer);
  const stages: Stage[] = [];
  const check = (outputs: readonly InterviewerOutput[]): void => {
    for (const output of outputs) {
      if (output.kind !== 'stage') continue;
      assert.ok(STAGES.includes(output.stage), `invalid stage ${JSON.stringify(output.stage)}`);
      const before = stages.at(-1) ?? 'intro';
      assert.ok(STAGES.indexOf(output.stage) >= STAGES.indexOf(before), `stage moved back from ${before} to ${output.stage}`);
      stages.push(output.stage);
    }
  };
  check((await session.start()).outputs);
  check((await session.say('Can the array be empty, and can values be negative?')).outputs);
  check((await session.say("I'd scan once with a hash map from value to index: O(n) time and O(n) space.")).outputs);
  check((await session.settle(JS_HASHMAP)).outputs);
  check((await session.say("I think I'm done, can we test it?")).outputs);
  return { session, stages };
}

export function interviewerConformance(name: string, makeInterviewer: () => Interviewer, options: ConformanceOptions = {}): void {
  describe(`Interviewer conformance: ${name}`, function () {
    if (options.timeoutMs) this.timeout(options.timeoutMs);
    let interviewer: Interviewer;

    before(function () {
      if (options.skipReason?.()) this.skip();
      interviewer = makeInterviewer();
    });

    it('says something when the session starts', async () => {
      const { text } = await new ScriptedSession(undefined, interviewer).start();
      assert.ok(text.trim().length > 0);
    });

    it('emits only valid stages, never moving backward, across a whole interview', async () => {
      const { session } = await scriptedInterview(interviewer);
      assert.ok(STAGES.includes(session.stage));
      assert.ok(session.turns.filter((t) => t.speaker === 'interviewer').length >= 3, 'the interviewer answered');
    });

    it('stops all output once its turn is aborted', async () => {
      const session = new ScriptedSession(undefined, interviewer);
      const controller = new AbortController();
      const before: InterviewerOutput[] = [];
      const after: InterviewerOutput[] = [];
      for await (const output of interviewer.respond(session.context(), { kind: 'session-start' }, controller.signal)) {
        (controller.signal.aborted ? after : before).push(output);
        if (output.kind === 'text') controller.abort();
      }
      assert.ok(textOf(before).trim().length > 0, 'spoke before the abort');
      assert.deepEqual(after, []);
    });

    it('yields nothing for a turn aborted before it starts', async () => {
      const session = new ScriptedSession(undefined, interviewer);
      const controller = new AbortController();
      controller.abort();
      const outputs: InterviewerOutput[] = [];
      for await (const output of interviewer.respond(session.context(), { kind: 'session-start' }, controller.signal)) outputs.push(output);
      assert.deepEqual(outputs, []);
    });

    it('scores all four dimensions 1-4 with evidence, a valid band and an overall in range', async () => {
      const { session } = await scriptedInterview(interviewer);
      const draft = await session.evaluate();
      assert.deepEqual(draft.scores.map((s) => s.dimension).sort(), [...DIMENSIONS].sort());
      for (const s of draft.scores) {
        assert.ok(Number.isInteger(s.score) && s.score >= 1 && s.score <= 4, `${s.dimension}: ${s.score}`);
        assert.ok(Array.isArray(s.evidence));
        for (const e of s.evidence) Evidence.parse(e);
      }
      assert.ok(BANDS.includes(draft.band));
      assert.ok(draft.overall >= 1 && draft.overall <= 4);
      assert.ok(draft.summary.trim().length > 0);
    });
  });
}
