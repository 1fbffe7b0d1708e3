// Packages the extension the way users get it and checks what the .vsix carries.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('the packaged .vsix', function () {
  this.timeout(180_000);
  let files: string[];
  let manifest: { main: string; contributes: { commands: unknown[] }; activationEvents: string[] };

  before(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-vsix-'));
    const vsix = path.join(dir, 'mocktalk.vsix');
    // the same flags as `npm run package`, written elsewhere so a developer's mocktalk.vsix is left alone
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
      '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, stdio: 'pipe' });
    files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('contains the bundles, media and top-level docs', () => {
    for (const file of ['extension/dist/extension/extension.js', 'extension/dist/webview/main.js', 'extension/dist/webview/main.css',
      'extension/media/mocktalk.svg', 'extension/media/icon.png', 'extension/package.json', 'extension/readme.md',
      'extension/changelog.md', 'extension/LICENSE.txt']) {
      assert.ok(files.includes(file), `${file} missing from ${files.join(', ')}`);
    }
    assert.ok(files.includes(`extension/${manifest.main.replace(/^\.\//, '')}`), 'main points into the package');
  });

  it('leaves out sources, backend, tests, scripts, node_modules and source maps', () => {
    const forbidden = [/^extension\/backend\//, /^extension\/migrations\//, /^extension\/protocol\//, /^extension\/extension\/src\//,
      /^extension\/webview\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /^extension\/scripts\//,
      /^extension\/bench\//, /^extension\/\.ci\//, /\.map$/, /\.ts$/, /^extension\/dist\/(backend|test)\//, /tsconfig/];
    const leaked = files.filter((f) => forbidden.some((re) => re.test(f)));
    assert.deepEqual(leaked, []);
    const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|media\/.+|dist\/(extension|webview)\/[^/]+))$/;
    assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'only allow-listed files ship');
  });

  it('activates through contributions, never on "*"', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.contributes.commands.length >= 7);
  });
});
