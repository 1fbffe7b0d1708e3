// The voice session's clock: milliseconds on the candidate's audio timeline. While audio flows, time is the
// audio itself (samples received), so a client sending faster than real time keeps VAD, transcript times and
// turn-taking consistent with each other; when audio stops (push-to-talk, a muted mic) it runs on at
// wall-clock rate. It never goes backwards.

/** Audio arriving this much later than the timeline expects follows a pause in the stream, not jitter. */
export const STREAM_GAP_MS = 500;

export class VoiceClock {
  private audioMs = 0;
  private wallAtAudio: number;
  private last = 0;

  constructor(private readonly wall: () => number = Date.now) {
    this.wallAtAudio = wall();
  }

  /** End of the audio received so far, on the timeline. */
  get audioEnd(): number { return this.audioMs; }

  now(): number {
    this.last = Math.max(this.last, this.audioMs + (this.wall() - this.wallAtAudio));
    return this.last;
  }

  /** `ms` of audio arrived; returns where it starts. After a pause the timeline skips to now: nobody sent that silence. */
  advance(ms: number): number {
    const now = this.now();
    if (now - this.audioMs > STREAM_GAP_MS) this.audioMs = now;
    const start = this.audioMs;
    this.audioMs += ms;
    this.wallAtAudio = this.wall();
    return start;
  }

  /** Epoch ms of timeline time `t`. */
  toWall(t: number): number {
    return this.wall() - (this.now() - t);
  }
}
