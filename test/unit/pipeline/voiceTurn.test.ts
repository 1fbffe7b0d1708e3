import assert from 'node:assert/strict';
import type { InterviewerOutput } from '../../../backend/src/interviewer/interviewer';
import type { Frame } from '../../../backend/src/pipeline/frames';
import { createFrameQueue } from '../../../backend/src/pipeline/queue';
import { VoiceTurn } from '../../../backend/src/pipeline/voiceTurn';
import type { TextToSpeech } from '../../../backend/src/providers/types';
import { sine } from './fixtures/signals';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Streams `text` word by word, like an LLM, until aborted. */
async function* interviewer(text: string, signal: AbortSignal, wordMs = 2): AsyncIterable<InterviewerOutput> {
  yield { kind: 'stage', stage: 'approach' };
  for (const word of text.split(/(?<= )/)) {
    if (signal.aborted) return;
    await sleep(wordMs);
    yield { kind: 'text', delta: word };
  }
}

/** 100 ms of tone per word, in 50 ms pieces; records what it was asked and whether it was aborted. */
class ToneTts implements TextToSpeech {
  readonly name = 'tone';
  readonly capabilities = { streaming: true };
  readonly sentences: string[] = [];
  pieces = 0;
  sawAbort = false;
  async *synthesize(text: string, { signal }: { signal: AbortSignal }): AsyncIterable<Int16Array> {
    this.sentences.push(text);
    for (let i = 0; i < text.split(' ').length * 2; i++) {
      if (signal.aborted) { this.sawAbort = true; return; }
      this.pieces++;
      await sleep(0);
      yield sine(300, 50);
    }
  }
}

const REPLY = 'Good start. Now, what is the time complexity? Think about the sort. Take your time.';

describe('VoiceTurn', () => {
  it('speaks the first sentence while the rest is generated, in 20 ms chunks, and ends with turn-end', async () => {
    const out = createFrameQueue(8);
    const tts = new ToneTts();
    const stages: string[] = [];
    const turn = new VoiceTurn(out, { tts, onOutput: (o) => stages.push(o.kind) });
    const running = turn.run(interviewer(REPLY, turn.signal, 5));
    const frames: Frame[] = [];
    for await (const f of out) { frames.push(f); if (f.kind === 'turn-end') break; }
    const result = await running;

    assert.deepEqual(tts.sentences, ['Good start.', 'Now, what is the time complexity?', 'Think about the sort.', 'Take your time.']);
    const kinds = frames.map((f) => f.kind);
    assert.ok(kinds.indexOf('tts-audio') < kinds.lastIndexOf('llm-text'), 'audio began before the text was complete');
    const audio = frames.filter((f) => f.kind === 'tts-audio');
    assert.ok(audio.every((f) => f.kind === 'tts-audio' && f.pcm.length === 320 && f.turnId === turn.turnId));
    assert.deepEqual(audio.map((f) => f.kind === 'tts-audio' && f.seq), audio.map((_, i) => i));
    assert.equal(audio.length, result.chunks);
    assert.equal(frames.at(-1)?.kind, 'turn-end');
    assert.equal(result.text, REPLY);
    assert.equal(result.interrupted, false);
    assert.deepEqual(stages, ['stage']);
  });

  it('on barge-in: the interrupt overtakes queued audio, the turn\'s frames stop, TTS and interviewer are aborted', async () => {
    const out = createFrameQueue(16);
    const tts = new ToneTts();
    const turn = new VoiceTurn(out, { tts });
    const running = turn.run(interviewer(REPLY, turn.signal));
    const before: Frame[] = [];
    for await (const f of out) { before.push(f); if (before.filter((b) => b.kind === 'tts-audio').length === 3) break; }
    await sleep(20); // let the queue fill up behind the consumer
    turn.interrupt();
    const first = await out.shift();
    assert.deepEqual(first, { kind: 'interrupt', turnId: turn.turnId, reason: 'barge-in' });
    const result = await running;
    out.close();
    const after: Frame[] = [];
    for await (const f of out) after.push(f);
    assert.deepEqual(after, [], 'no frame of the interrupted turn is delivered after the interrupt');
    assert.equal(result.interrupted, true);
    assert.ok(result.text.length < REPLY.length, 'the interviewer stopped generating');
    assert.ok(tts.sentences.length < 4);
  });

  it('applies backpressure: with nobody playing, TTS runs only a bounded way ahead', async () => {
    const out = createFrameQueue(4);
    const tts = new ToneTts();
    const turn = new VoiceTurn(out, { tts });
    const running = turn.run(interviewer(REPLY, turn.signal, 0));
    await sleep(100);
    assert.ok(tts.pieces <= 4, `TTS produced ${tts.pieces} pieces of 50 ms into a 4-frame queue`);
    turn.interrupt('session-end');
    assert.equal((await running).interrupted, true);
  });

  it('rejects chunk sizes outside 20–40 ms', () => {
    assert.throws(() => new VoiceTurn(createFrameQueue(4), { tts: new ToneTts(), chunkMs: 100 }), RangeError);
  });
});
