/**
 * The admin page in a real headless Chromium, over the generated fixture of 300 logged questions and 12 feedback
 * records: 401 and no data without the admin token (the page, the report API, marking), the report with its charts
 * once the token is typed (or sent by a proxy as a Bearer header), marking a thumbs-down handled, and the widget's
 * footer saying questions are logged. Screenshot: test-artifacts/admin.png (and /work/shots/admin.png where that exists).
 * Skipped, with a message, when /usr/bin/chromium is missing.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, buildWeb, hasChromium, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { writeUsageFixture } from '../helpers/usage-fixture.js';

const SHOTS = '/work/shots';
const TOKEN = 'quan-tri-thu-nghiem-7f3a';
if (!hasChromium) console.warn(`[admin.test] Bỏ qua kiểm thử trình duyệt: không có ${CHROMIUM} (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)('admin page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    buildWeb();
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startTestServer({ config: { ADMIN_TOKEN: TOKEN, QUESTION_LOG: 'on', QUESTION_LOG_DAYS: 730 } });
    await writeUsageFixture(server.app.store);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers 401 without the token, and the page shows no data, only the token form', async () => {
    const page401 = await fetch(`${server.url}/admin`);
    expect(page401.status).toBe(401);
    expect(await page401.text()).not.toContain('88/2026');
    expect((await fetch(`${server.url}/admin`, { headers: { authorization: 'Bearer sai-ma' } })).status).toBe(401);
    expect((await fetch(`${server.url}/admin.html`)).status).toBe(404);
    const report = await fetch(`${server.url}/api/admin/report`);
    expect(report.status).toBe(401);
    expect(((await report.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    const mark = await fetch(`${server.url}/api/admin/feedback/x/handled`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"handled":true}' });
    expect(mark.status).toBe(401);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/admin`);
    expect(response?.status()).toBe(401);
    await page.locator('#login').waitFor();
    expect(await page.locator('#report').isHidden()).toBe(true);
    expect(await page.textContent('body')).not.toContain('88/2026');
    await page.getByLabel('Mã quản trị').fill('sai-ma');
    await page.getByRole('button', { name: 'Mở báo cáo' }).click();
    await page.getByText('Mã quản trị không đúng.').waitFor();
    expect(await page.locator('#report').isHidden()).toBe(true);
    await context.close();
  }, 30_000);

  it('shows the report with charts once the token is typed, and marks a thumbs-down handled', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Mã quản trị').fill(TOKEN);
    await page.getByRole('button', { name: 'Mở báo cáo' }).click();
    await page.locator('#report .tiles').waitFor();
    const tiles = await page.locator('.tile .n').allTextContents();
    expect(tiles.slice(0, 3)).toEqual(['300', '150', '150 (50.0%)']);
    const text = (await page.textContent('#report')) ?? '';
    for (const expected of ['88/2026/QH15', '12/2025/NĐ-CP', 'Điện Biên', 'phụ cấp công vụ cán bộ xã', 'Tỉnh đã đổi giờ làm việc mùa hè', 'Kế hoạch 20/KH-UBND']) {
      expect(text).toContain(expected);
    }
    // Both charts were drawn by Chart.js: the canvases hold painted pixels.
    const painted = await page.$$eval('canvas', (canvases) =>
      canvases.map((c) => {
        const ctx = (c as HTMLCanvasElement).getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      }),
    );
    expect(painted).toHaveLength(2);
    expect(painted.every((n) => n > 1000)).toBe(true);

    const first = page.locator('article.fb').first();
    const id = await first.getAttribute('data-id');
    await first.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
    await first.getByRole('button', { name: 'Bỏ đánh dấu' }).waitFor();
    expect(await first.getAttribute('data-handled')).toBe('true');
    expect((await server.app.store.getFeedback(id!))?.handledAt).toBeTruthy();
    // Reloaded (the token kept for the tab): handled, and counted so.
    await page.reload();
    await page.locator(`article.fb[data-id="${id}"].handled`).waitFor();
    expect((await page.locator('.tile .n').nth(3).textContent())?.startsWith('3/4')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin.png'), fullPage: true });
    if (existsSync(SHOTS)) await copyFile(path.join(ARTIFACTS, 'admin.png'), path.join(SHOTS, 'admin.png'));
    // The page itself is answered 401 without the header, and so is its first call before the token was typed.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  }, 30_000);

  it('serves the page and its data to a proxy that sends the Bearer header', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/admin`);
    expect(response?.status()).toBe(200);
    await page.locator('#report .tiles').waitFor();
    expect(await page.locator('#login').isHidden()).toBe(true);
    await context.close();
  }, 30_000);

  it('tells widget users in its footer that questions are logged', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const launcher = page.getByRole('button', { name: /Trợ lý/ });
    if (await launcher.count()) await launcher.first().click();
    const note = page.locator('tro-ly-cong-vu .log-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Câu hỏi được ghi lại (không kèm địa chỉ IP hay danh tính)');
    await context.close();
  }, 30_000);
});
