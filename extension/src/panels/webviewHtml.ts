// The HTML shell for Mocktalk webviews. Pure (no vscode import) so tests can serve the same page from a local server.
import { randomBytes } from 'node:crypto';

export type WebviewKind = 'interview' | 'report' | 'progress';

export interface WebviewHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  nonce: string;
  /** Already converted with `webview.asWebviewUri`. */
  scriptUri: string;
  styleUri: string;
  /** The capture AudioWorklet beside the bundle (asWebviewUri'd). VS Code webviews do not expose a script's src. */
  workletUri?: string;
  view: WebviewKind;
  title: string;
}

/** 16 random bytes: a fresh, unguessable nonce for every render of a panel. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Enough escaping for text content and double-quoted attributes (the CSP's single quotes stay readable). */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // No 'unsafe-inline': Lit styles the web components through adoptedStyleSheets and VS Code sets the theme
    // variables through CSSOM, neither of which CSP governs (test/webview checks for violations in Chromium).
    `style-src ${cspSource}`,
    // The capture AudioWorklet (dist/webview/captureWorklet.js) is loaded by addModule(), which cannot carry a
    // nonce: allow the extension's own resource origin (localResourceRoots limits it to dist/webview).
    `script-src 'nonce-${nonce}' ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // The report's replay plays the interviewer's audio from blob: URLs the webview makes of bytes the host posts.
    'media-src blob:',
    "connect-src 'none'",
  ].join('; ');
}

export function webviewHtml(options: WebviewHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, workletUri, view, title } = options;
  const worklet = workletUri ? ` data-worklet-url="${escapeHtml(workletUri)}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(styleUri)}">
  <title>${escapeHtml(title)}</title>
</head>
<body data-view="${escapeHtml(view)}"${worklet}>
  <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
