// Builds the three bundles: extension host (vscode external), webview (browser), backend (packages external).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

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
