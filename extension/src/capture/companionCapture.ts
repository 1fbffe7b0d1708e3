// The 'companion' capture strategy: the microphone and the speaker live on a page the backend serves, opened in the
// candidate's own browser (desktop VS Code denies the webview the mic; in a remote window the extension host is not
// on the candidate's machine). It asks the backend for a one-time link, opens it through the injected opener
// (vscode.env.openExternal in production), and reports the page's state from the server's voice/didChangeSource.
// Route 'direct': the page streams to the backend itself, so no frame passes through here. No vscode import.
import type { CompanionLink } from '../../../protocol/src/api';
import type { ServerMessage } from '../../../protocol/src/session';
import type { MicError, MicMode, MicStatus } from '../../../protocol/src/webviewAudio';
import { Listeners, type Subscription } from '../connection/listeners';
import { errorStatus, offStatus, type CaptureStrategy, type PcmFrame } from './captureStrategy';

export interface CompanionCaptureDeps {
  /** The live voice session the page joins. */
  sessionId: string;
  /** POST /api/sessions/:id/companion (RestClient.companionLink). */
  createLink(sessionId: string): Promise<CompanionLink>;
  /** Opens the link in the candidate's browser; false when it could not (or the user declined). */
  openExternal(url: string): Promise<boolean>;
  /** The session socket's server messages (SessionSocket.onMessage): voice/didChangeSource says where the audio is. */
  serverMessages: { on(handler: (message: ServerMessage) => void): Subscription };
  mode?: MicMode;
}

export const COMPANION_MESSAGES = {
  declined: 'The microphone page could not be opened in your browser.',
  lost: 'The browser microphone page lost its connection. It rejoins by itself while it is open; if you closed it, start the microphone again.',
} as const;

export class CompanionCapture implements CaptureStrategy {
  readonly kind = 'companion' as const;
  readonly route = 'direct' as const;
  readonly description = 'Microphone in your browser (Mocktalk microphone page)';
  readonly onFrame = new Listeners<PcmFrame>(); // never emits: the page streams to the backend itself
  readonly onStatus = new Listeners<MicStatus>();
  private current: MicStatus;
  private readonly subscription: Subscription;
  private starting: Promise<MicStatus> | null = null;
  private disposed = false;
  /** The link opened last, and when it stops working. */
  private link: CompanionLink | null = null;

  constructor(private readonly deps: CompanionCaptureDeps) {
    this.current = offStatus(deps.mode ?? 'open');
    this.subscription = deps.serverMessages.on((message) => {
      if (message.type === 'voice/didChangeSource') this.sourceChanged(message.source, message.connected);
    });
  }

  get status(): MicStatus { return this.current; }
  /** The link last opened (for a "copy link" fallback when no browser opens), or null. */
  get lastLink(): CompanionLink | null { return this.link; }

  /** Gets a fresh link and opens it; the status turns `listening` once the page has joined the session. */
  start(): Promise<MicStatus> {
    if (this.current.state === 'listening') return Promise.resolve(this.current);
    this.starting ??= this.open().finally(() => (this.starting = null));
    return this.starting;
  }

  // The page has its own controls (open mic / push-to-talk, mute): the candidate uses them there.
  setMode(_mode: MicMode): void {}
  setMuted(_muted: boolean): void {}
  setTalking(_held: boolean): void {}

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.onStatus.clear();
    this.onFrame.clear();
  }

  private async open(): Promise<MicStatus> {
    let link: CompanionLink;
    try {
      link = await this.deps.createLink(this.deps.sessionId);
    } catch (err) {
      return this.fail({ kind: 'unsupported', message: `No microphone page link: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) });
    }
    if (this.disposed) return this.current;
    this.link = link;
    let opened: boolean;
    try {
      opened = await this.deps.openExternal(link.url);
    } catch {
      opened = false;
    }
    if (!opened) return this.fail({ kind: 'unsupported', message: COMPANION_MESSAGES.declined });
    // Still off until the server says the page joined; a page that joined meanwhile already made it listening.
    return this.current;
  }

  private sourceChanged(source: 'client' | 'companion', connected: boolean): void {
    if (this.disposed) return;
    const mode = this.current.mode;
    if (source !== 'companion') this.set(offStatus(mode));
    else if (connected) this.set({ state: 'listening', mode, sending: mode === 'open' }); // the page opens in open mic
    else this.fail({ kind: 'device-lost', message: COMPANION_MESSAGES.lost });
  }

  private fail(error: MicError): MicStatus {
    return this.set(errorStatus(this.current.mode, error));
  }

  private set(status: MicStatus): MicStatus {
    this.current = status;
    if (!this.disposed) this.onStatus.emit(status);
    return status;
  }
}
