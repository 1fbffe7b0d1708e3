/// <reference lib="dom" />
// Headless Chromium for the audio modules: a fake microphone that plays a WAV (from when getUserMedia opens it), the
// real capture worklet from dist/webview, and test/webview/audioPage.ts bundled beside it, under the webview's CSP.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, webviewHtml } from '../../extension/src/panels/webviewHtml';
import { buildWebview, REPO_ROOT } from './harness';

const DIST = path.join(REPO_ROOT, 'dist/webview');

/**
 * current: script-src with the nonce only (the webview's CSP before voice), which blocks every AudioWorklet module.
 * proposed: the same plus the resource origin in script-src, as webviewHtml() now has it.
 */
export type CspVariant = 'current' | 'proposed';

declare global {
  interface Window { __cspViolations: string[] }
}

let built: Promise<string> | undefined;
/** Builds the worklet into dist/webview and the test page into a temporary folder, once per run. */
function buildAudio(): Promise<string> {
  built ??= (async () => {
    await buildWebview();
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'webview'], { cwd: REPO_ROOT });
    const outdir = await mkdtemp(path.join(os.tmpdir(), 'mocktalk-audio-page-'));
    await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: { audioPage: 'test/webview/audioPage.ts', audioRecorderWorklet: 'test/webview/audioRecorderWorklet.ts' },
      outdir, bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', loader: { '.css': 'css' }, logLevel: 'warning',
    });
    return outdir;
  })();
  return built;
}

export interface AudioHarness { origin: string; browser: Browser; close(): Promise<void> }

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export async function startAudioHarness(wavPath: string): Promise<AudioHarness> {
  const testDist = await buildAudio();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/audio.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(audioPageHtml(origin, url.searchParams.get('csp') === 'current' ? 'current' : 'proposed'));
      return;
    }
    // Test files first, then the real build; basename() keeps requests inside the two folders.
    const file = url.pathname.startsWith('/dist/') ? path.basename(url.pathname) : '';
    readFile(path.join(testDist, file)).catch(() => readFile(path.join(DIST, file))).then((body) => {
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    }, () => {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // No --use-fake-ui-for-media-stream: each context is granted the microphone (or not), so a context without the
  // grant goes through Chromium's real denial.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wavPath}%noloop`,
      '--autoplay-policy=no-user-gesture-required'],
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

function audioPageHtml(origin: string, csp: CspVariant): string {
  const nonce = createNonce();
  const html = webviewHtml({
    cspSource: origin, nonce, view: 'interview', title: 'Mocktalk audio',
    scriptUri: `${origin}/dist/audioPage.js`, styleUri: `${origin}/dist/audioPage.css`,
  });
  const scriptSrc = csp === 'current' ? `script-src 'nonce-${nonce}'` : `script-src 'nonce-${nonce}' ${origin}`;
  return html.replace(/script-src [^;"]*/, scriptSrc);
}

/** The VS Code theme variables the audio controls and vscode-elements read (Dark Modern). */
const DARK_THEME: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'font-weight': 'normal',
  foreground: '#cccccc', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', focusBorder: '#0078d4',
  errorForeground: '#f85149', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c', 'button-border': '#ffffff12', 'input-background': '#313131',
  'input-border': '#3c3c3c', 'progressBar-background': '#0078d4', 'testing-iconPassed': '#73c991',
  'editorWarning-foreground': '#cca700', 'inputValidation-warningBackground': '#352a05',
  'inputValidation-warningBorder': '#b89500', 'inputValidation-errorBackground': '#5a1d1d',
  'inputValidation-errorBorder': '#be1100', 'checkbox-background': '#313131', 'checkbox-border': '#3c3c3c',
  'checkbox-foreground': '#cccccc', 'settings-checkboxBackground': '#313131', 'settings-checkboxBorder': '#3c3c3c',
};

const pageSetup = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline'));
  });
  const vars = ${JSON.stringify(DARK_THEME)};
  new MutationObserver((_, observer) => {
    if (!document.documentElement) return;
    observer.disconnect();
    for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + name, value);
  }).observe(document, { childList: true });
  document.addEventListener('DOMContentLoaded', () => document.body.classList.add('vscode-dark'));
})();`;

export interface AudioPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openAudioPage(harness: AudioHarness, options: { csp?: CspVariant; microphone?: boolean } = {}): Promise<AudioPage> {
  const context = await harness.browser.newContext({
    viewport: { width: 700, height: 420 }, colorScheme: 'dark', reducedMotion: 'reduce',
    permissions: options.microphone === false ? [] : ['microphone'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.addInitScript({ content: pageSetup });
  await page.goto(`${harness.origin}/audio.html?csp=${options.csp ?? 'proposed'}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  return {
    page,
    async problems() {
      const csp = await page.evaluate(() => window.__cspViolations);
      return [...errors, ...csp.map((v) => `CSP violation: ${v}`)];
    },
    close: () => context.close(),
  };
}
