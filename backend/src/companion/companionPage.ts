// GET /companion: the browser page that carries a voice session's microphone and speaker (webview/src/companion),
// and its static bundle under /companion/assets/. Strict CSP: one nonce'd script, and 'self' for the AudioWorklet
// module (worklets load through script-src). The link token stays in the URL fragment: browsers never send it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Next } from 'koa';

export const COMPANION_PATH = '/companion';
const ASSETS_PATH = `${COMPANION_PATH}/assets/`;

/** Only these files of dist/webview are served: the page's bundle and the capture worklet beside it. */
const ASSETS: Record<string, string> = {
  'companion.js': 'text/javascript; charset=utf-8',
  'companion.css': 'text/css; charset=utf-8',
  'captureWorklet.js': 'text/javascript; charset=utf-8',
};

/** Where the bundle is built (scripts/build.mjs): dist/webview under the working directory, like migrations/. */
export const DEFAULT_ASSETS_DIR = path.resolve(process.cwd(), 'dist/webview');

export function companionPageUrl(origin: string, sessionId: string, token: string): string {
  const fragment = new URLSearchParams({ session: sessionId, token });
  return `${origin}${COMPANION_PATH}#${fragment.toString()}`;
}

export function companionCsp(nonce: string, socketOrigin: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'self'`,
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${socketOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function pageHtml(nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <meta name="referrer" content="no-referrer">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${ASSETS_PATH}companion.css">
  <title>Mocktalk microphone</title>
</head>
<body data-view="companion">
  <noscript>This page needs JavaScript to use your microphone.</noscript>
  <script nonce="${nonce}" src="${ASSETS_PATH}companion.js"></script>
</body>
</html>
`;
}

export function companionPage(assetsDir: string = DEFAULT_ASSETS_DIR) {
  return async function serveCompanionPage(ctx: Context, next: Next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === COMPANION_PATH) {
      const nonce = randomBytes(16).toString('base64');
      const socketOrigin = `${ctx.protocol === 'https' ? 'wss' : 'ws'}://${ctx.host}`;
      ctx.set('Content-Security-Policy', companionCsp(nonce, socketOrigin));
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Permissions-Policy', 'microphone=(self)');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = pageHtml(nonce);
      return;
    }
    if (!ctx.path.startsWith(ASSETS_PATH)) return next();
    const name = ctx.path.slice(ASSETS_PATH.length);
    const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!type) return next(); // a 404 from the error handler
    let body: Buffer;
    try {
      body = await readFile(path.join(assetsDir, name));
    } catch {
      return next(); // not built: 404 rather than a stack trace
    }
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = type;
    ctx.body = body;
  };
}
