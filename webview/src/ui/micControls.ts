// Microphone controls: level meter, open mic / push-to-talk, a hold-to-talk button (Space while focused), mute,
// a start / try-again button, and mic errors in an alert region. Drives any MicSource (MicCapture in the webview).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import { assertNever } from '../../../protocol/src/domain';
import type { MicErrorKind, MicMode, MicStatus } from '../../../protocol/src/webviewAudio';
import { h, uniqueId } from './dom';
import { LevelMeter } from './levelMeter';
import './micControls.css';

/** The part of MicCapture the controls use; structural so the controls can be shown without a microphone. */
export interface MicSource {
  readonly status: MicStatus;
  onStatus(listener: (status: MicStatus) => void): () => void;
  onLevel(listener: (dbfs: number) => void): () => void;
  start(): Promise<MicStatus>;
  setMode(mode: MicMode): void;
  setMuted(muted: boolean): void;
  setTalking(held: boolean): void;
}

export const MIC_ERROR_TEXT: Record<MicErrorKind, string> = {
  'permission-denied': 'Microphone access was denied. Allow the microphone for this window, then try again.',
  'no-device': 'No microphone was found. Connect one, then try again.',
  'device-busy': 'The microphone could not be started. Another application may be using it.',
  'device-lost': 'The microphone was disconnected. Reconnect it, then try again.',
  unsupported: 'Voice input is not available here. You can still type your answers.',
};

const MODE_LABELS: Record<MicMode, string> = { open: 'Open mic', 'push-to-talk': 'Push to talk' };

function stateText(status: MicStatus): string {
  switch (status.state) {
    case 'off': return 'Microphone off';
    case 'error': return 'Microphone unavailable';
    case 'muted': return 'Muted';
    case 'listening': return status.mode === 'open' ? 'Listening' : status.sending ? 'Talking' : 'Hold to talk';
    default: return assertNever(status.state, 'mic state');
  }
}

export class MicControls {
  readonly element: HTMLElement;
  readonly meter = new LevelMeter();
  private readonly state = h('span', { class: 'mic-controls__state' });
  private readonly modes: Record<MicMode, HTMLElementTagNameMap['vscode-radio']>;
  private readonly holdButton = h('vscode-button', {
    class: 'mic-controls__hold', 'aria-pressed': 'false', 'aria-keyshortcuts': 'Space', title: 'Hold to talk (Space)',
  }, 'Hold to talk');
  private readonly muteButton = h('vscode-button', { class: 'mic-controls__mute', secondary: true, 'aria-pressed': 'false' }, 'Mute');
  private readonly startButton = h('vscode-button', { class: 'mic-controls__start' }, 'Turn on microphone');
  private readonly errorText = h('p', { class: 'mic-controls__error-text' });
  private readonly errorDetail = h('p', { class: 'mic-controls__error-detail' });
  // role="alert" is in the page before any error, so inserting the text is announced at once.
  private readonly errorRegion = h('div', { class: 'mic-controls__error', role: 'alert' }, this.errorText, this.errorDetail);
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly mic: MicSource) {
    const modeName = uniqueId('mic-mode');
    this.modes = {
      open: h('vscode-radio', { name: modeName, value: 'open', label: MODE_LABELS.open }),
      'push-to-talk': h('vscode-radio', { name: modeName, value: 'push-to-talk', label: MODE_LABELS['push-to-talk'] }),
    };
    const modeGroup = h('vscode-radio-group', { class: 'mic-controls__modes', 'aria-label': 'Microphone mode' },
      this.modes.open, this.modes['push-to-talk']);
    this.element = h('section', { class: 'mic-controls', 'aria-label': 'Microphone' },
      h('div', { class: 'mic-controls__row' }, this.meter.element, this.state),
      h('div', { class: 'mic-controls__row' }, modeGroup, this.holdButton, this.muteButton, this.startButton),
      this.errorRegion);

    modeGroup.addEventListener('change', (event) => {
      const value = (event.target as HTMLElementTagNameMap['vscode-radio']).value;
      if (value === 'open' || value === 'push-to-talk') this.mic.setMode(value);
    });
    this.muteButton.addEventListener('click', () => this.mic.setMuted(this.mic.status.state !== 'muted'));
    this.startButton.addEventListener('click', () => void this.mic.start());
    this.bindHold();
    this.disposers.push(
      this.mic.onStatus((status) => this.render(status)),
      this.mic.onLevel((level) => this.meter.set(level)),
    );
    this.render(this.mic.status);
  }

  dispose(): void {
    this.disposers.forEach((dispose) => dispose());
    this.meter.dispose();
  }

  /** The push-to-talk key (a keybinding cannot hold): starts talking, or ends it; false outside push-to-talk. */
  togglePushToTalk(): boolean {
    const status = this.mic.status;
    if (status.state !== 'listening' || status.mode !== 'push-to-talk') return false;
    this.mic.setTalking(!status.sending);
    return true;
  }

  private bindHold(): void {
    const hold = (held: boolean): void => this.mic.setTalking(held);
    const button = this.holdButton;
    button.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || button.disabled) return;
      button.setPointerCapture(event.pointerId); // a release outside the button still ends the hold
      hold(true);
    });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture'] as const) button.addEventListener(type, () => hold(false));
    button.addEventListener('keydown', (event) => {
      if (event.key !== ' ') return;
      event.preventDefault(); // no page scroll, and no synthetic click from vscode-button
      event.stopImmediatePropagation();
      if (!event.repeat && !button.disabled) hold(true);
    }, { capture: true });
    button.addEventListener('keyup', (event) => {
      if (event.key === ' ') hold(false);
    });
    button.addEventListener('blur', () => hold(false));
  }

  private render(status: MicStatus): void {
    const running = status.state === 'listening' || status.state === 'muted';
    this.element.dataset.state = status.state;
    this.element.dataset.sending = String(status.sending);
    this.state.textContent = stateText(status);
    for (const [mode, radio] of Object.entries(this.modes)) radio.checked = mode === status.mode;
    this.meter.setActive(status.state === 'listening');
    this.holdButton.hidden = status.mode !== 'push-to-talk';
    this.holdButton.disabled = status.state !== 'listening';
    this.holdButton.setAttribute('aria-pressed', String(status.sending && status.mode === 'push-to-talk'));
    this.muteButton.disabled = !running;
    this.muteButton.setAttribute('aria-pressed', String(status.state === 'muted'));
    this.startButton.hidden = running;
    this.startButton.textContent = status.state === 'error' ? 'Try again' : 'Turn on microphone';
    this.errorText.textContent = status.error ? MIC_ERROR_TEXT[status.error.kind] : '';
    this.errorDetail.textContent = status.error?.message ?? '';
    this.errorRegion.classList.toggle('mic-controls__error--empty', !status.error);
  }
}
