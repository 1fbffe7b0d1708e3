// Packages the extension the way users get it and checks what the .vsix carries.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the packaged .vsix', function () {
  this.timeout(180_000);
  let files: string[];
  let vsixBytes: number;
  let read: (file: string) => Buffer;
  let manifest: {
    main: string; icon: string; engines: { vscode: string }; categories: string[]; keywords: string[];
    galleryBanner: { color: string }; activationEvents: string[];
    contributes: { commands: unknown[]; walkthroughs: { steps: { media: { markdown: string } }[] }[]; authentication: { id: string }[] };
  };

  before(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-vsix-'));
    const vsix = path.join(dir, 'mocktalk.vsix');
    // exactly `npm run package`'s vsce command, written elsewhere so a developer's mocktalk.vsix is left alone
    const script = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package!;
    const args = script.replace(/^vsce\s+/, '').replace(/--out\s+\S+/, '').split(/\s+/).filter(Boolean);
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...args, '--out', vsix], { cwd: root, stdio: 'pipe' });
    files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    vsixBytes = fs.statSync(vsix).size;
    // (unzip reads `[…]` in a name as a pattern: only the extension's own files are read)
    const contents = new Map(files.filter((f) => f.startsWith('extension/'))
      .map((f) => [f, execFileSync('unzip', ['-p', vsix, f], { maxBuffer: 64 * 1024 * 1024 })]));
    read = (file) => contents.get(file) ?? assert.fail(`${file} is not in the .vsix`);
    manifest = JSON.parse(read('extension/package.json').toString('utf8'));
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

  it('carries a PNG icon of at least 128 px, the marketplace README with its screenshot, CHANGELOG and LICENSE', () => {
    const icon = pngSize(read(`extension/${manifest.icon}`));
    assert.ok(icon.width >= 128 && icon.height >= 128, `icon is ${icon.width}×${icon.height}`);
    const readme = read('extension/readme.md').toString('utf8');
    assert.match(readme, /^# Mocktalk/);
    assert.ok(readme.includes('## Getting started'), 'the README is not the marketplace README (extension/README.md)');
    for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) {
      assert.ok(files.includes(`extension/${image}`), `README image ${image} is not in the .vsix`);
    }
    assert.match(read('extension/changelog.md').toString('utf8'), /## 0\.1\.0/);
    assert.match(read('extension/LICENSE.txt').toString('utf8'), /MIT License/);
  });

  it('has the marketplace metadata: engine, categories, keywords, banner', () => {
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length >= 3);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  });

  it('ships the walkthrough media and contributes the Mocktalk authentication provider', () => {
    const media = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown));
    assert.equal(media.length, 3);
    for (const file of media) assert.ok(files.includes(`extension/${file}`), `${file} missing`);
    assert.deepEqual(manifest.contributes.authentication.map((a) => a.id), ['mocktalk']);
  });

  it(`is under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(vsixBytes <= MAX_VSIX_BYTES, `${vsixBytes} bytes`);
  });

  it('leaves out sources, backend, tests, scripts, node_modules and source maps', () => {
    const forbidden = [/^extension\/backend\//, /^extension\/migrations\//, /^extension\/protocol\//, /^extension\/extension\/src\//,
      /^extension\/webview\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /^extension\/scripts\//,
      /^extension\/bench\//, /^extension\/\.ci\//, /\.map$/, /\.ts$/, /^extension\/dist\/(backend|test)\//, /tsconfig/];
    const leaked = files.filter((f) => forbidden.some((re) => re.test(f)));
    assert.deepEqual(leaked, []);
    const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|media\/.+|docs\/[^/]+\.png|dist\/(extension|webview)\/[^/]+))$/;
    assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'only allow-listed files ship');
  });

  it('activates through contributions, never on "*" or at startup', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(manifest.contributes.commands.length >= 7);
  });
});
