import assert from 'node:assert/strict';
import { RateLimitError } from 'openai';
import type { InterviewerOutput } from '../../../../backend/src/interviewer/interviewer';
import { EmptyReplyError } from '../../../../backend/src/interviewer/openai/openaiInterviewer';
import { startOpenAiFake, type FakeReply, type OpenAiFake } from '../../../fakes/openaiFake';
import { JS_HASHMAP } from '../fixtures';
import { ScriptedSession, collect, textOf } from '../harness';
import { HIDDEN_MARKERS, TEST_KEY, openAiAgainst, problemWithHiddenTests, recordingLog } from './support';

describe('OpenAI interviewer against a local fake server', () => {
  let fake: OpenAiFake;
  let replies: FakeReply[];
  const logs = recordingLog();

  before(async () => { fake = await startOpenAiFake({ script: (_request, index) => replies[index] ?? { status: 500 } }); });
  after(() => fake.close());
  beforeEach(() => { fake.requests.length = 0; logs.lines.length = 0; });

  function session(stage: ScriptedSession['stage'] = 'intro'): ScriptedSession {
    const s = new ScriptedSession(problemWithHiddenTests, openAiAgainst(fake, logs.log));
    s.stage = stage;
    return s;
  }

  it('streams the reply as text outputs in order, each as it arrives', async () => {
    const reply = 'Hi there, thanks for joining. Today we will solve Pair With Target Sum.';
    replies = [{ text: reply, chunkDelayMs: 20 }];
    const s = session();
    const t0 = performance.now();
    const arrivals: { output: InterviewerOutput; at: number }[] = [];
    for await (const output of s.interviewer.respond(s.context(), { kind: 'session-start' }, new AbortController().signal)) {
      arrivals.push({ output, at: performance.now() - t0 });
    }
    const texts = arrivals.filter((a) => a.output.kind === 'text');
    assert.equal(texts.length, reply.split(' ').length);
    assert.equal(textOf(arrivals.map((a) => a.output)), reply);
    // Words reach the caller while the server is still sending: the first long before the last.
    const [first, last] = [texts[0].at, texts[texts.length - 1].at];
    assert.ok(last - first > 20 * (texts.length - 3), `first word at ${first.toFixed(0)} ms, last at ${last.toFixed(0)} ms`);
  });

  it('sends the key, the model, the tools and a prompt with the problem, numbered code, conversation and stage', async () => {
    replies = [{ text: 'On line 6, when does that return run?' }];
    const s = session('clarify');
    s.turns.push({ seq: 1, speaker: 'interviewer', text: 'Any questions before you start?', stage: 'clarify' });
    s.setCode(JS_HASHMAP);
    await s.say('I will keep a hash map of seen values.');
    const request = fake.requests[0];
    assert.equal(request.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(request.body.model, 'fake-model');
    assert.equal(request.body.stream, true);
    assert.deepEqual(request.body.tools?.map((t) => t.function.name), ['advance_stage', 'give_hint', 'run_tests', 'end_interview']);
    const prompt = fake.promptOf(0);
    assert.ok(prompt.includes(problemWithHiddenTests.statement));
    assert.ok(prompt.includes(' 6|       return [seen.get(need), i];'));
    assert.ok(prompt.includes('Any questions before you start?') && prompt.includes('I will keep a hash map of seen values.'));
    assert.ok(prompt.includes('Current stage: clarify'));
    for (const marker of HIDDEN_MARKERS) assert.ok(!prompt.includes(marker), `hidden test value ${marker} leaked`);
  });

  it('turns advance_stage, give_hint and end_interview into stage, memory and end outputs after the words', async () => {
    replies = [{
      text: 'Here is a nudge: think about what you have already seen. That is all from me, thanks!',
      toolCalls: [
        { name: 'advance_stage', arguments: { stage: 'wrap-up' } },
        { name: 'give_hint', arguments: { level: 1 } },
        { name: 'end_interview', arguments: {} },
      ],
    }];
    const s = session('test');
    s.elapsedMs = 42_000;
    const { outputs } = await s.say("I'm stuck, any hint?");
    const kinds = outputs.map((o) => o.kind);
    assert.deepEqual(kinds.slice(-3), ['stage', 'memory', 'end']);
    assert.ok(kinds.slice(0, -3).every((k) => k === 'text'));
    assert.equal(s.stage, 'wrap-up');
    assert.equal(s.memory.hintsGiven, 1);
    assert.equal(s.memory.stageStartedMs, 42_000, 'the new stage starts its clock now');
    assert.equal(s.memory.stageTurns, 0);
    assert.ok(s.ended);
  });

  it('ignores invalid tool calls, logs each, and still delivers the reply', async () => {
    replies = [{
      text: 'Good question.',
      toolCalls: [
        { name: 'advance_stage', arguments: { stage: 'intro' } },
        { name: 'advance_stage', arguments: { stage: 'lunch' } },
        { name: 'give_hint', arguments: '{"level": 1' },
        { name: 'give_hint', arguments: { level: 9 } },
        { name: 'delete_everything', arguments: {} },
      ],
    }];
    const s = session('approach');
    const { text, outputs } = await s.say('Should I code now?');
    assert.equal(text, 'Good question.');
    assert.ok(!outputs.some((o) => o.kind === 'stage' || o.kind === 'end'));
    assert.equal(s.stage, 'approach');
    assert.equal(s.memory.hintsGiven, 0);
    assert.equal(s.memory.stageTurns, 1, 'the answer still counts for the stage');
    const warned = logs.warnings().map((l) => `${String(l.tool)}: ${String(l.reason)}`);
    assert.equal(warned.length, 5, warned.join('\n'));
    assert.match(warned[0], /^advance_stage: stage intro is not after approach/);
    assert.match(warned[4], /^delete_everything: unknown tool/);
  });

  it('yields nothing when the model stays quiet about settled code', async () => {
    replies = [{ text: '' }];
    const s = session('code');
    const { outputs } = await s.settle(JS_HASHMAP);
    assert.deepEqual(outputs, []);
    assert.equal(fake.requests.length, 1);
  });

  it('remembers the code it remarked on, and does not ask the model about a trivial edit', async () => {
    replies = [{ text: 'On line 2, what goes in the map?' }];
    const s = session('code');
    await s.settle(JS_HASHMAP);
    assert.ok(s.memory.lastCodeHash);
    const { outputs } = await s.settle(JS_HASHMAP.replace('const seen', 'const  seen'));
    assert.deepEqual(outputs, []);
    assert.equal(fake.requests.length, 1);
  });

  it('stops yielding and closes the request when the turn is aborted', async () => {
    replies = [{ text: 'one two three four five six seven eight nine ten', chunkDelayMs: 30 }];
    const s = session();
    const controller = new AbortController();
    const outputs: InterviewerOutput[] = [];
    for await (const output of s.interviewer.respond(s.context(), { kind: 'session-start' }, controller.signal)) {
      outputs.push(output);
      if (outputs.length === 2) controller.abort();
    }
    assert.deepEqual(outputs.map((o) => o.kind === 'text' && o.delta), ['one ', 'two ']);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.requests[0].aborted, true);
  });

  it('throws on an HTTP error without retrying, so the fallback can answer', async () => {
    replies = [{ status: 429 }];
    const s = session();
    await assert.rejects(collect(s.interviewer.respond(s.context(), { kind: 'session-start' }, new AbortController().signal)), RateLimitError);
    assert.equal(fake.requests.length, 1);
  });

  it('treats an empty reply to the candidate as a failure', async () => {
    replies = [{ text: '', toolCalls: [{ name: 'advance_stage', arguments: { stage: 'code' } }] }];
    await assert.rejects(session('approach').say('Hash map, O(n).'), EmptyReplyError);
  });
});
