// What the client is playing, from its audio/playback reports. The barge-in rules apply only while a turn
// plays, so a client that never reports `stopped` must not leave them on: a turn whose audio is all sent
// counts as stopped a little after its audio would have ended.
import { msForSamples } from '../pipeline/audio';
import type { SpokenTurn } from './spokenTurn';

/** Slack after the audio's expected end before playback counts as over without a report. */
const GRACE_MS = 1500;

export class PlaybackTracker {
  private playing: { turn: SpokenTurn; fallback: NodeJS.Timeout | null } | null = null;

  constructor(private readonly sentSamples: (turnId: string) => number, private readonly onStopped: () => void) {}

  get turn(): SpokenTurn | null { return this.playing?.turn ?? null; }

  /** Returns false when the turn was already playing. */
  started(turn: SpokenTurn): boolean {
    if (this.playing?.turn === turn) return false;
    this.stopped();
    this.playing = { turn, fallback: null };
    if (turn.finished) this.turnSent(turn);
    return true;
  }

  /** Playback stopped (of `turn`, or of whatever plays when none is given). */
  stopped(turn?: SpokenTurn): void {
    const playing = this.playing;
    if (!playing || (turn && playing.turn !== turn)) return;
    if (playing.fallback) clearTimeout(playing.fallback);
    this.playing = null;
    this.onStopped();
  }

  /** All of the turn's audio went out: arms the fallback end. */
  turnSent(turn: SpokenTurn): void {
    const playing = this.playing;
    if (!playing || playing.turn !== turn || playing.fallback) return;
    const endsAt = (turn.playbackStartedAt ?? Date.now()) + msForSamples(this.sentSamples(turn.turnId));
    playing.fallback = setTimeout(() => this.stopped(turn), Math.max(0, endsAt - Date.now()) + GRACE_MS);
    playing.fallback.unref();
  }

  dispose(): void {
    if (this.playing?.fallback) clearTimeout(this.playing.fallback);
    this.playing = null;
  }
}
