import assert from 'node:assert/strict';
import { FallbackSpeechToText, FallbackTextToSpeech } from '../../../backend/src/providers/fallback';
import { BoundedQueue } from '../../../backend/src/pipeline/queue';
import type {
  ProviderFailure, SpeechToText, SttSession, TextToSpeech, TranscriptEvent,
} from '../../../backend/src/providers/types';
import { collect, sine } from '../pipeline/fixtures/signals';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TtsBehaviour = 'ok' | 'error' | 'stall' | 'stall-midway';

/** A TTS whose audio is marked with its `mark` value, misbehaving on request. */
class FakeTts implements TextToSpeech {
  readonly capabilities = { streaming: true };
  calls = 0;
  aborted = 0;
  constructor(readonly name: string, private readonly behaviour: TtsBehaviour, readonly mark: number) {}
  async *synthesize(_text: string, { signal }: { signal: AbortSignal }): AsyncIterable<Int16Array> {
    this.calls++;
    signal.addEventListener('abort', () => { this.aborted++; }, { once: true });
    if (this.behaviour === 'error') throw new Error(`${this.name} is down`);
    for (let i = 0; i < 3; i++) {
      if (this.behaviour === 'stall' || (this.behaviour === 'stall-midway' && i === 2)) await new Promise(() => undefined);
      await sleep(1);
      yield new Int16Array(320).fill(this.mark);
    }
  }
}

const toneOf = (pcm: Int16Array) => pcm[0];

describe('FallbackTextToSpeech', () => {
  const failures: ProviderFailure[] = [];
  const chain = (...providers: TextToSpeech[]) => new FallbackTextToSpeech(providers, {
    firstChunkMs: 600, stallMs: 600, onFailure: (f) => failures.push(f),
  });
  beforeEach(() => { failures.length = 0; });

  it('uses the next provider when one errors, and keeps it for the rest of the turn', async () => {
    const [a, b] = [new FakeTts('a', 'error', 400), new FakeTts('b', 'ok', 800)];
    const tts = chain(a, b);
    const turn = new AbortController();
    const first = await collect(tts.synthesize('One.', { signal: turn.signal }));
    const second = await collect(tts.synthesize('Two.', { signal: turn.signal }));
    assert.deepEqual([...first, ...second].map(toneOf), [800, 800, 800, 800, 800, 800]);
    assert.equal(a.calls, 1, 'the failed provider is not retried within the turn');
    assert.deepEqual(failures.map((f) => [f.kind, f.provider, f.reason, f.next]), [['tts', 'a', 'error', 'b']]);
    await collect(tts.synthesize('Next turn.', { signal: new AbortController().signal }));
    assert.equal(a.calls, 2, 'a new turn tries the first provider again');
  });

  it('abandons a provider that stalls before its first chunk, and aborts it', async () => {
    const [a, b] = [new FakeTts('a', 'stall', 400), new FakeTts('b', 'ok', 800)];
    const started = Date.now();
    const audio = await collect(chain(a, b).synthesize('Hello.', { signal: new AbortController().signal }));
    assert.deepEqual(audio.map(toneOf), [800, 800, 800]);
    assert.ok(Date.now() - started < 2000);
    assert.equal(a.aborted, 1);
    assert.equal(failures[0].reason, 'stall');
  });

  it('abandons a provider that stalls mid-sentence; the next one speaks the sentence again in full', async () => {
    const audio = await collect(chain(new FakeTts('a', 'stall-midway', 400), new FakeTts('b', 'ok', 800))
      .synthesize('Hello.', { signal: new AbortController().signal }));
    assert.deepEqual(audio.map(toneOf), [400, 400, 800, 800, 800]);
    assert.equal(failures[0].reason, 'stall');
  });

  it('treats an aborted turn as nobody\'s failure', async () => {
    const turn = new AbortController();
    const got: Int16Array[] = [];
    for await (const pcm of chain(new FakeTts('a', 'stall-midway', 400), new FakeTts('b', 'ok', 800)).synthesize('Hi.', { signal: turn.signal })) {
      got.push(pcm);
      if (got.length === 2) setTimeout(() => turn.abort(), 50);
    }
    assert.equal(got.length, 2);
    assert.deepEqual(failures, []);
  });

  it('fails when every provider failed, after reporting each', async () => {
    await assert.rejects(collect(chain(new FakeTts('a', 'error', 1), new FakeTts('b', 'error', 1))
      .synthesize('Hi.', { signal: new AbortController().signal })), /every TTS provider failed/);
    assert.deepEqual(failures.map((f) => f.next), ['b', null]);
  });
});

type SttBehaviour = 'ok' | 'silent' | 'broken' | 'never-ends';

/** Emits a final "<name> heard N" when a quiet chunk follows N loud ones, and on end(). */
class FakeStt implements SpeechToText {
  readonly capabilities = { streaming: true, interimResults: false };
  sessions = 0;
  constructor(readonly name: string, private readonly behaviour: SttBehaviour) {}
  start(): SttSession {
    this.sessions++;
    const out = new BoundedQueue<TranscriptEvent>({ capacity: 16 });
    const { name, behaviour } = this;
    let loud = 0;
    let failed: Error | null = null;
    const say = () => { if (loud > 0 && behaviour !== 'silent') void out.push({ kind: 'final', text: `${name} heard ${loud}` }); loud = 0; };
    return {
      write(pcm) {
        if (behaviour === 'broken') { failed = new Error(`${name} crashed`); out.close(); return; }
        if (Math.abs(pcm[5]) > 1000) loud++; else say();
      },
      end() { say(); if (behaviour !== 'never-ends') out.close(); },
      close() { out.close(); },
      events: (async function* () { yield* out; if (failed) throw failed; })(),
    };
  }
}

const LOUD = sine(300, 20, 10_000);
const QUIET = new Int16Array(320);

describe('FallbackSpeechToText', () => {
  const failures: ProviderFailure[] = [];
  const chain = (...providers: SpeechToText[]) => new FallbackSpeechToText(providers, {
    stallMs: 150, endMs: 200, speechDb: -45, replayMs: 10_000, onFailure: (f) => failures.push(f),
  });
  const options = { sampleRate: 16_000, language: 'en-US' };
  beforeEach(() => { failures.length = 0; });

  it('passes events through from a working provider and promises no partials it cannot keep', async () => {
    const stt = chain(new FakeStt('a', 'ok'), new FakeStt('b', 'ok'));
    assert.equal(stt.capabilities.interimResults, false);
    const session = stt.start(options);
    for (const pcm of [LOUD, LOUD, QUIET, LOUD, QUIET]) session.write(pcm);
    session.end();
    assert.deepEqual((await collect(session.events)).map((e) => e.text), ['a heard 2', 'a heard 1']);
    assert.deepEqual(failures, []);
  });

  it('switches when a provider errors, replaying the unfinished utterance into the next', async () => {
    const b = new FakeStt('b', 'ok');
    const session = chain(new FakeStt('a', 'broken'), b).start(options);
    for (const pcm of [LOUD, LOUD, LOUD]) session.write(pcm);
    await sleep(10);
    session.write(QUIET);
    session.end();
    assert.deepEqual((await collect(session.events)).map((e) => e.text), ['b heard 3']);
    assert.deepEqual(failures.map((f) => [f.kind, f.provider, f.reason, f.next]), [['stt', 'a', 'error', 'b']]);
    assert.equal(b.sessions, 1);
  });

  it('switches when speech went in and nothing came out within the deadline', async () => {
    const session = chain(new FakeStt('a', 'silent'), new FakeStt('b', 'ok')).start(options);
    const events = collect(session.events);
    for (const pcm of [LOUD, LOUD, QUIET]) session.write(pcm);
    await sleep(400);
    session.end();
    assert.deepEqual((await events).map((e) => e.text), ['b heard 2']);
    assert.equal(failures[0]?.reason, 'stall');
  });

  it('switches when a provider does not finish after end(), so the session still ends', async () => {
    const session = chain(new FakeStt('a', 'never-ends'), new FakeStt('b', 'ok')).start(options);
    session.write(LOUD);
    session.end();
    // The final already delivered is not replayed (no duplicate), and the session still ends.
    assert.deepEqual((await collect(session.events)).map((e) => e.text), ['a heard 1']);
    assert.equal(failures[0]?.reason, 'stall');
    assert.equal(failures[0]?.provider, 'a');
  });

  it('fails the session once every provider failed', async () => {
    const session = chain(new FakeStt('a', 'broken'), new FakeStt('b', 'broken')).start(options);
    session.write(LOUD);
    await sleep(10);
    await assert.rejects(collect(session.events), /every STT provider failed/);
    assert.deepEqual(failures.map((f) => f.provider), ['a', 'b']);
  });
});
