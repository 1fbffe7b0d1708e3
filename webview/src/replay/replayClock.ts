// The replay's one clock: a position in ms on the session clock that advances in real time while playing.
// Everything else (transcript, code, audio) is a function of this position.

export interface ReplayClockOptions {
  durationMs: number;
  onChange(positionMs: number, playing: boolean): void;
  /** Injected for tests; performance.now by default. */
  now?(): number;
}

/** How often the position is pushed to the views while playing. */
const TICK_MS = 100;

export class ReplayClock {
  private base = 0;
  private startedAt: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ReplayClockOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get playing(): boolean { return this.startedAt !== null; }

  get position(): number {
    const run = this.startedAt === null ? 0 : this.now() - this.startedAt;
    return Math.min(this.options.durationMs, this.base + run);
  }

  play(): void {
    if (this.playing) return;
    if (this.base >= this.options.durationMs) this.base = 0; // at the end, Play starts over
    this.startedAt = this.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.emit();
  }

  pause(): void {
    if (!this.playing) return;
    this.base = this.position;
    this.startedAt = null;
    clearInterval(this.timer);
    this.emit();
  }

  toggle(): void { if (this.playing) this.pause(); else this.play(); }

  seek(ms: number): void {
    this.base = Math.max(0, Math.min(this.options.durationMs, ms));
    if (this.startedAt !== null) this.startedAt = this.now();
    this.emit();
  }

  dispose(): void { clearInterval(this.timer); }

  private tick(): void {
    if (this.position >= this.options.durationMs) return this.pause();
    this.emit();
  }

  private emit(): void { this.options.onChange(this.position, this.playing); }
}
