// The `webview` capture strategy: the interview panel opens the microphone itself (getUserMedia → AudioWorklet) and
// posts 20 ms frames as audio/frame; this side decodes them and mirrors the panel's mic state. Works where the webview
// may use the mic (code-server in a browser); desktop VS Code denies it, which arrives here as a `permission-denied` status.
import { base64ToPcm16, type MicMode, type MicStatus, type WebviewAudioFrameMessage, type WebviewMicDidChangeMessage } from '../../../protocol/src/webviewAudio';
import type { MicCommand } from '../../../protocol/src/webview';
import { Listeners } from '../connection/listeners';
import { offStatus, type CaptureStrategy, type PcmFrame } from './captureStrategy';

/** How long start() waits for the panel to report its mic before resolving with what it knows. */
const START_TIMEOUT_MS = 15_000;

export class WebviewCapture implements CaptureStrategy {
  readonly kind = 'webview' as const;
  readonly description = 'Microphone in the interview panel';
  readonly route = 'host' as const;
  readonly onFrame = new Listeners<PcmFrame>();
  readonly onStatus = new Listeners<MicStatus>();
  private statusValue: MicStatus = offStatus('open');
  private starters: ((status: MicStatus) => void)[] = [];
  private disposed = false;

  /** `command` reaches the panel's MicCapture (false when no panel is showing). */
  constructor(private readonly command: (command: MicCommand) => boolean) {}

  get status(): MicStatus { return this.statusValue; }

  /** A frame from the panel; the message already passed WebviewToHostMessage's schema (whole PCM16 samples, 10–60 ms). */
  acceptFrame(message: WebviewAudioFrameMessage): void {
    // A frame still in flight after mute or release must not leak out.
    if (this.disposed || !this.statusValue.sending) return;
    this.onFrame.emit({ seq: message.seq, captureTs: message.captureTs, samples: base64ToPcm16(message.pcm) });
  }

  /** The panel's mic changed state. */
  acceptStatus(message: WebviewMicDidChangeMessage): void {
    const { state, mode, sending, error } = message;
    this.setStatus(error ? { state, mode, sending, error } : { state, mode, sending });
  }

  /** The panel was hidden or closed: its page, and the mic with it, are gone. */
  detached(): void {
    if (this.statusValue.state !== 'error') this.setStatus(offStatus(this.statusValue.mode));
  }

  start(): Promise<MicStatus> {
    if (this.disposed) return Promise.resolve(this.statusValue);
    if (this.statusValue.state === 'listening' || this.statusValue.state === 'muted') return Promise.resolve(this.statusValue);
    if (!this.command({ kind: 'start' })) return Promise.resolve(this.statusValue);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(this.statusValue), START_TIMEOUT_MS);
      const settle = (status: MicStatus) => {
        clearTimeout(timer);
        this.starters = this.starters.filter((s) => s !== settle);
        resolve(status);
      };
      this.starters.push(settle);
    });
  }

  setMode(mode: MicMode): void { this.command({ kind: 'setMode', mode }); }
  setMuted(muted: boolean): void { this.command({ kind: 'setMuted', muted }); }
  setTalking(held: boolean): void { this.command({ kind: 'setTalking', held }); }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The panel may outlive the interview (it keeps showing the result): its mic must not.
    this.command({ kind: 'setMuted', muted: true });
    for (const settle of [...this.starters]) settle(this.statusValue);
    this.onFrame.clear();
    this.onStatus.clear();
  }

  private setStatus(status: MicStatus): void {
    const before = this.statusValue;
    this.statusValue = status;
    if (status.state !== 'off') for (const settle of [...this.starters]) settle(status);
    const same = before.state === status.state && before.mode === status.mode && before.sending === status.sending
      && before.error?.kind === status.error?.kind && before.error?.message === status.error?.message;
    if (!same) this.onStatus.emit(status);
  }
}
