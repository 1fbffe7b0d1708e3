// In-host mocha entry: VS Code's extension host calls run() (extensionTestsPath).
// Env vars of the runner may not reach the extension host, so configuration comes from
// config.json beside this bundle (written by test/host/runExtensionSuite.ts before launch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

interface SuiteConfig { countsFile?: string; outputFile?: string; grep?: string }
export interface Counts { passed: number; failed: number; skipped: number }

function readConfig(): SuiteConfig {
  const file = path.join(__dirname, 'config.json');
  const config: SuiteConfig = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  return { ...config, countsFile: config.countsFile ?? process.env.MOCKTALK_COUNTS_FILE };
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const config = readConfig();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', grep: config.grep });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  // The spec reporter prints through Base.consoleLog: keep a copy for the runner. (console.log
  // itself cannot be wrapped here: the extension host redefines it with a no-op setter and forwards
  // it to the workbench log, which the runner receives as ExtensionTestResult.logs.)
  const lines: string[] = [];
  const base = Mocha.reporters.Base;
  const consoleLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    lines.push(args.length ? format(...args) : '');
    consoleLog(...args);
  };

  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: unknown) => {
      base.consoleLog = consoleLog;
      if (err) lines.push(`suite crashed: ${err instanceof Error ? err.stack : String(err)}`);
      const summary = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      lines.push(summary);
      console.log(summary);
      if (config.countsFile) fs.writeFileSync(config.countsFile, JSON.stringify(counts));
      if (config.outputFile) fs.writeFileSync(config.outputFile, lines.join('\n') + '\n');
      if (err || counts.failed > 0) reject(err instanceof Error ? err : new Error(`${counts.failed} test(s) failed`));
      else resolve();
    };
    try {
      mocha.run()
        .on('pass', () => counts.passed++)
        .on('fail', () => counts.failed++)
        .on('pending', () => counts.skipped++)
        .on('end', () => finish());
    } catch (err) {
      finish(err);
    }
  });
}
