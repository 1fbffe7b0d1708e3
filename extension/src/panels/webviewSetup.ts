// What both Mocktalk panels share: locked-down options and the CSP'd HTML shell around the one webview bundle.
import * as vscode from 'vscode';
import { WebviewToHostMessage } from '../../../protocol/src/webview';
import { createNonce, webviewHtml, type WebviewKind } from './webviewHtml';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Only the built bundle is reachable from the page: no workspace files, no node_modules.
    localResourceRoots: [webviewRoot(extensionUri)],
    // The views redraw from getState() and the host's snapshot, so hidden panels need not stay in memory.
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

/** The part of a WebviewPanel or WebviewView that the shell needs. */
export interface WebviewHost { readonly webview: vscode.Webview; readonly title?: string }

/** (Re)applies options and a fresh HTML shell (new nonce) to a new or revived panel, or a resolved view. */
export function renderPanel(panel: WebviewHost, extensionUri: vscode.Uri, view: WebviewKind): void {
  const { webview } = panel;
  webview.options = panelOptions(extensionUri);
  const root = webviewRoot(extensionUri);
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
    workletUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'captureWorklet.js')).toString(),
    view,
    title: panel.title ?? 'Mocktalk',
  });
}

/** Anything in the page can post to the host, so every message is validated before it is acted on. */
export function onValidMessage(
  panel: WebviewHost, log: vscode.LogOutputChannel, handler: (message: WebviewToHostMessage) => void,
): vscode.Disposable {
  return panel.webview.onDidReceiveMessage((data: unknown) => {
    const parsed = WebviewToHostMessage.safeParse(data);
    if (parsed.success) handler(parsed.data);
    else log.warn('ignoring an invalid message from the webview:', JSON.stringify(data).slice(0, 300));
  });
}
