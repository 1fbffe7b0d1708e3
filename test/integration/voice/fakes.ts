// In-process fake speech providers with configurable latencies, for the voice benchmark. The fake STT is a
// perfect recognizer of the clips it was told about: it finds a registered clip in the audio stream by the
// exact samples at its onset (PCM travels losslessly), then reports partials while the clip plays and the
// clip's text `finalDelayMs` after the clip's speech ends. So the pipeline around it is measured, not the
// recognizer's accuracy.
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../../../backend/src/interviewer/interviewer';
import { chunkPcm, dbfs, FRAME_SAMPLES, msForSamples, samplesForMs } from '../../../backend/src/pipeline/audio';
import { BoundedQueue } from '../../../backend/src/pipeline/queue';
import type {
  SpeechToText, SttSession, SttStartOptions, SynthesizeOptions, TextToSpeech, TranscriptEvent,
} from '../../../backend/src/providers/types';

const ONSET = 3000; // |sample| above this starts a clip; the client's room noise stays far below
const KEY_SAMPLES = 24;
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});

interface Clip { text: string; onset: number; voicedEnd: number; length: number }

export class FakeStt implements SpeechToText {
  readonly name = 'fake-stt';
  readonly capabilities = { streaming: true, interimResults: true };
  private readonly clips = new Map<string, Clip>();

  constructor(private readonly options = { finalDelayMs: 200, partialEveryMs: 200 }) {}

  /** Teaches the recognizer a clip: it will hear `text` whenever these samples come through. */
  register(pcm: Int16Array, text: string): void {
    const onset = pcm.findIndex((s) => Math.abs(s) > ONSET);
    if (onset < 0 || onset + KEY_SAMPLES > pcm.length) throw new Error(`no onset in the clip for "${text}"`);
    let voicedEnd = 0;
    let at = 0;
    for (const frame of chunkPcm(pcm, FRAME_SAMPLES)) { at += frame.length; if (dbfs(frame) > -45) voicedEnd = at; }
    this.clips.set(pcm.subarray(onset, onset + KEY_SAMPLES).join(','), { text, onset, voicedEnd, length: pcm.length });
  }

  start(_options: SttStartOptions): SttSession {
    return new FakeSttSession(this.clips, this.options);
  }
}

class FakeSttSession implements SttSession {
  private readonly out = new BoundedQueue<TranscriptEvent>({ capacity: 64 });
  readonly events: AsyncIterable<TranscriptEvent> = this.out;
  private written = 0;
  private tail: number[] = [];
  /** The clip being heard and where it started in this session's audio (samples). */
  private current: { clip: Clip; start: number; nextPartial: number } | null = null;
  private ended = false;
  private pendingFinals = 0;

  constructor(private readonly clips: Map<string, Clip>, private readonly options: { finalDelayMs: number; partialEveryMs: number }) {}

  write(pcm: Int16Array): void {
    if (this.ended) return;
    for (const sample of pcm) {
      const position = this.written++;
      if (this.current) { this.follow(position); continue; }
      if (this.tail.length > 0 || Math.abs(sample) > ONSET) this.tail.push(sample);
      if (this.tail.length === KEY_SAMPLES) {
        const clip = this.clips.get(this.tail.join(','));
        this.tail = [];
        if (clip) this.current = { clip, start: position + 1 - KEY_SAMPLES - clip.onset, nextPartial: samplesForMs(this.options.partialEveryMs) };
      }
    }
  }

  end(): void {
    this.ended = true;
    if (this.pendingFinals === 0) this.out.close();
  }

  close(): void { this.ended = true; this.out.close(); }

  private follow(position: number): void {
    const { clip, start } = this.current!;
    const into = position - start;
    if (into === this.current!.nextPartial && into < clip.voicedEnd) {
      const words = clip.text.split(/\s+/);
      void this.out.push({ kind: 'partial', text: words.slice(0, Math.max(1, Math.round((words.length * into) / clip.voicedEnd))).join(' ') });
      this.current!.nextPartial += samplesForMs(this.options.partialEveryMs);
    }
    if (into === clip.voicedEnd) {
      const event: TranscriptEvent = { kind: 'final', text: clip.text, startMs: Math.round(msForSamples(start + clip.onset)), endMs: Math.round(msForSamples(start + clip.voicedEnd)) };
      this.pendingFinals++;
      setTimeout(() => {
        this.pendingFinals--;
        void this.out.push(event);
        if (this.ended && this.pendingFinals === 0) this.out.close();
      }, this.options.finalDelayMs);
    }
    if (into >= clip.length - 1) this.current = null;
  }
}

/** A tone for the interviewer's voice: first audio after `firstAudioMs`, then 65 ms of audio per character, 10× faster than real time. */
export class FakeTts implements TextToSpeech {
  readonly name = 'fake-tts';
  readonly capabilities = { streaming: true };
  constructor(private readonly options = { firstAudioMs: 150 }) {}

  async *synthesize(text: string, { signal }: SynthesizeOptions): AsyncIterable<Int16Array> {
    if (text.trim() === '' || signal.aborted) return;
    await sleep(this.options.firstAudioMs, signal);
    const total = samplesForMs(text.length * 65);
    for (let at = 0; at < total && !signal.aborted; at += 1600) {
      const chunk = new Int16Array(Math.min(1600, total - at));
      for (let i = 0; i < chunk.length; i++) chunk[i] = Math.round(4000 * Math.sin((2 * Math.PI * 220 * (at + i)) / 16_000));
      yield chunk;
      await sleep(10, signal);
    }
  }
}

export interface FakeInterviewerOptions {
  firstTokenMs: number;
  wordMs: number;
  /** What to say to an answer. */
  reply: (answer: string) => string;
}

/** An interviewer whose first token comes `firstTokenMs` after it is asked, then a word every `wordMs`. */
export class FakeInterviewer implements Interviewer {
  constructor(private readonly options: FakeInterviewerOptions) {}

  async *respond(_context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    if (event.kind !== 'session-start' && event.kind !== 'candidate-answer') return;
    const text = event.kind === 'session-start' ? 'Hello.' : this.options.reply(event.text);
    await sleep(this.options.firstTokenMs, signal);
    for (const [i, word] of text.split(/(?<= )/).entries()) {
      if (signal.aborted) return;
      if (i > 0) await sleep(this.options.wordMs, signal);
      yield { kind: 'text', delta: word };
    }
  }

  async evaluate(): Promise<EvaluationDraft> {
    return { band: 'no-hire', overall: 1, scores: [], summary: 'benchmark' };
  }
}
