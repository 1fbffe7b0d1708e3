// The voice half of an interview, for any CaptureStrategy: mic frames → session socket; interviewer audio → the panel's
// player; audio/clear → the panel; the panel's playback reports → the server; mic state → the panel and the status bar.
// No vscode import: node tests drive it with a real socket.
import type { InterviewerAudioFrame } from '../../../protocol/src/audio';
import { assertNever } from '../../../protocol/src/domain';
import type { ClientMessageOf, ServerMessageOf } from '../../../protocol/src/session';
import type { HostToWebviewMessage, MicCommand, WebviewToHostMessage } from '../../../protocol/src/webview';
import { pcm16ToBase64, type MicStatus } from '../../../protocol/src/webviewAudio';
import type { CaptureStrategy, PcmFrame } from '../capture/captureStrategy';
import { WebviewCapture } from '../capture/webviewCapture';
import { Listeners, type Subscription } from '../connection/listeners';

/** What the channel needs of the session socket. */
export interface VoiceSocket {
  readonly onAudio: Listeners<InterviewerAudioFrame>;
  sendAudio(frame: PcmFrame): boolean;
  sendPlayback(message: ClientMessageOf<'audio/playback'>): boolean;
}

/** The panel's messages that belong to voice. */
export type VoicePanelMessage = Extract<WebviewToHostMessage, { type: 'audio/frame' | 'audio/playback' | 'mic/didChange' | 'mic/command' }>;

export class VoiceChannel {
  /** Messages for the panel (audio to play, clears, mic state and configuration). */
  readonly onPanelMessage = new Listeners<HostToWebviewMessage>();
  /** Every mic state change, wherever the mic is (status bar, "keep typing" notice). */
  readonly onMicStatus = new Listeners<MicStatus>();
  /** Each playback report forwarded to the server (tests, diagnostics). */
  readonly onPlaybackReported = new Listeners<ClientMessageOf<'audio/playback'>>();
  private readonly subscriptions: Subscription[];
  private framesSent = 0;
  private disposed = false;

  /**
   * @param webviewMic the panel's own mic, which receives the panel's frames and status whatever `capture` is
   * @param capture the strategy in use: `webviewMic` itself, or a host-side one (recorder, companion page)
   */
  constructor(private readonly socket: VoiceSocket, private readonly webviewMic: WebviewCapture, readonly capture: CaptureStrategy) {
    this.subscriptions = [
      capture.onFrame.on((frame) => { if (socket.sendAudio(frame)) this.framesSent++; }),
      capture.onStatus.on((status) => {
        if (!this.inPanel) this.onPanelMessage.emit({ type: 'mic/status', status });
        this.onMicStatus.emit(status);
      }),
      socket.onAudio.on((frame) => this.onPanelMessage.emit({
        type: 'audio/play', turnId: frame.turnId, seq: frame.seq, pcm: pcm16ToBase64(frame.samples),
      })),
    ];
  }

  get micStatus(): MicStatus { return this.capture.status; }
  /** Frames that went out on the socket (frames captured while disconnected are dropped, not counted). */
  get sentFrames(): number { return this.framesSent; }
  private get inPanel(): boolean { return this.capture === this.webviewMic; }

  /** What a (re)loaded panel needs: where the mic is, and its state when the panel does not hold it. */
  panelMessages(): HostToWebviewMessage[] {
    const configure: HostToWebviewMessage = { type: 'voice/configure', capture: this.inPanel ? 'webview' : 'host', description: this.capture.description };
    return this.inPanel ? [configure] : [configure, { type: 'mic/status', status: this.capture.status }];
  }

  /** Opens a host-side mic; the panel's own mic is opened by the panel (a browser wants a user gesture for it). */
  start(): void {
    if (!this.inPanel) void this.capture.start();
  }

  serverMessage(message: ServerMessageOf<'audio/clear'>): void {
    this.onPanelMessage.emit({ type: 'audio/clear', turnId: message.turnId });
  }

  panelMessage(message: VoicePanelMessage): void {
    if (this.disposed) return;
    switch (message.type) {
      case 'audio/frame': return this.webviewMic.acceptFrame(message);
      case 'mic/didChange': return this.webviewMic.acceptStatus(message);
      case 'audio/playback': {
        const report = { type: 'audio/playback' as const, turnId: message.turnId, state: message.state, ts: message.ts };
        if (this.socket.sendPlayback(report)) this.onPlaybackReported.emit(report);
        return;
      }
      case 'mic/command': return this.command(message.command);
      default: return assertNever(message, 'voice panel message');
    }
  }

  /** The panel's page went away (hidden or closed). */
  panelDetached(): void {
    this.webviewMic.detached();
  }

  toggleMute(): void {
    this.capture.setMuted(this.capture.status.state !== 'muted');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscriptions.forEach((s) => s.dispose());
    this.capture.dispose();
    if (this.capture !== this.webviewMic) this.webviewMic.dispose();
    this.onPanelMessage.clear();
    this.onMicStatus.clear();
    this.onPlaybackReported.clear();
  }

  private command(command: MicCommand): void {
    switch (command.kind) {
      case 'start': return void this.capture.start();
      case 'setMode': return this.capture.setMode(command.mode);
      case 'setMuted': return this.capture.setMuted(command.muted);
      case 'setTalking': return this.capture.setTalking(command.held);
      default: return assertNever(command, 'mic command');
    }
  }
}
