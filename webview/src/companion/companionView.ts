// The companion page's UI: connection status, the interviewer's state, mic controls with the level meter, and the
// live caption of what the candidate is saying. Built from the webview's own components (MicControls, LevelMeter,
// SpeakingIndicator); every server text goes through textContent.
import { assertNever } from '../../../protocol/src/domain';
import type { ErrorCode } from '../../../protocol/src/errors';
import type { VoiceState } from '../../../protocol/src/session';
import { h } from '../ui/dom';
import { SpeakingIndicator } from '../ui/levelMeter';
import { MicControls, type MicSource } from '../ui/micControls';
import type { CompanionEvent, CompanionState } from './companionConnection';

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  companion_link_used: 'This microphone link was already used. Each link works once: open a new one from VS Code.',
  companion_link_expired: 'This microphone link has expired. Links work for a few minutes: open a new one from VS Code.',
  companion_link_invalid: 'This microphone link is not valid for this interview. Open a new one from VS Code.',
  session_ended: 'This interview has already ended. You can close this page.',
  audio_not_expected: 'This interview is in text mode, so it takes no microphone. You can close this page.',
  protocol_version: 'This page is out of date. Reload it, or open a new link from VS Code.',
  companion_replaced: 'Another microphone page joined this interview and carries its audio now. You can close this one.',
};

const FLOOR: Record<VoiceState, string> = {
  listening: 'Your turn: the interviewer is listening.',
  thinking: 'The interviewer is thinking…',
  speaking: 'The interviewer is speaking.',
};

export const NO_LINK_TEXT = 'This page was opened without a microphone link. Start a voice interview in VS Code and choose the browser microphone.';

function statusText(state: CompanionState): string {
  switch (state.kind) {
    case 'connecting': return 'Connecting to your interview…';
    case 'joined': return 'Connected. This page is your interview’s microphone and speaker: keep it open.';
    case 'reconnecting': return `Connection lost. Reconnecting in ${Math.max(1, Math.round(state.inMs / 1000))} s…`;
    case 'ended': return 'The interview has ended. You can close this page.';
    case 'refused': return 'This page cannot join the interview.';
    default: return assertNever(state, 'companion state');
  }
}

export class CompanionView {
  readonly element: HTMLElement;
  readonly controls: MicControls;
  private readonly title = h('p', { class: 'companion__problem' });
  private readonly status = h('p', { class: 'companion__status', role: 'status' });
  // role="alert" is in the page from the start, so a refusal written into it is announced.
  private readonly alert = h('p', { class: 'companion__alert', role: 'alert' });
  private readonly floor = h('p', { class: 'companion__floor' });
  private readonly speaking = new SpeakingIndicator();
  private readonly caption = h('p', { class: 'companion__caption', 'aria-live': 'polite' });
  private readonly notice = h('p', { class: 'companion__notice' });
  private readonly live: HTMLElement;

  constructor(mic: MicSource) {
    this.controls = new MicControls(mic);
    this.live = h('div', { class: 'companion__live' },
      h('section', { class: 'companion__interviewer', 'aria-label': 'Interviewer' }, this.speaking.element, this.floor),
      this.controls.element,
      h('section', { class: 'companion__captions', 'aria-label': 'What you are saying' },
        h('h2', {}, 'You are saying'), this.caption),
      h('p', { class: 'companion__hint' }, 'Headphones work best: the interviewer’s voice then stays out of your microphone.'));
    this.element = h('main', { class: 'companion' },
      h('h1', {}, 'Mocktalk microphone'), this.title, this.status, this.alert, this.notice, this.live);
    this.showState({ kind: 'connecting' });
    this.showFloor('listening');
  }

  showState(state: CompanionState): void {
    this.element.dataset.connection = state.kind;
    this.status.textContent = statusText(state);
    if (state.kind === 'joined') this.title.textContent = state.problemTitle;
    this.alert.textContent = state.kind === 'refused' ? REFUSALS[state.code] ?? state.message : '';
    this.live.hidden = state.kind === 'refused' || state.kind === 'ended';
  }

  /** The page has nothing to join with: no link in the address, nothing stored to resume. */
  showNoLink(): void {
    this.element.dataset.connection = 'refused';
    this.status.textContent = 'This page cannot join the interview.';
    this.alert.textContent = NO_LINK_TEXT;
    this.live.hidden = true;
  }

  showEvent(event: CompanionEvent): void {
    switch (event.type) {
      case 'transcript/partial': this.caption.textContent = event.text; return;
      case 'voice/didChangeState': return this.showFloor(event.state);
      case 'error': this.notice.textContent = event.message; return;
      case 'audio/clear': return; // the player clears; nothing to show
      default: return assertNever(event, 'companion event');
    }
  }

  setSpeaking(speaking: boolean): void { this.speaking.set(speaking); }

  dispose(): void { this.controls.dispose(); }

  private showFloor(state: VoiceState): void {
    this.element.dataset.floor = state;
    this.floor.textContent = FLOOR[state];
  }
}
