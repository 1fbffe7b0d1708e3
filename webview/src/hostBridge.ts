// The only place that touches VS Code's webview API, so views can run in a browser harness or another host.
import type { WebviewToHostMessage } from '../../protocol/src/webview';

/** The object VS Code injects into webviews; declared here because the webview has no `vscode` types. */
interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState<T>(state: T): T;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;

export interface HostBridge {
  post(message: WebviewToHostMessage): void;
  /** Raw `message` event data: callers validate it, since anything in the page can post to the window. */
  onMessage(handler: (data: unknown) => void): () => void;
  /** Whatever was last passed to setState, restored by VS Code when the panel is reloaded or re-shown. */
  getState(): unknown;
  setState(state: unknown): void;
}

export function createHostBridge(): HostBridge {
  // acquireVsCodeApi throws when called twice, so the bridge is created once and passed down.
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage(handler) {
      const listener = (event: MessageEvent<unknown>): void => handler(event.data);
      window.addEventListener('message', listener);
      return () => window.removeEventListener('message', listener);
    },
    getState: () => api.getState(),
    setState: (state) => {
      api.setState(state);
    },
  };
}
