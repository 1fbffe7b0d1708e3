// `npm test`: type checks, then every suite on real components, then one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-counts-'));
const only = process.env.MOCKTALK_TEST_PHASES?.split(',');

function run(name, command, args, { counted = true, env = {} } = {}) {
  if (only && !only.includes(name)) return;
  const countsFile = path.join(countsDir, `${name}.json`);
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env, MOCKTALK_COUNTS_FILE: countsFile } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (counted && fs.existsSync(countsFile)) {
    const counts = JSON.parse(fs.readFileSync(countsFile, 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
    console.log(`=== ${name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds}s`);
    if (result.status !== 0 && counts.failed === 0) totals.failed += 1; // crashed outside a test
  } else {
    // a step without its own counts (type check, tool install) is one check
    if (result.status === 0) totals.passed += counted ? 0 : 1; else totals.failed += 1;
    console.log(`=== ${name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status})`} in ${seconds}s`);
  }
}

run('typecheck', 'npm', ['run', '-s', 'typecheck'], { counted: false });
run('tools', 'bash', ['scripts/test-tools.sh'], { counted: false });
run('build', 'npm', ['run', '-s', 'build'], { counted: false });
run('node', 'npx', ['mocha', 'test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/webview/**/*.test.ts']);
run('extension-host', 'npm', ['run', '-s', 'test:extension']);
run('e2e', 'npx', ['mocha', '--timeout', '180000', 'test/e2e/**/*.test.ts']);

fs.rmSync(countsDir, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
