// Server errors as dismissible notices in plain words; the raw message stays available as a detail.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ErrorCode } from '../../../protocol/src/errors';
import { h } from './dom';

const FRIENDLY: Record<ErrorCode, string> = {
  bad_json: 'The server could not read a message from this editor.',
  binary_not_supported: 'The server received data it does not accept.',
  unknown_type: 'This version of Mocktalk sent a message the server does not know. Try updating the extension.',
  invalid_message: 'The server rejected a message from this editor.',
  protocol_version: 'This version of Mocktalk is not compatible with the server. Please update the extension.',
  unauthenticated: 'You are not signed in. Sign in to Mocktalk and try again.',
  auth_failed: 'Your sign-in has expired. Sign in to Mocktalk again.',
  forbidden: 'You do not have access to this interview.',
  not_found: 'That interview or problem no longer exists.',
  conflict: 'That change conflicts with the interview’s current state.',
  session_ended: 'This interview has already ended.',
  no_session: 'There is no interview in progress.',
  buffer_too_large: 'Your code file is too large to share with the interviewer.',
  answer_too_large: 'That answer is too long. Try splitting it into shorter messages.',
  version_mismatch: 'Your code got out of sync with the interviewer; it is being re-sent.',
  validation_failed: 'The server rejected the request as invalid.',
  payload_too_large: 'That request was too large for the server.',
  internal: 'Something went wrong on the server. Please try again.',
  audio_format: 'The server could not use the audio from your microphone.',
  audio_not_expected: 'This interview is in text mode; your microphone audio was not used.',
  voice_unavailable: 'Speech is unavailable right now; the interview continues in text.',
  companion_link_invalid: 'That microphone link is not valid for this interview. Open a new one from VS Code.',
  companion_link_used: 'That microphone link was already used. Open a new one from VS Code.',
  companion_link_expired: 'That microphone link has expired. Open a new one from VS Code.',
  companion_replaced: 'Another microphone page took over this interview.',
};

export interface ErrorNotice {
  code: ErrorCode;
  message: string;
  fatal: boolean;
}

/** Non-fatal notices clear themselves; fatal ones stay until dismissed because the connection is gone. */
const AUTO_DISMISS_MS = 8000;

export class ErrorToasts {
  readonly element: HTMLElement;

  constructor(private readonly maxVisible = 3) {
    // role="alert" on each notice interrupts the screen reader: errors need attention now.
    this.element = h('div', { class: 'error-toasts' });
  }

  show(error: ErrorNotice): void {
    const dismiss = h('vscode-button', { class: 'error-toast__dismiss', secondary: true, 'aria-label': 'Dismiss error' }, 'Dismiss');
    const toast = h('div', { class: `error-toast${error.fatal ? ' error-toast--fatal' : ''}`, role: 'alert', 'data-code': error.code },
      h('div', { class: 'error-toast__body' },
        h('p', { class: 'error-toast__message' }, FRIENDLY[error.code]),
        error.message && h('p', { class: 'error-toast__detail' }, error.message)),
      dismiss);
    dismiss.addEventListener('click', () => toast.remove());
    if (!error.fatal) setTimeout(() => toast.remove(), AUTO_DISMISS_MS);
    this.element.append(toast);
    while (this.element.childElementCount > this.maxVisible) this.element.firstElementChild?.remove();
  }
}
