// Bundles the in-host test suite: test/extension/index.ts + every test/extension/**/*.test.ts
// into dist/test/extension/ (CommonJS for VS Code's extension host).
// vscode is provided by the host; mocha stays external and resolves from the repo's node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'test/extension');
const outDir = path.join(root, 'dist/test/extension');

const tests = fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join(srcDir, f));

fs.rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(srcDir, 'index.ts'), ...tests],
  outbase: srcDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${tests.length} extension test file(s) into ${path.relative(root, outDir)}/`);
