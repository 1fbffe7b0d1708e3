// Playwright steps on the VS Code workbench (code-server): quick picks, input boxes, notifications, views.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { findWebviewFrame, runCommand } from '../host/codeServer';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Waits for the quick input whose title contains `title`, so a step is never confused with the previous one. */
async function quickInputTitled(page: Page, title: string): Promise<Locator> {
  const widget = quickInput(page);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 20_000 });
  return widget;
}

/** Picks the row of a quick pick whose label is exactly `label`. */
export async function pickQuickItem(page: Page, title: string, label: string): Promise<void> {
  const widget = await quickInputTitled(page, title);
  const row = widget.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
}

/** Types into an input box and accepts it with Enter. */
export async function answerInputBox(page: Page, title: string, text: string): Promise<void> {
  const widget = await quickInputTitled(page, title);
  const input = widget.locator('input.input').first();
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Clicks `button` in the workbench's modal dialog (e.g. VS Code's "wants to sign in using Mocktalk" consent). */
export async function answerDialog(page: Page, text: string | RegExp, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text });
  await dialog.waitFor({ timeout: 20_000 });
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The entries of the Accounts menu (activity bar), e.g. "you@example.com (Mocktalk)". */
export async function accountsMenuEntries(page: Page): Promise<string[]> {
  await page.locator('.activitybar .action-item a[aria-label^="Accounts"], .activitybar .action-item[aria-label^="Accounts"]').first().click();
  const menu = page.locator('.monaco-menu').first();
  await menu.waitFor({ timeout: 10_000 });
  const labels = await menu.locator('.action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim()).filter(Boolean);
}

/**
 * Waits for a notification with `text`. This workbench version may file notifications in the
 * notification center without a toast (the headless window never has focus), so look in both.
 */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const bell = page.locator('.statusbar-item[id="status.notifications"] a, .statusbar-item[id="status.notifications"]').first();
  const center = page.locator('.notifications-center');
  return until(`a notification "${String(text)}"`, async () => {
    const toast = page.locator('.notification-toast', { hasText: text }).first();
    if (await toast.isVisible()) return (await toast.innerText()).trim();
    // The bell toggles the notification center, where every notification is listed.
    if (!(await center.isVisible())) await bell.click();
    const item = center.locator('.notification-list-item-message', { hasText: text }).first();
    const found = await item.waitFor({ timeout: 1_000 }).then(() => item.innerText(), () => undefined);
    if (await center.isVisible()) await bell.click();
    return found?.trim();
  }, timeoutMs);
}

/** Texts of the completed turns in the interview panel, in order. */
export async function transcript(frame: Frame): Promise<{ speaker: 'interviewer' | 'candidate'; text: string }[]> {
  return frame.locator('li.turn[data-seq]').evaluateAll((items) => items.map((li) => ({
    speaker: li.classList.contains('turn--candidate') ? 'candidate' as const : 'interviewer' as const,
    text: li.querySelector('.turn__text')?.textContent ?? '',
  })));
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Settings that make keyboard typing in Monaco produce exactly the typed text. */
export const PLAIN_TYPING_SETTINGS = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.inlineSuggest.enabled': false,
  'editor.linkedEditing': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
};

let packaging: Promise<string> | null = null;
/** `npm run package` (the production build, then vsce) once per test run; every e2e file installs the same .vsix. */
export function packagedVsix(root: string): Promise<string> {
  packaging ??= new Promise<string>((resolve, reject) => {
    execFile('npm', ['run', '-s', 'package'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const vsix = path.join(root, 'mocktalk.vsix');
      if (err) reject(new Error(`npm run package failed: ${stderr.slice(-2000)}`));
      else if (!fs.existsSync(vsix)) reject(new Error('npm run package made no mocktalk.vsix'));
      else resolve(vsix);
    });
  });
  return packaging;
}

/**
 * The Sign In flow once it has been opened (from the command or the Accounts menu): "Sign in" in the quick pick, the
 * two input boxes, the confirmation, and the account showing in the Accounts menu.
 */
export async function completeSignIn(page: Page, account: { email: string; password: string; displayName: string }): Promise<void> {
  await pickQuickItem(page, 'Mocktalk: Sign In', 'Sign in');
  await answerInputBox(page, 'Sign in (1/2)', account.email);
  await answerInputBox(page, 'Sign in (2/2)', account.password);
  await waitForNotification(page, `Signed in to Mocktalk as ${account.displayName} (${account.email})`);
  await until('the account in the Accounts menu', async () => (await accountsMenuEntries(page)).some((l) => l.includes(account.email)), 20_000);
}

/** Start Interview through its four quick picks; resolves with the panel once the interviewer's first turn shows. */
export async function startInterviewFromPalette(page: Page, problemTitle: string): Promise<Frame> {
  await runCommand(page, 'Mocktalk: Start Interview');
  await pickQuickItem(page, '(1/4)', 'Arrays & hashing');
  await pickQuickItem(page, '(2/4)', 'Easy');
  await pickQuickItem(page, '(3/4)', problemTitle);
  await pickQuickItem(page, '(4/4)', 'JavaScript');
  return findWebviewFrame(page, async (f) => (await f.locator('li.turn--interviewer[data-seq]').count()) > 0, 60_000);
}
