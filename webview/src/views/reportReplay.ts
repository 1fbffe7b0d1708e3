// The report's replay: one clock drives the transcript's current turn, the code pane's snapshot and the
// interviewer's audio. Scrubbing, playing and evidence links all move that one clock.
import type { ReplaySnapshot, SessionReplay } from '../../../protocol/src/api';
import { ReplayAudio, type Clip } from '../replay/replayAudio';
import { ReplayClock } from '../replay/replayClock';
import { h } from '../ui/dom';
import { SPEAKER_LABELS } from '../ui/labels';
import { ReplayTimeline } from '../ui/replayTimeline';
import type { Transcript } from '../ui/transcript';

export interface ReportReplayDeps {
  transcript: Transcript;
  /** The code pane shows this snapshot (null: no code yet at this point). */
  showCode(snapshot: ReplaySnapshot | null): void;
  requestAudio(turnId: string): void;
}

export class ReportReplay {
  readonly element: HTMLElement;
  private readonly clock: ReplayClock;
  private readonly timeline: ReplayTimeline;
  private readonly audio: ReplayAudio;
  private shownSnapshot: ReplaySnapshot | null | undefined = undefined;

  constructor(private readonly replay: SessionReplay, private readonly deps: ReportReplayDeps) {
    const clips: Clip[] = replay.turns.flatMap((t) => (t.audio ? [{ ...t.audio, turnId: t.id }] : []));
    this.audio = new ReplayAudio(clips, deps.requestAudio);
    this.clock = new ReplayClock({ durationMs: replay.durationMs, onChange: (ms, playing) => this.update(ms, playing) });
    this.timeline = new ReplayTimeline({
      durationMs: replay.durationMs,
      marks: replay.turns.map((t) => ({ atMs: t.startMs, label: `Turn ${t.seq}: ${SPEAKER_LABELS[t.speaker]}` })),
      onSeek: (ms) => this.clock.seek(ms),
      onToggle: () => this.clock.toggle(),
    });
    const note = clips.length === 0 ? h('p', { class: 'report__note' }, 'No interviewer audio was recorded in this interview.') : null;
    this.element = h('div', { class: 'replay' }, this.timeline.element, note, this.audio.element);
    // It opens at the end: the final code and the last turn, as a report reads before anyone scrubs.
    this.clock.seek(replay.durationMs);
  }

  seekToTurn(seq: number): void {
    const turn = this.replay.turns.find((t) => t.seq === seq);
    if (turn) this.clock.seek(turn.startMs);
  }

  /** Moves to when a snapshot was taken; false when the replay has no such snapshot. */
  seekToSnapshot(seq: number): boolean {
    const snapshot = this.replay.snapshots.find((s) => s.seq === seq);
    if (!snapshot) return false;
    this.clock.seek(snapshot.atMs);
    return true;
  }

  provideAudio(turnId: string, wavBase64: string | null): void {
    this.audio.provide(turnId, wavBase64);
    this.audio.sync(this.clock.position, this.clock.playing);
  }

  dispose(): void {
    this.clock.dispose();
    this.audio.dispose();
  }

  private update(positionMs: number, playing: boolean): void {
    this.timeline.setPosition(positionMs);
    this.timeline.setPlaying(playing);
    this.deps.transcript.markCurrent(lastAtOrBefore(this.replay.turns, (t) => t.startMs, positionMs)?.seq ?? null);
    const snapshot = lastAtOrBefore(this.replay.snapshots, (s) => s.atMs, positionMs);
    if (snapshot !== this.shownSnapshot) {
      this.shownSnapshot = snapshot;
      this.deps.showCode(snapshot);
    }
    this.audio.sync(positionMs, playing);
  }
}

function lastAtOrBefore<T>(items: readonly T[], at: (item: T) => number, positionMs: number): T | null {
  let found: T | null = null;
  for (const item of items) if (at(item) <= positionMs && (!found || at(item) >= at(found))) found = item;
  return found;
}
