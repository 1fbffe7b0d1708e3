/// <reference lib="dom" />
// The report's replay in headless Chromium: one clock moves the transcript's current turn, the code pane's
// snapshot and the interviewer's audio; the latency table and export button.
import assert from 'node:assert/strict';
import { encodeWav } from '../../backend/src/pipeline/audio';
import { sessionDetail, sessionReplay } from './fixtures';
import { openView, startHarness, type Harness, type ViewPage } from './harness';

/** A 4 s, 440 Hz tone as a 16 kHz WAV, base64: what the host posts for a turn's audio. */
function toneWavBase64(seconds = 4): string {
  const pcm = Int16Array.from({ length: 16_000 * seconds }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)));
  return encodeWav(pcm).toString('base64');
}

describe('webview: report replay', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    if (view) assert.deepEqual(await view.problems(), []);
    await view?.close();
    view = undefined;
  });

  async function openReplay(): Promise<ViewPage> {
    view = await openView(harness, 'report');
    await view.send({ type: 'report/show', session: sessionDetail, replay: sessionReplay });
    return view;
  }

  const current = (v: ViewPage) => v.page.locator('.turn--current').getAttribute('data-seq');
  const codeSeq = (v: ViewPage) => v.page.locator('.report__code').getAttribute('data-snapshot-seq');

  it('opens at the end: the last turn is current and the code pane shows the final snapshot', async () => {
    const v = await openReplay();
    const scrubber = v.page.locator('.replay__scrubber');
    assert.equal(await scrubber.getAttribute('max'), '1470000');
    assert.equal(await scrubber.inputValue(), '1470000');
    assert.equal(await scrubber.getAttribute('aria-valuetext'), '24:30 of 24:30');
    assert.equal(await current(v), '4');
    assert.equal(await codeSeq(v), '2');
    assert.equal(await v.page.locator('.report__code .code-view__line').count(), 7);
    assert.equal(await v.page.locator('.replay__mark').count(), 4);
  });

  it('scrubbing moves the transcript highlight and the code snapshot together', async () => {
    const v = await openReplay();
    const scrubber = v.page.locator('.replay__scrubber');
    await scrubber.focus();
    await v.page.keyboard.press('Home');
    assert.equal(await v.page.locator('.turn--current').count(), 0, 'nothing said yet at 00:00');
    assert.equal(await codeSeq(v), '');
    assert.match(await v.page.locator('.report__code').textContent() ?? '', /No code had been written at this point/);

    const at = async (ms: number) => {
      await scrubber.fill(String(ms));
      return { turn: await current(v), code: await codeSeq(v) };
    };
    assert.deepEqual(await at(35_000), { turn: '1', code: '' });
    assert.deepEqual(await at(45_000), { turn: '1', code: '1' });
    assert.deepEqual(await at(65_000), { turn: '2', code: '1' });
    assert.deepEqual(await at(99_000), { turn: '3', code: '1' });
    assert.equal(await v.page.locator('.report__code .code-view__line').count(), 1);
    // The keyboard moves it a second at a time.
    await v.page.keyboard.press('ArrowRight');
    assert.equal(await scrubber.inputValue(), '100000');
    assert.equal(await scrubber.getAttribute('aria-valuetext'), '01:40 of 24:30');
    assert.equal(await codeSeq(v), '2');
    assert.equal(await v.page.locator('.report__code .code-view__line').count(), 7);
    assert.equal(await v.page.locator('.turn--current').getAttribute('aria-current'), 'true');
  });

  it('plays the interviewer’s audio from the playhead, fetched through the host, and pauses with it', async () => {
    const v = await openReplay();
    await v.page.locator('.replay__scrubber').fill('31000'); // 0.5 s into turn 1's audio (30.5 s – 34.5 s)
    await v.page.locator('.replay__toggle').click();
    assert.equal(await v.page.locator('.replay__toggle').getAttribute('data-playing'), 'true');
    const requests = (await v.posted()).filter((m) => m.type === 'report/loadAudio');
    assert.deepEqual(requests, [{ type: 'report/loadAudio', turnId: 'turn-1' }], 'only the clip under (or near) the playhead');
    await v.send({ type: 'report/didLoadAudio', turnId: 'turn-1', wavBase64: toneWavBase64() });

    const audio = v.page.locator('audio.replay__audio');
    await v.page.waitForFunction(() => {
      const el = document.querySelector<HTMLAudioElement>('audio.replay__audio');
      return el !== null && !el.paused && el.currentTime > 0.5;
    }, undefined, { timeout: 5_000 });
    assert.equal(await audio.getAttribute('data-turn-id'), 'turn-1');
    assert.match(await audio.evaluate((el: HTMLAudioElement) => el.src), /^blob:/);
    // Audio and clock agree: the audio's offset tracks the scrubber's position within the clip.
    const drift = await v.page.evaluate(() => {
      const el = document.querySelector<HTMLAudioElement>('audio.replay__audio')!;
      const position = Number(document.querySelector<HTMLInputElement>('.replay__scrubber')!.value);
      return Math.abs((30_500 + el.currentTime * 1000) - position);
    });
    assert.ok(drift < 1_500, `audio vs clock: ${drift} ms`);

    await v.page.locator('.replay__toggle').click();
    assert.equal(await v.page.locator('.replay__toggle').getAttribute('data-playing'), 'false');
    assert.equal(await audio.evaluate((el: HTMLAudioElement) => el.paused), true);
  });

  it('renders the per-turn latency table with a bar per turn, and a turn link seeks the replay', async () => {
    const v = await openReplay();
    const rows = v.page.locator('.latency__row');
    assert.equal(await rows.count(), 2);
    assert.deepEqual(await rows.nth(1).locator('.latency__ms').allTextContents(), ['900', '1050', '1200', '1450', '1800', '1850']);
    assert.deepEqual(await rows.nth(0).locator('.latency__ms').allTextContents(), ['—', '—', '120', '260', '500', '540']);
    assert.equal(await rows.nth(1).locator('.latency__segment').count(), 6);
    // Drawn widths: the segments of a bar add up to its turn's last stage on a scale shared by all bars.
    const widths = await rows.locator('.latency__bar').evaluateAll((bars) =>
      bars.map((b) => Array.from(b.children, (c) => c.getBoundingClientRect().width).reduce((n, w) => n + w, 0)));
    assert.ok(widths[1]! > widths[0]! * 3, `the slower turn's bar is longer: ${widths.join(', ')}`);
    await rows.nth(1).locator('.latency__turn').click();
    assert.equal(await v.page.locator('.replay__scrubber').inputValue(), '90000');
    assert.equal(await current(v), '3');
  });

  it('evidence links move the replay: code evidence shows its snapshot with the line marked', async () => {
    const v = await openReplay();
    await v.page.locator('.replay__scrubber').fill('0');
    await v.page.locator('.evidence__link[data-kind="code"]').click();
    assert.equal(await v.page.locator('.replay__scrubber').inputValue(), '100000');
    assert.equal(await codeSeq(v), '2');
    assert.equal(await v.page.locator('.code-view__line--highlighted').getAttribute('data-line'), '4');
    await v.page.locator('.dimension[data-dimension="communication"] .evidence__link').click();
    assert.equal(await v.page.locator('.replay__scrubber').inputValue(), '60000');
    assert.equal(await current(v), '2');
    assert.equal(await v.page.locator('.turn--highlighted').getAttribute('data-seq'), '2');
  });

  it('the export button asks the host to save the report as Markdown', async () => {
    const v = await openReplay();
    await v.page.locator('.report__export').click();
    assert.deepEqual((await v.posted()).at(-1), { type: 'report/export' });
  });

  it('keeps the replay in saved state, so a reloaded panel redraws it', async () => {
    const v = await openReplay();
    const saved = await v.state();
    await v.close();
    view = await openView(harness, 'report', { state: saved });
    assert.equal(await view.page.locator('.latency__row').count(), 2);
    assert.equal(await view.page.locator('.replay__scrubber').inputValue(), '1470000');
  });
});
