// A strip shown while the link to the interview server is not up; hidden once connected.
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { ConnectionStatus } from '../../../protocol/src/webview';
import { assertNever } from '../../../protocol/src/domain';
import { h } from './dom';

function headline(status: Exclude<ConnectionStatus, 'connected'>): string {
  switch (status) {
    case 'connecting': return 'Connecting to the interviewer…';
    case 'reconnecting': return 'Connection lost. Reconnecting…';
    case 'offline': return 'Offline. Your draft is kept and can be sent once the connection is back.';
    default: return assertNever(status, 'connection status');
  }
}

export class ConnectionBanner {
  readonly element: HTMLElement;
  private readonly spinner: HTMLElementTagNameMap['vscode-progress-ring'];
  private readonly title: HTMLElement;
  private readonly detail: HTMLElement;

  constructor() {
    this.spinner = h('vscode-progress-ring', { class: 'connection-banner__spinner', 'aria-hidden': 'true' });
    this.title = h('span', { class: 'connection-banner__title' });
    this.detail = h('span', { class: 'connection-banner__detail' });
    // role="status" announces changes politely without stealing focus from the answer box.
    this.element = h('div', { class: 'connection-banner', role: 'status' }, this.spinner, this.title, this.detail);
    this.element.hidden = true;
  }

  set(status: ConnectionStatus, detail: string | null = null): void {
    this.element.dataset.status = status;
    if (status === 'connected') {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    this.spinner.hidden = status === 'offline';
    this.title.textContent = headline(status);
    this.detail.textContent = detail ?? '';
    this.detail.hidden = !detail;
  }
}
