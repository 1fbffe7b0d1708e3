// The voice part of the interview panel: mic controls and level, who is speaking, the server's voice state, a live
// caption of what the candidate is saying, and the interviewer's audio (played, cleared on barge-in, reported).
import type { VoiceState } from '../../../protocol/src/session';
import type { MicCommand } from '../../../protocol/src/webview';
import { base64ToPcm16, type HostAudioPlayMessage, type MicStatus } from '../../../protocol/src/webviewAudio';
import { AudioPlayer } from '../audio/player';
import { PlaybackReports } from '../audio/playbackReports';
import { HostMicSource, WebviewMicSource, type PanelMicSource } from '../audio/micSources';
import type { HostBridge } from '../hostBridge';
import { h } from './dom';
import { SpeakingIndicator } from './levelMeter';
import { MicControls } from './micControls';
import './micControls.css';

export type VoiceCapture = 'webview' | 'host';

const VOICE_STATE_TEXT: Record<VoiceState, string> = {
  listening: 'Your turn: the interviewer is listening',
  thinking: 'The interviewer is thinking…',
  speaking: 'The interviewer is speaking',
};
/** Above this level (dBFS) while sending, the candidate counts as speaking; speech sits around -40 to -15. */
const SPEAKING_DBFS = -42;
const SPEAKING_HOLD_MS = 300;

export interface VoicePanelOptions {
  /** Builds the panel's own mic (tests pass one with audio processing off). */
  createWebviewMic?: (bridge: HostBridge) => PanelMicSource;
}

export class VoicePanel {
  readonly element: HTMLElement;
  private readonly controlsSlot = h('div', { class: 'voice__controls' });
  private readonly description = h('p', { class: 'voice__capture' });
  private readonly state = h('p', { class: 'voice__state', role: 'status' });
  private readonly candidate = new SpeakingIndicator('You', { on: 'You are speaking', off: 'You are quiet' });
  private readonly interviewer = new SpeakingIndicator();
  private readonly caption = h('p', { class: 'voice__caption', 'aria-live': 'polite' });
  private readonly typingNote = h('p', { class: 'voice__typing-note' },
    'Without a microphone the interview goes on by typing: your answers below are sent as usual, nothing is lost.');
  private capture: VoiceCapture | null = null;
  private mic: PanelMicSource | null = null;
  private controls: MicControls | null = null;
  private player: AudioPlayer | null = null;
  private readonly reports = new PlaybackReports((event) => this.bridge.post({ type: 'audio/playback', ...event }));
  private readonly disposers: Array<() => void> = [];
  private micDisposers: Array<() => void> = [];
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  private ended = false;

  constructor(private readonly bridge: HostBridge, private readonly options: VoicePanelOptions = {}) {
    this.element = h('section', { class: 'voice', 'aria-label': 'Voice', hidden: true },
      h('div', { class: 'voice__row' }, this.candidate.element, this.interviewer.element, this.state),
      this.caption, this.controlsSlot, this.typingNote, this.description);
    this.typingNote.hidden = true;
    this.setVoiceState('listening');
    // Browsers keep audio suspended until the page gets a gesture: any click or key in the panel counts.
    const wake = () => void this.player?.resume().catch(() => undefined);
    for (const type of ['pointerdown', 'keydown'] as const) {
      document.addEventListener(type, wake, { capture: true });
      this.disposers.push(() => document.removeEventListener(type, wake, { capture: true }));
    }
  }

  /** voice/configure: this is a voice session and the mic is captured here (`webview`) or by the host. */
  configure(capture: VoiceCapture, description: string): void {
    if (this.ended) return;
    this.element.hidden = false;
    this.description.textContent = description;
    this.player ??= this.createPlayer();
    if (capture === this.capture) return;
    this.teardownMic();
    this.capture = capture;
    const mic = capture === 'webview'
      ? (this.options.createWebviewMic ?? ((bridge) => new WebviewMicSource(bridge)))(this.bridge)
      : new HostMicSource(this.bridge);
    this.mic = mic;
    this.controls = new MicControls(mic);
    this.controlsSlot.replaceChildren(this.controls.element);
    this.micDisposers = [
      mic.onStatus((status) => this.micChanged(status)),
      mic.onLevel((level) => this.levelChanged(level)),
    ];
    this.micChanged(mic.status);
    // Open the panel's mic at once: a voice interview is spoken. A refusal shows in the controls, typing goes on.
    if (capture === 'webview') void mic.start();
  }

  /** mic/status from the host (host-side capture only). */
  hostMicStatus(status: MicStatus): void {
    if (this.mic instanceof HostMicSource) this.mic.update(status);
  }

  /** mic/command from the host: applies to the panel's own mic. */
  /** The push-to-talk key: toggles talking while the mic is in push-to-talk mode. */
  togglePushToTalk(): boolean {
    return this.controls?.togglePushToTalk() ?? false;
  }

  micCommand(command: MicCommand): void {
    this.mic?.apply(command);
  }

  play(message: HostAudioPlayMessage): void {
    if (this.ended) return;
    this.player ??= this.createPlayer();
    this.reports.audioQueued(message.turnId);
    this.player.play(message.turnId, message.seq, base64ToPcm16(message.pcm));
  }

  clear(turnId: string): void {
    this.player?.clear(turnId);
    this.reports.cleared(turnId, Date.now());
  }

  /** turn/didComplete of an interviewer turn: once its queued audio has played, its playback is over. */
  turnComplete(turnId: string): void {
    this.reports.turnComplete(turnId);
  }

  showCaption(text: string): void {
    this.caption.textContent = text;
    this.caption.hidden = text === '';
  }

  setVoiceState(state: VoiceState): void {
    this.element.dataset.voiceState = state;
    this.state.textContent = VOICE_STATE_TEXT[state];
  }

  /** The interview ended (or this panel now shows a text session): release the mic and stop any audio. */
  stop(): void {
    this.ended = true;
    this.teardownMic();
    this.player?.dispose();
    this.player = null;
    this.capture = null;
    this.showCaption('');
    this.element.hidden = true;
  }

  /** A new session in this panel: voice may be configured again. */
  reset(): void {
    this.stop();
    this.ended = false;
  }

  dispose(): void {
    this.stop();
    this.disposers.forEach((d) => d());
  }

  private createPlayer(): AudioPlayer {
    const player = new AudioPlayer();
    player.onPlayback((event) => this.reports.playerEvent(event));
    player.onSpeaking((speaking) => this.interviewer.set(speaking));
    return player;
  }

  private micChanged(status: MicStatus): void {
    this.element.dataset.mic = status.state;
    this.typingNote.hidden = status.state !== 'error';
    if (!status.sending) this.setCandidateSpeaking(false);
  }

  private levelChanged(level: number): void {
    if (!this.mic?.status.sending || level < SPEAKING_DBFS) return;
    this.setCandidateSpeaking(true);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.setCandidateSpeaking(false), SPEAKING_HOLD_MS);
  }

  private setCandidateSpeaking(speaking: boolean): void {
    if (!speaking && this.quietTimer) {
      clearTimeout(this.quietTimer);
      this.quietTimer = null;
    }
    this.candidate.set(speaking);
  }

  private teardownMic(): void {
    this.micDisposers.forEach((d) => d());
    this.micDisposers = [];
    this.controls?.dispose();
    this.controls = null;
    this.mic?.dispose();
    this.mic = null;
    this.controlsSlot.replaceChildren();
    this.setCandidateSpeaking(false);
  }
}
