// The two MicSources the voice controls can drive: the panel's own MicCapture (frames and state posted to the host),
// or a capture running in the extension host (recorder process, companion page), driven through mic/command.
import type { MicCommand } from '../../../protocol/src/webview';
import { pcm16ToBase64, type MicMode, type MicStatus } from '../../../protocol/src/webviewAudio';
import { assertNever } from '../../../protocol/src/domain';
import type { HostBridge } from '../hostBridge';
import type { MicSource } from '../ui/micControls';
import { MicCapture, captureWorkletUrl } from './capture';
import { Listeners } from './events';

export interface PanelMicSource extends MicSource {
  /** A command from the host (status bar mute, interview end). */
  apply(command: MicCommand): void;
  dispose(): void;
}

/** The webview's getUserMedia capture; everything it captures goes to the host as audio/frame. */
export class WebviewMicSource implements PanelMicSource {
  private readonly capture: MicCapture;
  private readonly disposers: Array<() => void>;

  constructor(bridge: HostBridge, capture?: MicCapture) {
    this.capture = capture ?? new MicCapture({ workletUrl: captureWorkletUrl() });
    this.disposers = [
      this.capture.onFrame((frame) => bridge.post({
        type: 'audio/frame', seq: frame.seq, captureTs: frame.captureTs, pcm: pcm16ToBase64(frame.samples),
      })),
      this.capture.onStatus((status) => bridge.post({ type: 'mic/didChange', ...status })),
    ];
  }

  get status(): MicStatus { return this.capture.status; }
  onStatus(listener: (status: MicStatus) => void): () => void { return this.capture.onStatus(listener); }
  onLevel(listener: (dbfs: number) => void): () => void { return this.capture.onLevel(listener); }
  start(): Promise<MicStatus> { return this.capture.start(); }
  setMode(mode: MicMode): void { this.capture.setMode(mode); }
  setMuted(muted: boolean): void { this.capture.setMuted(muted); }
  setTalking(held: boolean): void { this.capture.setTalking(held); }

  apply(command: MicCommand): void {
    switch (command.kind) {
      case 'start': return void this.start();
      case 'setMode': return this.setMode(command.mode);
      case 'setMuted': return this.setMuted(command.muted);
      case 'setTalking': return this.setTalking(command.held);
      default: return assertNever(command, 'mic command');
    }
  }

  dispose(): void {
    this.disposers.forEach((d) => d());
    this.capture.dispose();
  }
}

/** A mic in the extension host: the controls send commands and show the state the host reports. */
export class HostMicSource implements PanelMicSource {
  private readonly statuses = new Listeners<MicStatus>();
  private statusValue: MicStatus = { state: 'off', mode: 'open', sending: false };
  private startWaiters: Array<(status: MicStatus) => void> = [];

  constructor(private readonly bridge: HostBridge) {}

  get status(): MicStatus { return this.statusValue; }
  onStatus(listener: (status: MicStatus) => void): () => void { return this.statuses.on(listener); }
  /** The host sends no levels: the meter stays at its floor. */
  onLevel(): () => void { return () => undefined; }

  start(): Promise<MicStatus> {
    this.bridge.post({ type: 'mic/command', command: { kind: 'start' } });
    return new Promise((resolve) => this.startWaiters.push(resolve));
  }

  setMode(mode: MicMode): void { this.bridge.post({ type: 'mic/command', command: { kind: 'setMode', mode } }); }
  setMuted(muted: boolean): void { this.bridge.post({ type: 'mic/command', command: { kind: 'setMuted', muted } }); }
  setTalking(held: boolean): void { this.bridge.post({ type: 'mic/command', command: { kind: 'setTalking', held } }); }

  /** mic/status from the host. */
  update(status: MicStatus): void {
    this.statusValue = status;
    if (status.state !== 'off') this.startWaiters.splice(0).forEach((resolve) => resolve(status));
    this.statuses.emit(status);
  }

  /** Host commands are for the panel's own mic; the host already applied them to its capture. */
  apply(): void {}

  dispose(): void {
    this.startWaiters.splice(0).forEach((resolve) => resolve(this.statusValue));
    this.statuses.clear();
  }
}
