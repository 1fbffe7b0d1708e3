import assert from 'node:assert/strict';
import { Counter, Registry } from 'prom-client';
import { FallbackInterviewer, type FallbackEvent } from '../../../../backend/src/interviewer/fallbackInterviewer';
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../../../../backend/src/interviewer/interviewer';
import { LocalInterviewer } from '../../../../backend/src/interviewer/local/localInterviewer';
import { startOpenAiFake, type FakeReply, type OpenAiFake } from '../../../fakes/openaiFake';
import { ScriptedSession, collect, textOf } from '../harness';
import { openAiAgainst, recordingLog } from './support';

/** Short, so the stall tests run quickly; healthy tests get a roomier one so a loaded machine cannot flake them. */
const STALL_DEADLINE_MS = 300;
const DEADLINE_MS = 1_000;
/** Slack for timers and the local engine's own work on a loaded machine. */
const MARGIN_MS = 200;

/** A primary that decides a stage, then fails before saying anything. */
class DecidesThenFails implements Interviewer {
  async *respond(): AsyncIterable<InterviewerOutput> {
    yield { kind: 'stage', stage: 'wrap-up' };
    throw new Error('connection reset');
  }
  evaluate(): Promise<EvaluationDraft> { return new Promise(() => undefined); }
}

describe('fallback interviewer: OpenAI primary, local fallback', () => {
  let fake: OpenAiFake;
  let replies: FakeReply[];
  let events: FallbackEvent[];
  let registry: Registry;
  let counter: Counter<'operation' | 'reason'>;
  const logs = recordingLog();

  before(async () => {
    fake = await startOpenAiFake({ script: (_request, index) => replies[index] ?? { status: 500 } });
    // The process's first HTTP request pays ~200 ms of one-off loading; keep that out of the deadline tests.
    replies = [{ text: 'Warm.' }];
    await collect(openAiAgainst(fake).respond(new ScriptedSession().context(), { kind: 'session-start' }, new AbortController().signal));
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    logs.lines.length = 0;
    events = [];
    registry = new Registry();
    counter = new Counter({ name: 'interviewer_fallbacks_total', help: 'test', labelNames: ['operation', 'reason'], registers: [registry] });
  });

  function adapter(
    { primary = openAiAgainst(fake, logs.log), firstTokenDeadlineMs = DEADLINE_MS, evaluateDeadlineMs = 2_000 }: { primary?: Interviewer; firstTokenDeadlineMs?: number; evaluateDeadlineMs?: number } = {},
  ): FallbackInterviewer {
    return new FallbackInterviewer(primary, new LocalInterviewer(), {
      firstTokenDeadlineMs, evaluateDeadlineMs, log: logs.log,
      onFallback: (event) => { events.push(event); counter.inc({ ...event }); },
    });
  }

  async function counted(operation: string, reason: string): Promise<number> {
    const metric = await counter.get();
    return metric.values.find((v) => v.labels.operation === operation && v.labels.reason === reason)?.value ?? 0;
  }

  /** What the local engine alone says to the same context and event. */
  async function localReply(ctx: InterviewContext, event: InterviewerEvent): Promise<InterviewerOutput[]> {
    return collect(new LocalInterviewer().respond(ctx, event, new AbortController().signal));
  }

  it('passes a healthy primary through untouched and counts nothing', async () => {
    replies = [{ text: 'Hello from the model.', toolCalls: [{ name: 'advance_stage', arguments: { stage: 'clarify' } }] }];
    const s = new ScriptedSession(undefined, adapter());
    const { text, outputs } = await s.start();
    assert.equal(text, 'Hello from the model.');
    assert.equal(outputs.at(-1)?.kind, 'stage');
    assert.deepEqual(events, []);
  });

  it('serves the turn from the local engine when the primary answers HTTP 500, and counts it', async () => {
    replies = [{ status: 500 }];
    const s = new ScriptedSession(undefined, adapter());
    const expected = await localReply(s.context(), { kind: 'session-start' });
    const { outputs } = await s.start();
    assert.deepEqual(outputs, expected);
    assert.deepEqual(events, [{ operation: 'respond', reason: 'error' }]);
    assert.equal(await counted('respond', 'error'), 1);
    assert.match(logs.warnings()[0]?.msg ?? '', /failed; the fallback serves this turn/);
  });

  it('takes over a stalled primary within the deadline plus a margin, and cancels its request', async () => {
    replies = [{ text: 'Too late.', firstChunkDelayMs: 5_000 }];
    const s = new ScriptedSession(undefined, adapter({ firstTokenDeadlineMs: STALL_DEADLINE_MS }));
    const expected = textOf(await localReply(s.context(), { kind: 'session-start' }));
    const t0 = performance.now();
    let firstWordMs = -1;
    const outputs: InterviewerOutput[] = [];
    for await (const output of s.interviewer.respond(s.context(), { kind: 'session-start' }, new AbortController().signal)) {
      if (firstWordMs < 0 && output.kind === 'text') firstWordMs = performance.now() - t0;
      outputs.push(output);
    }
    assert.equal(textOf(outputs), expected);
    assert.ok(firstWordMs >= STALL_DEADLINE_MS - 5 && firstWordMs < STALL_DEADLINE_MS + MARGIN_MS, `fallback's first word after ${firstWordMs.toFixed(0)} ms`);
    assert.deepEqual(events, [{ operation: 'respond', reason: 'stall' }]);
    assert.equal(await counted('respond', 'stall'), 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.requests[0].aborted, true, 'the stalled request was cancelled');
  });

  it('lets a partial reply stand when the primary breaks after its first words', async () => {
    replies = [{ text: 'So what would', malformed: true }];
    const s = new ScriptedSession(undefined, adapter());
    const { text } = await s.start();
    assert.equal(text, 'So what would');
    assert.deepEqual(events, [{ operation: 'respond', reason: 'partial' }]);
    assert.match(logs.warnings()[0]?.msg ?? '', /mid-reply/);
  });

  it('drops what the primary decided before failing, so the fallback serves a clean turn', async () => {
    const s = new ScriptedSession(undefined, adapter({ primary: new DecidesThenFails() }));
    const { outputs } = await s.start();
    assert.equal(s.stage, 'clarify', 'the local engine moved to clarify; the failed primary\'s wrap-up never applied');
    assert.ok(!outputs.some((o) => o.kind === 'stage' && o.stage === 'wrap-up'));
  });

  it('yields nothing and counts nothing when the turn is aborted while waiting for the first word', async () => {
    replies = [{ text: 'Late.', firstChunkDelayMs: 5_000 }];
    const s = new ScriptedSession(undefined, adapter());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const t0 = performance.now();
    const outputs = await collect(s.interviewer.respond(s.context(), { kind: 'session-start' }, controller.signal));
    assert.deepEqual(outputs, []);
    assert.ok(performance.now() - t0 < DEADLINE_MS, 'returned at the abort, not the deadline');
    assert.deepEqual(events, []);
  });

  it('evaluates with the local engine when the primary fails or stalls', async () => {
    const s = new ScriptedSession();
    await s.start();
    await s.say('Can the array be empty?');
    const local = await s.evaluate();
    replies = [{ status: 500 }];
    assert.deepEqual(await adapter().evaluate(s.context()), local);
    const t0 = performance.now();
    assert.deepEqual(await adapter({ primary: new DecidesThenFails(), evaluateDeadlineMs: 150 }).evaluate(s.context()), local);
    assert.ok(performance.now() - t0 < 150 + MARGIN_MS);
    assert.deepEqual(events, [{ operation: 'evaluate', reason: 'error' }, { operation: 'evaluate', reason: 'stall' }]);
  });
});
