// What the server is told about an interviewer turn's playback: `started` once, at its first audible sample, and
// `stopped` once, when it finished (all of it arrived — turn/didComplete — and played) or was cleared. The player
// runs dry whenever the network or synthesis lags mid-turn; such a gap is not the end of the turn.
import type { PlaybackEvent } from './player';

interface TurnPlayback { started: boolean; drainedAt: number | null; complete: boolean; stopped: boolean }

/** Turns remembered after they stopped, so late events of theirs are ignored (bounded). */
const MEMORY = 64;

export class PlaybackReports {
  private readonly turns = new Map<string, TurnPlayback>();

  constructor(private readonly report: (event: PlaybackEvent) => void) {}

  /** The player's own start/stop for a turn (stops include running dry). */
  playerEvent(event: PlaybackEvent): void {
    const turn = this.turn(event.turnId);
    if (turn.stopped) return;
    if (event.state === 'started') {
      turn.drainedAt = null;
      if (!turn.started) {
        turn.started = true;
        this.report(event);
      }
      return;
    }
    turn.drainedAt = event.ts;
    if (turn.complete) this.stop(event.turnId, turn, event.ts);
  }

  /** More audio of the turn arrived: a dry spell before it was a gap, not the end, even if it has not started yet. */
  audioQueued(turnId: string): void {
    const turn = this.turn(turnId);
    if (!turn.stopped) turn.drainedAt = null;
  }

  /** turn/didComplete: no more audio of this turn is coming. */
  turnComplete(turnId: string): void {
    // It may come before the player's `started` (the turn's last frames are still in the jitter buffer).
    const turn = this.turn(turnId);
    if (turn.stopped) return;
    turn.complete = true;
    if (turn.drainedAt !== null) this.stop(turnId, turn, turn.drainedAt);
  }

  /** audio/clear: the turn was cut; what is queued is dropped, so it is over now. */
  cleared(turnId: string, ts: number): void {
    const turn = this.turns.get(turnId);
    if (!turn || turn.stopped) return;
    turn.complete = true;
    this.stop(turnId, turn, turn.drainedAt ?? ts);
  }

  private stop(turnId: string, turn: TurnPlayback, ts: number): void {
    turn.stopped = true;
    if (turn.started) this.report({ turnId, state: 'stopped', ts });
  }

  private turn(turnId: string): TurnPlayback {
    let turn = this.turns.get(turnId);
    if (!turn) {
      turn = { started: false, drainedAt: null, complete: false, stopped: false };
      this.turns.set(turnId, turn);
      if (this.turns.size > MEMORY) this.turns.delete(this.turns.keys().next().value!);
    }
    return turn;
  }
}
