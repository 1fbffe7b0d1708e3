// Builds the three bundles: extension host (vscode external), webview (browser), backend (packages external).
import * as esbuild from 'esbuild';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

// zod bundles every locale's error messages (~260 KB minified) behind `z.locales`; the UI speaks English only.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '../locales/en.js') } : undefined);
  },
};

const targets = {
  extension: {
    ...common,
    entryPoints: ['extension/src/extension.ts'],
    outfile: 'dist/extension/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ws's optional native accelerators are not shipped
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    plugins: [zodEnglishOnly],
    // extension.ts logs the activation time from here: loading the bundle is part of what activation costs.
    banner: { js: '"use strict";const __mocktalkLoadStart = performance.now();' },
  },
  webview: {
    ...common,
    // The capture AudioWorklet is its own file beside main.js: the webview CSP allows no blob: scripts.
    entryPoints: {
      main: 'webview/src/main.ts', captureWorklet: 'webview/src/audio/captureWorklet.ts',
      // The browser companion page the backend serves at /companion (backend/src/companion/companionPage.ts).
      companion: 'webview/src/companion/main.ts',
    },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.css': 'css' },
    plugins: [zodEnglishOnly],
  },
  backend: {
    ...common,
    minify: false,
    entryPoints: ['backend/src/main.ts'],
    outfile: 'dist/backend/main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    keepNames: true, // MikroORM derives table names from class names
  },
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const chosen = only.length ? only : Object.keys(targets);
await Promise.all(chosen.map((name) => {
  if (!targets[name]) throw new Error(`unknown bundle ${name}; one of ${Object.keys(targets).join(', ')}`);
  return esbuild.build(targets[name]);
}));
console.log(`built ${chosen.join(', ')}${production ? ' (production)' : ''}`);
