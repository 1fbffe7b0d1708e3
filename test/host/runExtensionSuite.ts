// Runs test/extension/** inside a real VS Code extension host (code-server + chromium), against a real
// test backend (embedded Postgres, local interviewer) whose URL reaches the suite via config.json and settings.
// Usage: npm run test:extension   (tools: bash scripts/test-tools.sh)
// Env: MOCKTALK_COUNTS_FILE (counts JSON out), MOCKTALK_EXT_TEST_TIMEOUT_MS (default 300000),
//      MOCKTALK_EXT_TEST_GREP (mocha grep), MOCKTALK_KEEP_HOST_TMP=1 (keep temp dirs),
//      MOCKTALK_EXT_TEST_CONSOLE=1 (print the browser's console, webviews included).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestServer, stopAllTestBackends } from '../support/backend';
import { startCodeServer, type CodeServerHost } from './codeServer';
import { fakeMicWav } from './fakeMic';

const root = path.resolve(__dirname, '../..');
const testsDir = path.join(root, 'dist/test/extension');
const screenshotFile = path.join(root, 'test-results/extension-host.png');
const timeoutMs = Number(process.env.MOCKTALK_EXT_TEST_TIMEOUT_MS || 300_000);
const t0 = Date.now();
const lap = (msg: string) => console.log(`[extension-host ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

function build(): void {
  const node = (...args: string[]) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(root, 'extension/src/extension.ts'))) throw new Error('extension/src/extension.ts is missing');
  if (fs.existsSync(path.join(root, 'scripts/build.mjs'))) node('scripts/build.mjs', 'extension', 'webview');
  else node('node_modules/esbuild/bin/esbuild', 'extension/src/extension.ts', '--bundle', '--platform=node',
    '--format=cjs', '--external:vscode', '--outfile=dist/extension/extension.js', '--log-level=warning');
  node('scripts/build-extension-tests.mjs');
}

const FAILED_COUNTS = JSON.stringify({ passed: 0, failed: 1, skipped: 0 });

function writeCounts(json: string): void {
  if (process.env.MOCKTALK_COUNTS_FILE) fs.writeFileSync(process.env.MOCKTALK_COUNTS_FILE, json);
}

const readIfExists = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

async function main(): Promise<number> {
  build();
  lap('built extension and tests');
  let host: CodeServerHost | undefined;
  const micDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-fake-mic-'));
  const removeMic = () => fs.rmSync(micDir, { recursive: true, force: true });
  const stop = async (signal: string) => {
    await host?.dispose();
    removeMic();
    await stopAllTestBackends();
    console.error(`stopped by ${signal}`);
    process.exit(130);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const backend = await startTestServer();
    lap(`test backend up at ${backend.url}`);
    const mic = fakeMicWav(micDir);
    // Interviews are typed unless a test asks for voice (the fake mic would otherwise answer in every interview).
    host = await startCodeServer({
      settings: { 'mocktalk.server.url': backend.url, 'mocktalk.interview.mode': 'text' }, chromiumArgs: mic.chromiumArgs,
    });
    lap(`code-server up at ${host.url}`);
    // Webview and workbench console output (e.g. a panel's mic failing), for debugging a run.
    if (process.env.MOCKTALK_EXT_TEST_CONSOLE) host.page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    // The extension host may not see our env: hand it its config through a file beside the bundle
    // (with the user settings file, so the suite can check no secret ended up in it).
    const countsFile = path.join(host.tempDir, 'counts.json');
    const outputFile = path.join(host.tempDir, 'output.txt');
    fs.writeFileSync(path.join(testsDir, 'config.json'), JSON.stringify({
      countsFile, outputFile, grep: process.env.MOCKTALK_EXT_TEST_GREP || undefined,
      serverUrl: backend.url, userSettingsFile: path.join(host.tempDir, 'user-data', 'User', 'settings.json'),
      fakeMicText: mic.text,
    }));

    const result = await host.runExtensionTests({
      extensionDevelopmentPath: root, extensionTestsPath: path.join(testsDir, 'index.js'), timeoutMs,
    });
    lap(result.timedOut ? `TIMEOUT after ${timeoutMs} ms` : `extension host exited with ${result.exitCode}`);

    const output = readIfExists(outputFile);
    if (output) console.log(output.trimEnd());
    else {
      console.log(`no test output; last workbench log lines:\n${result.logs.slice(-40).join('\n')}`);
      console.log(`code-server log tail:\n${readIfExists(host.serverLogFile).split('\n').slice(-20).join('\n')}`);
    }
    await host.screenshot(screenshotFile).catch((e: Error) => console.error(`screenshot failed: ${e.message}`));

    const counts = readIfExists(countsFile);
    writeCounts(counts || FAILED_COUNTS);
    return !result.timedOut && result.exitCode === 0 && counts ? 0 : 1;
  } finally {
    await host?.dispose();
    await stopAllTestBackends();
    removeMic();
    lap('disposed');
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`extension suite runner failed: ${err instanceof Error ? err.message : String(err)}`);
  writeCounts(FAILED_COUNTS);
  process.exit(1);
});
