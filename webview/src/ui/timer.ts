// Elapsed interview time, ticking once a second until the session's end time is known.
import { h } from './dom';

/** mm:ss, or h:mm:ss past an hour; negative spans (clock skew with the server) show as 00:00. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export class Timer {
  readonly element: HTMLElement;
  private readonly display: HTMLTimeElement;
  private interval: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;

  constructor(label = 'Elapsed time') {
    this.display = h('time', { class: 'timer__value' }, '00:00');
    // role="timer" is implicitly aria-live="off": a per-second announcement would drown out the interviewer.
    this.element = h('span', { class: 'timer', role: 'timer', 'aria-label': label }, this.display);
  }

  /** Shows the time since `startedAt`; with `endedAt` the value is fixed, otherwise it ticks. */
  set(startedAt: string, endedAt: string | null): void {
    this.stop();
    this.startedAt = Date.parse(startedAt);
    if (Number.isNaN(this.startedAt)) return;
    if (endedAt !== null) {
      this.render(Date.parse(endedAt));
      return;
    }
    this.render(Date.now());
    this.interval = setInterval(() => this.render(Date.now()), 1000);
  }

  stop(): void {
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
  }

  private render(now: number): void {
    const elapsed = now - this.startedAt;
    this.display.textContent = formatElapsed(elapsed);
    this.display.dateTime = `PT${Math.max(0, Math.floor(elapsed / 1000))}S`;
  }
}
