// Wraps a batch-only recognizer (whole utterance in, text out) into a streaming SpeechToText: a VAD cuts
// the incoming audio into utterances and each one is transcribed as soon as it ends.
import { concatPcm, FRAME_MS, FRAME_SAMPLES, msForSamples, PcmChunker, Resampler, SAMPLE_RATE, samplesForMs } from '../pipeline/audio';
import { BoundedQueue } from '../pipeline/queue';
import { EnergyVad, type VoiceActivityDetector } from '../pipeline/vad';
import type { BatchSpeechToText, SpeechToText, SttCapabilities, SttSession, SttStartOptions, TranscriptEvent } from './types';

export interface SegmentingOptions {
  /** Audio kept from before the onset, so the first syllable (which the VAD needs to confirm speech) is not cut. */
  preRollMs: number;
  /** Utterances longer than this are cut and transcribed in pieces, bounding memory and latency. */
  maxSegmentMs: number;
  createVad: () => VoiceActivityDetector;
}

export const DEFAULT_SEGMENTING: SegmentingOptions = {
  preRollMs: 200,
  maxSegmentMs: 15_000,
  createVad: () => new EnergyVad(),
};

export class SegmentingSpeechToText implements SpeechToText {
  readonly name: string;
  readonly capabilities: SttCapabilities = { streaming: true, interimResults: false };
  private readonly options: SegmentingOptions;

  constructor(private readonly batch: BatchSpeechToText, options: Partial<SegmentingOptions> = {}) {
    this.options = { ...DEFAULT_SEGMENTING, ...options };
    this.name = `segmenting(${batch.name})`;
  }

  start(options: SttStartOptions): SttSession {
    return new SegmentingSession(this.batch, this.options, options);
  }
}

class SegmentingSession implements SttSession {
  readonly events: AsyncIterable<TranscriptEvent>;
  private readonly out = new BoundedQueue<TranscriptEvent>({ capacity: 32 });
  private readonly vad: VoiceActivityDetector;
  private readonly chunker: PcmChunker;
  private readonly resampler: Resampler | null;
  private readonly abort = new AbortController();
  private readonly preRollFrames: number;
  private readonly maxFrames: number;
  private history: Int16Array[] = [];
  private segment: Int16Array[] | null = null;
  private segmentStartSample = 0;
  private samplesSeen = 0;
  /** Transcriptions run one at a time, in order, so finals come out in the order spoken. */
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private done = false;

  constructor(private readonly batch: BatchSpeechToText, options: SegmentingOptions, private readonly startOptions: SttStartOptions) {
    this.vad = options.createVad();
    this.chunker = new PcmChunker(this.vad.frameSamples);
    this.resampler = startOptions.sampleRate === SAMPLE_RATE ? null : new Resampler(startOptions.sampleRate, SAMPLE_RATE);
    this.preRollFrames = Math.ceil(samplesForMs(options.preRollMs) / FRAME_SAMPLES);
    this.maxFrames = Math.ceil(samplesForMs(options.maxSegmentMs) / FRAME_SAMPLES);
    this.events = this.iterate();
  }

  write(pcm: Int16Array): void {
    if (this.done) return;
    const samples = this.resampler ? this.resampler.push(pcm) : pcm;
    for (const frame of this.chunker.push(samples)) this.frame(frame);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    if (this.segment) this.cut();
    void this.chain.then(() => this.out.close());
  }

  close(): void {
    this.done = true;
    this.abort.abort();
    this.out.close();
  }

  private frame(frame: Int16Array): void {
    const ts = msForSamples(this.samplesSeen);
    const result = this.vad.process(frame, ts);
    this.samplesSeen += frame.length;
    if (this.segment) {
      this.segment.push(frame);
      if (result.event === 'speech-end') {
        this.cut();
      } else if (this.segment.length >= this.maxFrames) {
        // Still speaking: transcribe what we have and carry on in a new segment.
        this.cut();
        this.segment = [];
        this.segmentStartSample = this.samplesSeen;
      }
      return;
    }
    this.history.push(frame);
    if (result.event === 'speech-start') {
      // The onset frames the VAD needed, plus the pre-roll before them.
      const onsetFrames = Math.round((ts - (result.eventTs ?? ts)) / FRAME_MS) + 1;
      this.segment = this.history.slice(-(onsetFrames + this.preRollFrames));
      this.segmentStartSample = this.samplesSeen - this.segment.reduce((n, f) => n + f.length, 0);
      this.history = [];
    } else if (this.history.length > this.preRollFrames + 16) {
      this.history = this.history.slice(-(this.preRollFrames + 16));
    }
  }

  private cut(): void {
    const pcm = concatPcm(this.segment ?? []);
    const startMs = Math.round(msForSamples(this.segmentStartSample));
    const endMs = Math.round(startMs + msForSamples(pcm.length));
    this.segment = null;
    if (pcm.length === 0) return;
    this.chain = this.chain.then(async () => {
      if (this.abort.signal.aborted) return;
      try {
        const text = (await this.batch.transcribe(pcm, { ...this.startOptions, sampleRate: SAMPLE_RATE, signal: this.abort.signal })).trim();
        if (text !== '') await this.out.push({ kind: 'final', text, startMs, endMs });
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.failure = error instanceof Error ? error : new Error(String(error));
        this.done = true;
        this.out.close();
      }
    });
  }

  private async *iterate(): AsyncIterable<TranscriptEvent> {
    yield* this.out;
    if (this.failure) throw this.failure;
  }
}
