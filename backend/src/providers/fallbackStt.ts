// STT fallback chain: a recognizer that errors, or takes speech in and gives nothing back, is replaced
// by the next for the rest of the session. The audio since the last final is replayed into the
// replacement, so the words of the utterance in flight are not lost.
import { BoundedQueue } from '../pipeline/queue';
import { dbfs, samplesForMs } from '../pipeline/audio';
import { ProviderStallError } from './deadlines';
import type {
  ProviderFailure, SpeechToText, SttCapabilities, SttSession, SttStartOptions, TranscriptEvent,
} from './types';

export interface SttFallbackOptions {
  /** Once speech went in and the audio went quiet, some result must come within this long. */
  stallMs: number;
  /** After end(), the session must finish within this long. */
  endMs: number;
  /** Audio at least this loud (dBFS) counts as speech for stall detection. */
  speechDb: number;
  /** Most audio kept for replay into a replacement. */
  replayMs: number;
  onFailure: (failure: ProviderFailure) => void;
  now?: () => number;
}

export class FallbackSpeechToText implements SpeechToText {
  readonly name: string;
  readonly capabilities: SttCapabilities;

  constructor(private readonly providers: readonly SpeechToText[], private readonly options: SttFallbackOptions) {
    if (providers.length === 0) throw new Error('a fallback chain needs at least one provider');
    this.name = `fallback(${providers.map((p) => p.name).join(',')})`;
    // Promise only what every link can keep: the pipeline must not wait for partials a fallback never sends.
    this.capabilities = {
      streaming: providers.every((p) => p.capabilities.streaming),
      interimResults: providers.every((p) => p.capabilities.interimResults),
    };
  }

  start(options: SttStartOptions): SttSession {
    return new FallbackSttSession(this.providers, this.options, options);
  }
}

class FallbackSttSession implements SttSession {
  readonly events: AsyncIterable<TranscriptEvent>;
  private readonly out = new BoundedQueue<TranscriptEvent>({ capacity: 64 });
  private readonly now: () => number;
  private readonly replayLimit: number;
  private readonly timer: NodeJS.Timeout;
  private index = -1;
  private inner: SttSession | null = null;
  /** Bumped on every switch, so events from an abandoned session are ignored. */
  private generation = 0;
  private replay: Int16Array[] = [];
  private replaySamples = 0;
  private speechPending = false;
  private lastLoudAt = 0;
  private endedAt: number | null = null;
  private closed = false;
  private failure: Error | null = null;

  constructor(
    private readonly providers: readonly SpeechToText[],
    private readonly options: SttFallbackOptions,
    private readonly startOptions: SttStartOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.replayLimit = samplesForMs(options.replayMs, startOptions.sampleRate);
    this.timer = setInterval(() => this.checkStall(), Math.max(10, Math.min(options.stallMs, options.endMs) / 4));
    this.timer.unref();
    this.events = this.iterate();
    this.advance(null);
  }

  write(pcm: Int16Array): void {
    if (this.closed || this.endedAt !== null) return;
    this.replay.push(pcm);
    this.replaySamples += pcm.length;
    while (this.replaySamples - this.replay[0].length >= this.replayLimit) this.replaySamples -= this.replay.shift()!.length;
    if (dbfs(pcm) >= this.options.speechDb) { this.speechPending = true; this.lastLoudAt = this.now(); }
    this.feed(pcm);
  }

  end(): void {
    if (this.closed || this.endedAt !== null) return;
    this.endedAt = this.now();
    try { this.inner?.end(); } catch (error) { this.fail('error', error); }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    clearInterval(this.timer);
    try { this.inner?.close(); } catch { /* closing anyway */ }
    this.out.close();
  }

  private async *iterate(): AsyncIterable<TranscriptEvent> {
    yield* this.out;
    if (this.failure) throw this.failure;
  }

  private feed(pcm: Int16Array): void {
    try { this.inner?.write(pcm); } catch (error) { this.fail('error', error); }
  }

  private checkStall(): void {
    if (this.closed || !this.inner) return;
    const now = this.now();
    if (this.endedAt !== null && now - this.endedAt > this.options.endMs) {
      this.fail('stall', new ProviderStallError(this.providers[this.index].name, this.options.endMs));
    } else if (this.speechPending && now - this.lastLoudAt > this.options.stallMs) {
      this.fail('stall', new ProviderStallError(this.providers[this.index].name, this.options.stallMs));
    }
  }

  private fail(reason: 'error' | 'stall', error: unknown): void {
    if (this.closed) return;
    const failed = this.providers[this.index];
    try { this.inner?.close(); } catch { /* replacing it anyway */ }
    this.inner = null;
    this.options.onFailure({ kind: 'stt', provider: failed.name, reason, error, next: this.providers[this.index + 1]?.name ?? null });
    this.advance(error);
  }

  /** Starts the next provider and replays the unfinished utterance into it; fails the session when none is left. */
  private advance(previousError: unknown): void {
    const generation = ++this.generation;
    this.index++;
    if (this.index >= this.providers.length) {
      this.failure = new Error('every STT provider failed', { cause: previousError });
      this.closed = true;
      clearInterval(this.timer);
      this.out.close();
      return;
    }
    try {
      this.inner = this.providers[this.index].start(this.startOptions);
    } catch (error) {
      this.fail('error', error);
      return;
    }
    void this.pump(this.inner, generation);
    for (const pcm of this.replay) {
      this.feed(pcm);
      if (generation !== this.generation) return; // that provider failed too and its successor got the replay
    }
    // The replacement gets a full deadline from now, whatever the failed one used up.
    if (this.speechPending) this.lastLoudAt = this.now();
    if (this.endedAt !== null) {
      this.endedAt = this.now();
      try { this.inner?.end(); } catch (error) { this.fail('error', error); }
    }
  }

  private async pump(session: SttSession, generation: number): Promise<void> {
    try {
      for await (const event of session.events) {
        if (generation !== this.generation) return;
        this.speechPending = false;
        if (event.kind === 'final') { this.replay = []; this.replaySamples = 0; }
        await this.out.push(event);
      }
      if (generation !== this.generation) return;
      if (this.endedAt === null) throw new Error(`${this.providers[this.index].name} ended its session unasked`);
      this.closed = true;
      clearInterval(this.timer);
      this.out.close();
    } catch (error) {
      if (generation === this.generation) this.fail('error', error);
    }
  }
}
