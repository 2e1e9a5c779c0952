/**
 * What the browser tests share: Debian's Chromium (tests skip where it is absent), the built widget, the widget's
 * selectors and asking a question in it as a user does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** The widget's element, and its answers once complete. */
export const W = 'tro-ly-cong-vu';
export const DONE = `${W} .msg.assistant[data-status="done"]`;

/** Builds the widget and the pages' scripts (`npm run build`), as `npm start` does. */
export function buildWeb(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'pipe' });
}

/** Headless Chromium without the background traffic a test has no use for. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** Types a question in the widget, sends it with Enter and waits for its answer to be complete. */
export async function askInWidget(page: Page, question: string): Promise<string> {
  const before = await page.locator(DONE).count();
  const box = page.getByRole('textbox', { name: 'Câu hỏi' });
  await box.fill(question);
  await box.press('Enter');
  const answer = page.locator(DONE).nth(before);
  await answer.waitFor({ timeout: 10_000 });
  return (await answer.locator('.answer').textContent()) ?? '';
}
