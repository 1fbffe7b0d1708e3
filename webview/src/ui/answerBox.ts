// The candidate's typed answer: a textarea and a Send button; Ctrl/Cmd+Enter sends. The draft survives reloads via onDraftChange.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { h, uniqueId } from './dom';

export interface AnswerBoxOptions {
  onSubmit(text: string): void;
  onDraftChange?(draft: string): void;
  label?: string;
  placeholder?: string;
}

/** Why sending is off: while offline the draft stays editable; once the session has ended nothing is. */
export type AnswerBoxAvailability =
  | { kind: 'ready' }
  | { kind: 'waiting'; reason: string }
  | { kind: 'closed'; reason: string };

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const SEND_SHORTCUT = isMac ? '⌘+Enter' : 'Ctrl+Enter';

export class AnswerBox {
  readonly element: HTMLElement;
  private readonly textarea: HTMLElementTagNameMap['vscode-textarea'];
  private readonly sendButton: HTMLElementTagNameMap['vscode-button'];
  private readonly hint: HTMLElement;
  private availability: AnswerBoxAvailability = { kind: 'ready' };

  constructor(private readonly options: AnswerBoxOptions) {
    const hintId = uniqueId('answer-hint');
    this.textarea = h('vscode-textarea', {
      class: 'answer-box__input',
      label: options.label ?? 'Your answer',
      placeholder: options.placeholder ?? 'Type your answer…',
      rows: 3,
      resize: 'vertical',
      'aria-describedby': hintId,
    });
    this.sendButton = h('vscode-button', { class: 'answer-box__send', title: `Send (${SEND_SHORTCUT})` }, 'Send');
    this.hint = h('p', { class: 'answer-box__hint', id: hintId });
    this.element = h('form', { class: 'answer-box', 'aria-label': options.label ?? 'Your answer' },
      this.textarea,
      h('div', { class: 'answer-box__actions' }, this.hint, this.sendButton));

    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.options.onDraftChange?.(this.textarea.value);
      this.refresh();
    });
    this.sendButton.addEventListener('click', () => this.submit());
    this.element.addEventListener('submit', (event) => event.preventDefault());
    this.refresh();
  }

  get draft(): string {
    return this.textarea.value;
  }

  setDraft(text: string): void {
    this.textarea.value = text;
    this.refresh();
  }

  setAvailability(availability: AnswerBoxAvailability): void {
    this.availability = availability;
    this.refresh();
  }

  focus(): void {
    this.textarea.focus();
  }

  private submit(): void {
    const text = this.textarea.value.trim();
    if (this.availability.kind !== 'ready' || text === '') return;
    this.options.onSubmit(text);
    this.textarea.value = '';
    this.options.onDraftChange?.('');
    this.refresh();
  }

  private refresh(): void {
    const { availability } = this;
    this.textarea.disabled = availability.kind === 'closed';
    this.sendButton.disabled = availability.kind !== 'ready' || this.textarea.value.trim() === '';
    this.hint.textContent = availability.kind === 'ready' ? `${SEND_SHORTCUT} to send` : availability.reason;
    this.element.classList.toggle('answer-box--unavailable', availability.kind !== 'ready');
  }
}
