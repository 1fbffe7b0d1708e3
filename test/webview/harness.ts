/// <reference lib="dom" />
// Drives the real webview bundle in headless Chromium: the page comes from webviewHtml() with its CSP, served from
// a loopback server that plays VS Code's resource origin, and a fake acquireVsCodeApi records what the view posts.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, webviewHtml, type WebviewKind } from '../../extension/src/panels/webviewHtml';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../protocol/src/webview';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(REPO_ROOT, 'dist/webview');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

declare global {
  interface Window {
    __posted: unknown[];
    __state: unknown;
    __cspViolations: string[];
  }
}

let build: Promise<unknown> | undefined;
/** Builds dist/webview once per mocha run, however many suites ask. */
export function buildWebview(): Promise<unknown> {
  build ??= promisify(execFile)(process.execPath, ['scripts/build.mjs', 'webview'], { cwd: REPO_ROOT });
  return build;
}

export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** `chromiumArgs`: extra browser flags, e.g. a fake microphone (fixed for the browser's life). */
export async function startHarness(options: { chromiumArgs?: string[] } = {}): Promise<Harness> {
  await buildWebview();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const view = /^\/(interview|report|progress)\.html$/.exec(url.pathname)?.[1] as WebviewKind | undefined;
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204); // Chromium asks for one; a 404 would show up as a console error
      res.end();
      return;
    }
    if (view) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(webviewHtml({
        cspSource: origin, nonce: createNonce(), view, title: `Mocktalk ${view}`,
        scriptUri: `${origin}/dist/main.js`, styleUri: `${origin}/dist/main.css`, workletUri: `${origin}/dist/captureWorklet.js`,
      }));
      return;
    }
    // basename() keeps requests inside dist/webview.
    const file = url.pathname.startsWith('/dist/') ? path.basename(url.pathname) : '';
    readFile(path.join(DIST, file)).then((body) => {
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    }, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // launch() gives every browser a fresh temporary profile (it refuses a --user-data-dir argument).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(options.chromiumArgs ?? [])],
  });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A subset of VS Code's Dark Modern and High Contrast themes, as VS Code injects them on <html>. */
const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'font-weight': 'normal',
      'editor-font-family': '"Droid Sans Mono", "monospace", monospace', 'editor-font-size': '14px',
      foreground: '#cccccc', 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc',
      descriptionForeground: '#9d9d9d', focusBorder: '#0078d4', errorForeground: '#f85149',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
      'button-secondaryHoverBackground': '#3c3c3c', 'button-border': '#ffffff12',
      'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
      'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c',
      'input-placeholderForeground': '#989898', 'settings-textInputBackground': '#313131',
      'settings-textInputForeground': '#cccccc', 'settings-textInputBorder': '#3c3c3c',
      'panel-border': '#2b2b2b', 'widget-border': '#313131', 'editorWidget-background': '#202020',
      'editorWidget-border': '#454545', 'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc',
      'textBlockQuote-background': '#2b2b2b', 'textBlockQuote-border': '#616161b3',
      'textCodeBlock-background': '#2b2b2b', 'progressBar-background': '#0078d4',
      'editorLineNumber-foreground': '#6e7681', 'editorLineNumber-activeForeground': '#cccccc',
      'editor-lineHighlightBackground': '#2a2d2e', 'editor-findMatchHighlightBackground': '#623315',
      'editorCursor-foreground': '#aeafad', 'testing-iconPassed': '#73c991', 'editorWarning-foreground': '#cca700',
      'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
      'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
      'notifications-background': '#1f1f1f', 'notifications-foreground': '#cccccc', 'notifications-border': '#2b2b2b',
      'notificationsErrorIcon-foreground': '#f14c4c', 'notificationsWarningIcon-foreground': '#cca700',
      'collapsible-headerBackground': '#1f1f1f',
      'charts-blue': '#3794ff', 'sideBar-background': '#181818',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
      'editor-font-size': '14px', foreground: '#ffffff', 'editor-background': '#000000',
      descriptionForeground: '#ffffffb3', focusBorder: '#f38518', contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff',
      'button-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
      'textLink-foreground': '#21a6ff', 'progressBar-background': '#6fc3df', 'input-background': '#000000',
      'editorLineNumber-foreground': '#ffffff', 'testing-iconPassed': '#73c991', errorForeground: '#f48771',
    },
  },
} as const;
export type ThemeName = keyof typeof THEMES;

export interface OpenViewOptions {
  /** Pre-seeded `getState()` value, as VS Code restores it for a reloaded panel. */
  state?: unknown;
  theme?: ThemeName;
  /** Runs before navigation, e.g. to install a fake clock. */
  beforeLoad?(page: Page): Promise<void>;
}

export interface ViewPage {
  page: Page;
  posted(): Promise<WebviewToHostMessage[]>;
  state(): Promise<unknown>;
  /** Delivers a message the way the host's webview.postMessage does; `unknown` so tests can send invalid ones. */
  send(message: HostToWebviewMessage | unknown): Promise<void>;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems(): Promise<string[]>;
  warnings: string[];
  close(): Promise<void>;
}

/**
 * What VS Code provides inside a webview, as page source. A string rather than a function because tsx's
 * transpiled functions reference helpers (`__name`) that do not exist in the page.
 */
function fakeWebviewHost(seed: unknown, vars: Readonly<Record<string, string>>, bodyClass: string): string {
  return `(() => {
    window.__posted = [];
    window.__state = ${JSON.stringify(seed)} ?? undefined;
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
    });
    // Init scripts run before <html> exists; VS Code sets the theme on it before any page script runs.
    const vars = ${JSON.stringify(vars)};
    const applyTheme = () => {
      for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + name, value);
    };
    if (document.documentElement) applyTheme();
    else new MutationObserver((_, observer) => {
      if (!document.documentElement) return;
      observer.disconnect();
      applyTheme();
    }).observe(document, { childList: true });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(bodyClass)}));
    let acquired = false;
    window.acquireVsCodeApi = () => {
      // Like VS Code: a second call throws, which catches a view that acquires the API twice.
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return {
        postMessage: (message) => { window.__posted.push(structuredClone(message)); },
        getState: () => window.__state,
        setState: (state) => (window.__state = structuredClone(state)),
      };
    };
  })();`;
}

export async function openView(harness: Harness, view: WebviewKind, options: OpenViewOptions = {}): Promise<ViewPage> {
  const context = await harness.browser.newContext({ viewport: { width: 900, height: 860 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  const theme = THEMES[options.theme ?? 'dark'];
  await page.addInitScript({ content: fakeWebviewHost(options.state ?? null, theme.vars as Readonly<Record<string, string>>, theme.bodyClass) });
  await options.beforeLoad?.(page);
  await page.goto(`${harness.origin}/${view}.html`);
  await page.waitForSelector('.app', { timeout: 10_000 });
  return {
    page,
    warnings,
    posted: () => page.evaluate(() => window.__posted as WebviewToHostMessage[]),
    state: () => page.evaluate(() => window.__state),
    async send(message) {
      // Our listener is added after the view's, so when it fires the view has handled the message.
      // (No setTimeout: it would never fire under a paused fake clock.)
      await page.evaluate((m) => new Promise<void>((resolve) => {
        window.addEventListener('message', () => resolve(), { once: true });
        window.postMessage(m, '*');
      }), message);
    },
    async problems() {
      const csp = await page.evaluate(() => window.__cspViolations);
      return [...errors, ...csp.map((v) => `CSP violation: ${v}`)];
    },
    close: () => context.close(),
  };
}
