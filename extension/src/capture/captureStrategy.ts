// One interface for every way the extension can get the candidate's microphone: the interview webview's
// getUserMedia, a recorder process in the extension host (sox/arecord/ffmpeg), or a companion browser page served
// by the backend. Each yields the same 20 ms 16 kHz mono PCM16 frames (protocol/src/audio.ts), or — the companion —
// sends them to the backend itself. No vscode import: node tests drive every strategy.
import type { MicError, MicMode, MicStatus } from '../../../protocol/src/webviewAudio';
import type { Listeners } from '../connection/listeners';

export type CaptureStrategyKind = 'webview' | 'recorder' | 'companion';
/** The `mocktalk.voice.capture` setting: a strategy to force, or `auto`. */
export type CaptureSetting = CaptureStrategyKind | 'auto';

/** One captured frame, as the session socket encodes it (`encodeCandidateAudio`). */
export interface PcmFrame {
  seq: number;
  /** Epoch ms when the frame's first sample was captured. */
  captureTs: number;
  samples: Int16Array;
}

export interface CaptureStrategy {
  readonly kind: CaptureStrategyKind;
  /** Human text for "which capture is in use", e.g. "Microphone via sox (rec)". */
  readonly description: string;
  /**
   * Where frames go: `host` strategies emit them on `onFrame` and the extension forwards them on the session socket;
   * a `direct` strategy (the companion page) streams to the backend on its own connection and never emits frames.
   */
  readonly route: 'host' | 'direct';
  readonly onFrame: Listeners<PcmFrame>;
  /** Every mic state change; an `error` status carries a MicError the UI shows as is. */
  readonly onStatus: Listeners<MicStatus>;
  readonly status: MicStatus;
  /** Starts capturing; resolves with the resulting status (an `error` status, never a rejection, on failure). */
  start(): Promise<MicStatus>;
  setMode(mode: MicMode): void;
  setMuted(muted: boolean): void;
  /** Push-to-talk: frames flow only while held. */
  setTalking(held: boolean): void;
  /** Stops capturing and releases the device/process; idempotent. */
  dispose(): void;
}

/** What selection knows about where the extension runs. */
export interface CaptureEnvironment {
  /** `vscode.env.remoteName`: set in SSH/WSL/container windows, where the extension host is not the candidate's machine. */
  remoteName: string | undefined;
  /** `vscode.env.uiKind === UIKind.Web`: browser-hosted VS Code (code-server, vscode.dev), where the webview mic works. */
  webUi: boolean;
  /** Whether a recorder command was found on the extension host's PATH. */
  recorderAvailable: boolean;
}

export const offStatus = (mode: MicMode): MicStatus => ({ state: 'off', mode, sending: false });
export const errorStatus = (mode: MicMode, error: MicError): MicStatus => ({ state: 'error', mode, sending: false, error });
