// The interviewer's recorded audio on the replay clock: one <audio> element that plays the clip under the
// playhead from the right offset. Clips are asked of the host when first needed (it fetches them with the
// user's token) and kept as blob: URLs.
import type { ReplayAudio as ReplayAudioClip } from '../../../protocol/src/api';

export interface Clip extends ReplayAudioClip { turnId: string }

/** Audio further off the clock than this is re-seeked. */
const DRIFT_S = 0.3;
/** A clip starting within this much of the playhead is fetched ahead of time. */
const PREFETCH_MS = 10_000;

type ClipState = { kind: 'requested' } | { kind: 'ready'; url: string } | { kind: 'failed' };

export class ReplayAudio {
  readonly element: HTMLAudioElement;
  private readonly clips = new Map<string, ClipState>();
  private active: Clip | null = null;

  constructor(private readonly timeline: readonly Clip[], private readonly request: (turnId: string) => void) {
    this.element = document.createElement('audio');
    this.element.className = 'replay__audio';
    this.element.preload = 'auto';
  }

  /** The host's answer to a request: WAV bytes as base64, or null when they could not be fetched. */
  provide(turnId: string, wavBase64: string | null): void {
    const old = this.clips.get(turnId);
    if (old?.kind === 'ready') return;
    if (wavBase64 === null) { this.clips.set(turnId, { kind: 'failed' }); return; }
    const bytes = Uint8Array.from(atob(wavBase64), (c) => c.charCodeAt(0));
    this.clips.set(turnId, { kind: 'ready', url: URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' })) });
  }

  /** Called on every clock change: plays, seeks or stops so the audio matches the playhead. */
  sync(positionMs: number, playing: boolean): void {
    for (const clip of this.timeline) {
      const soon = clip.startMs - positionMs <= PREFETCH_MS && positionMs < clip.startMs + clip.durationMs;
      if (soon && !this.clips.has(clip.turnId)) { this.clips.set(clip.turnId, { kind: 'requested' }); this.request(clip.turnId); }
    }
    const clip = this.timeline.find((c) => positionMs >= c.startMs && positionMs < c.startMs + c.durationMs) ?? null;
    const state = clip ? this.clips.get(clip.turnId) : undefined;
    if (!playing || !clip || state?.kind !== 'ready') {
      if (!this.element.paused) this.element.pause();
      if (!clip) this.active = null;
      return;
    }
    const offset = (positionMs - clip.startMs) / 1000;
    if (this.active !== clip) {
      this.active = clip;
      this.element.src = state.url;
      this.element.dataset.turnId = clip.turnId;
      this.element.currentTime = offset;
    } else if (Math.abs(this.element.currentTime - offset) > DRIFT_S) {
      this.element.currentTime = offset;
    }
    if (this.element.paused) void this.element.play().catch(() => { /* autoplay refused: the text replay goes on */ });
  }

  dispose(): void {
    this.element.pause();
    for (const state of this.clips.values()) if (state.kind === 'ready') URL.revokeObjectURL(state.url);
    this.clips.clear();
  }
}
