// Sends a voice session's outgoing frames to the client. Interviewer audio goes out as binary frames paced
// at real time plus a short lead: enough to ride out network jitter, little enough that an audio/clear
// leaves almost nothing queued on the client, and that "sent" is close to "heard" (which the stored text of
// an interrupted turn relies on). While the socket's send buffer is above its high-water mark (a slow
// client), sending waits: backpressure runs back through the bounded queue to TTS and the interviewer.
import { encodeInterviewerAudio } from '../../../protocol/src/audio';
import { assertNever } from '../../../protocol/src/domain';
import type { ServerMessage } from '../../../protocol/src/session';
import { msForSamples } from '../pipeline/audio';
import type { Frame, TtsAudioFrame } from '../pipeline/frames';
import type { BoundedQueue } from '../pipeline/queue';

export interface AudioLink {
  send(message: ServerMessage): void;
  sendAudio(bytes: Uint8Array): void;
  /** Bytes queued in the socket, not yet written to the network. */
  bufferedAmount(): number;
  isOpen(): boolean;
}

export interface SenderOptions {
  leadMs: number;
  highWaterBytes: number;
}

export const DEFAULT_SENDER: SenderOptions = { leadMs: 300, highWaterBytes: 64 * 1024 };

export interface SenderEvents {
  firstAudio(turnId: string, at: number): void;
  cleared(turnId: string, at: number): void;
  /** A chunk of a turn's audio was written to the socket (the replay records exactly this). */
  audioSent?(turnId: string, pcm: Int16Array, at: number): void;
}

interface Progress { samples: number; done: boolean; waiters: (() => void)[] }

const TURNS_KEPT = 16;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AudioSender {
  private readonly turns = new Map<string, Progress>();
  private readonly cancelled = new Set<string>();
  /** Wall time at which the client will have played everything sent so far. */
  private playhead = 0;
  private closed = false;
  readonly stopped: Promise<void>;

  constructor(
    private readonly frames: BoundedQueue<Frame>,
    private readonly link: AudioLink,
    private readonly events: SenderEvents,
    private readonly options: SenderOptions = DEFAULT_SENDER,
  ) {
    this.stopped = this.run();
  }

  /** Samples of a turn written to the socket so far. */
  sentSamples(turnId: string): number { return this.turns.get(turnId)?.samples ?? 0; }

  /** Drops the turn's audio at once, including a frame the sender is holding back for pacing. */
  cancel(turnId: string): void { this.cancelled.add(turnId); }

  /** A turn that will never be sent (a discarded speculative reply): its waiters are released, the client is told nothing. */
  discard(turnId: string): void {
    this.cancel(turnId);
    this.finish(turnId);
  }

  /** Resolves when the turn's last frame (turn-end) or its interrupt went out, or the sender stopped. */
  finished(turnId: string): Promise<void> {
    const progress = this.progress(turnId);
    return progress.done || this.closed ? Promise.resolve() : new Promise((resolve) => progress.waiters.push(resolve));
  }

  private async run(): Promise<void> {
    for await (const frame of this.frames) await this.handle(frame);
    this.closed = true;
    for (const turnId of this.turns.keys()) this.finish(turnId);
  }

  private async handle(frame: Frame): Promise<void> {
    switch (frame.kind) {
      case 'tts-audio': return this.sendAudio(frame);
      case 'interrupt':
        this.cancel(frame.turnId);
        this.link.send({ type: 'audio/clear', turnId: frame.turnId });
        this.events.cleared(frame.turnId, Date.now());
        this.playhead = 0;
        return this.finish(frame.turnId);
      case 'turn-end': return this.finish(frame.turnId);
      // Text and candidate-side frames are other stages' business.
      case 'llm-text': case 'transcript-partial': case 'transcript-final':
      case 'user-started-speaking': case 'user-stopped-speaking': case 'audio-in': case 'end':
        return;
      default: assertNever(frame, 'frame');
    }
  }

  private async sendAudio(frame: TtsAudioFrame): Promise<void> {
    const { turnId, pcm } = frame;
    if (this.cancelled.has(turnId)) return;
    const ahead = this.playhead - Date.now() - this.options.leadMs;
    if (ahead > 0) await sleep(ahead);
    while (this.link.isOpen() && this.link.bufferedAmount() > this.options.highWaterBytes && !this.cancelled.has(turnId)) await sleep(10);
    if (this.cancelled.has(turnId) || !this.link.isOpen()) return;
    const now = Date.now();
    this.link.sendAudio(encodeInterviewerAudio({ seq: frame.seq, sentTs: now, turnId, samples: pcm }));
    const progress = this.progress(turnId);
    if (progress.samples === 0) this.events.firstAudio(turnId, now);
    this.events.audioSent?.(turnId, pcm, now);
    progress.samples += pcm.length;
    this.playhead = Math.max(now, this.playhead) + msForSamples(pcm.length);
  }

  private progress(turnId: string): Progress {
    let progress = this.turns.get(turnId);
    if (!progress) {
      progress = { samples: 0, done: false, waiters: [] };
      this.turns.set(turnId, progress);
      for (const old of this.turns.keys()) {
        if (this.turns.size <= TURNS_KEPT) break;
        if (this.turns.get(old)!.done) { this.turns.delete(old); this.cancelled.delete(old); }
      }
    }
    return progress;
  }

  private finish(turnId: string): void {
    const progress = this.progress(turnId);
    progress.done = true;
    for (const resolve of progress.waiters.splice(0)) resolve();
  }
}
