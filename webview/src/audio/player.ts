// The interviewer's voice: 16 kHz PCM16 chunks scheduled back to back on one AudioContext timeline behind a small
// jitter buffer, `clear()` for barge-in, and the real playback state per turn (when sound starts and stops).
import { contextTimeToEpochMs } from './clock';
import { CAPTURE_RATE } from './dsp';
import { Listeners } from './events';

export interface AudioPlayerOptions {
  /** Defaults to a context of the player's own at 16 kHz (closed by dispose()). */
  context?: AudioContext;
  /** Defaults to context.destination. */
  destination?: AudioNode;
  /** Audio held back before a turn starts (or restarts after running dry), to ride out network jitter. */
  jitterMs?: number;
  sampleRate?: number;
}

export interface PlaybackEvent { turnId: string; state: 'started' | 'stopped'; /** epoch ms */ ts: number }
/** A chunk on the context timeline (seconds), from scheduling until it has played. */
export interface ScheduledChunk { turnId: string; seq: number; start: number; end: number }

interface Scheduled extends ScheduledChunk { source: AudioBufferSourceNode }

/** Turns cleared recently: chunks of theirs still on the wire are dropped, not played. */
const CLEARED_MEMORY = 32;

export class AudioPlayer {
  readonly context: AudioContext;
  private readonly ownsContext: boolean;
  private readonly destination: AudioNode;
  private readonly jitter: number;
  private readonly sampleRate: number;
  private readonly playbacks = new Listeners<PlaybackEvent>();
  private readonly speakings = new Listeners<boolean>();
  private queue: Scheduled[] = [];
  /** Context time where the next chunk goes; a chunk that would start sooner than one quantum from now re-buffers. */
  private nextStart = 0;
  /** Turns whose sound has started and not yet stopped. */
  private readonly audible = new Set<string>();
  /** Turns queued but not yet audible: when their first chunk is due, and the timer that announces it. */
  private readonly pendingStarts = new Map<string, { start: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly cleared: string[] = [];

  constructor(options: AudioPlayerOptions = {}) {
    this.sampleRate = options.sampleRate ?? CAPTURE_RATE;
    this.ownsContext = !options.context;
    this.context = options.context ?? createContext(this.sampleRate);
    this.destination = options.destination ?? this.context.destination;
    this.jitter = (options.jitterMs ?? 50) / 1000;
  }

  /** True while any interviewer turn is audible. */
  get speaking(): boolean {
    return this.audible.size > 0;
  }

  get scheduled(): readonly ScheduledChunk[] {
    return this.queue.map(({ turnId, seq, start, end }) => ({ turnId, seq, start, end }));
  }

  onPlayback(listener: (event: PlaybackEvent) => void): () => void {
    return this.playbacks.on(listener);
  }

  onSpeaking(listener: (speaking: boolean) => void): () => void {
    return this.speakings.on(listener);
  }

  /** Browsers start an AudioContext suspended until a user gesture: call this from one (e.g. the Start click). */
  resume(): Promise<void> {
    return this.context.resume();
  }

  play(turnId: string, seq: number, samples: Int16Array): void {
    if (samples.length === 0 || this.cleared.includes(turnId)) return;
    if (this.context.state === 'suspended') void this.context.resume();
    const buffer = this.context.createBuffer(1, samples.length, this.sampleRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i]! / 32768;

    const now = this.context.currentTime;
    const quantum = 128 / this.context.sampleRate;
    if (this.nextStart < now + quantum) this.nextStart = now + this.jitter; // first chunk, or the queue ran dry
    const start = this.nextStart;
    const end = start + samples.length / this.sampleRate;
    this.nextStart = end;

    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.destination);
    const chunk: Scheduled = { turnId, seq, start, end, source };
    source.onended = () => this.ended(chunk);
    source.start(start);
    this.queue.push(chunk);
    if (!this.audible.has(turnId) && !this.pendingStarts.has(turnId)) this.armStart(turnId, start);
  }

  /** Stops at once (from the next render quantum) and drops what is queued: one turn's audio, or everything. */
  clear(turnId?: string): void {
    const dropping = this.queue.filter((c) => turnId === undefined || c.turnId === turnId);
    this.queue = this.queue.filter((c) => !dropping.includes(c));
    for (const chunk of dropping) {
      chunk.source.onended = null;
      chunk.source.stop();
      chunk.source.disconnect();
    }
    const turns = turnId === undefined
      ? new Set([...this.audible, ...this.pendingStarts.keys(), ...dropping.map((c) => c.turnId)])
      : new Set([turnId]);
    const ts = contextTimeToEpochMs(this.context, this.context.currentTime);
    for (const turn of turns) {
      clearTimeout(this.pendingStarts.get(turn)?.timer);
      this.pendingStarts.delete(turn);
      this.remember(turn);
      if (this.audible.has(turn)) this.stopped(turn, ts);
    }
    if (this.queue.length === 0) this.nextStart = 0;
  }

  dispose(): void {
    this.clear();
    this.playbacks.clear();
    this.speakings.clear();
    if (this.ownsContext) void this.context.close().catch(() => undefined);
  }

  /** 'started' is announced when the sound is due at the speakers, not when it is queued. */
  private armStart(turnId: string, start: number): void {
    const wait = Math.max(10, (start - this.context.currentTime) * 1000);
    const timer = setTimeout(() => {
      // A suspended context does not advance: check again rather than announce sound that is not playing.
      if (this.context.currentTime < start) return this.armStart(turnId, start);
      this.announceStart(turnId);
    }, wait);
    this.pendingStarts.set(turnId, { start, timer });
  }

  private announceStart(turnId: string): void {
    const pending = this.pendingStarts.get(turnId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingStarts.delete(turnId);
    const wasSpeaking = this.speaking;
    this.audible.add(turnId);
    this.playbacks.emit({ turnId, state: 'started', ts: contextTimeToEpochMs(this.context, pending.start) });
    if (!wasSpeaking) this.speakings.emit(true);
  }

  private ended(chunk: Scheduled): void {
    this.queue = this.queue.filter((c) => c !== chunk);
    chunk.source.disconnect();
    if (this.queue.some((c) => c.turnId === chunk.turnId)) return;
    this.announceStart(chunk.turnId); // a busy main thread may not have run the timer before a short turn ended
    if (this.audible.has(chunk.turnId)) this.stopped(chunk.turnId, contextTimeToEpochMs(this.context, chunk.end));
  }

  private stopped(turnId: string, ts: number): void {
    this.audible.delete(turnId);
    this.playbacks.emit({ turnId, state: 'stopped', ts });
    if (!this.speaking) this.speakings.emit(false);
  }

  private remember(turnId: string): void {
    if (this.cleared.includes(turnId)) return;
    this.cleared.push(turnId);
    if (this.cleared.length > CLEARED_MEMORY) this.cleared.shift();
  }
}

function createContext(rate: number): AudioContext {
  try {
    return new AudioContext({ sampleRate: rate, latencyHint: 'interactive' });
  } catch {
    return new AudioContext({ latencyHint: 'interactive' }); // buffers at 16 kHz still play; the browser resamples
  }
}
