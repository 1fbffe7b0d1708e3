// Renders media/icon.svg to media/icon.png (256×256, the marketplace icon) with headless Chromium.
// Usage: npx tsx scripts/render-icon.ts   (Chromium from scripts/test-tools.sh; the PNG is committed)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findTools } from '../test/host/codeServer';

const SIZE = 256;
const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mocktalk-icon-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findTools().chromium, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace(/width="\d+" height="\d+"/, `width="${SIZE}" height="${SIZE}"`)}</body></html>`);
    const out = path.join(root, 'media/icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
