/**
 * The classroom page (`/lop-hoc`) in a real headless Chromium against the real app: step-by-step reveal with the
 * keyboard, large type for a projector, no English codes on screen, one confidence scale for every question, two
 * phrasings side by side, offline vs the language model (a local OpenAI-compatible stand-in) and the trainer token
 * asked once where health says so. Screenshots go to /work/shots/ (or test-artifacts/ where /work is absent).
 * Skipped, with a message, when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI } from '../helpers/fake-openai.js';
import { CHROMIUM, ROOT, buildWeb, hasChromium, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SHOTS = existsSync('/work') ? '/work/shots' : path.join(ROOT, 'test-artifacts');
if (!hasChromium) console.warn(`[classroom.test] Bỏ qua kiểm thử trình duyệt: không có ${CHROMIUM} (apt-get install -y chromium).`);

const ANSWERED = 'Ai chủ trì theo dõi kế hoạch chuyển đổi số?';
const REPHRASED = 'Cơ quan nào theo dõi việc thực hiện kế hoạch chuyển đổi số?';
const REFUSED = 'Ai là tác giả của Truyện Kiều?';
/** Words and codes of the engine that must not reach a class's screen. */
const ENGLISH = /\b(extractive|llm|lexical|fused|coverage|responsibility|general|target|deadline|intent|score|true|false|null|undefined|NaN)\b|\b[A-Z]{2,}_[A-Z_]+\b/;

let app: TestServer;
let browser: Browser;

/** Every confidence scale on the page: its value, its fill's share of the track and where the threshold mark sits. */
function scales(page: Page, selector = '.scale') {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const track = e.querySelector('.scale-track')!.getBoundingClientRect();
      const fill = e.querySelector('.scale-fill')!.getBoundingClientRect();
      const mark = e.querySelector('.scale-mark')!.getBoundingClientRect();
      return {
        label: e.querySelector('.scale-label')!.textContent,
        value: Number(e.getAttribute('data-value')),
        share: fill.width / track.width,
        mark: (mark.left + mark.width / 2 - track.left) / track.width,
      };
    }),
  );
}

async function open(query: string, size = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${app.url}/lop-hoc${query}`);
  if (query) await page.locator('.lane [data-step]').first().waitFor({ timeout: 10_000 });
  else await page.locator('.empty').waitFor();
  return page;
}

beforeAll(async () => {
  if (!hasChromium) return;
  buildWeb();
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const visible = (page: Page, step: string) => page.locator(`.lane [data-step="${step}"]`).first().isVisible();

describe.skipIf(!hasChromium)('classroom page /lop-hoc in Chromium', () => {
  beforeAll(async () => {
    app = await startTestServer();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('is served by the app with its script from a file (no inline script)', async () => {
    const html = await app.app.inject({ method: 'GET', url: '/lop-hoc' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<script src="/lop-hoc.js" defer></script>');
    expect(html.body).not.toMatch(/<script>(?!<)/);
    expect(html.body).not.toMatch(/<style>/);
    const js = await app.app.inject({ method: 'GET', url: '/lop-hoc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('steps through question → passages → answer with the keyboard, in large type', async () => {
    const page = await open(`?q=${encodeURIComponent(ANSWERED)}`);
    const now = page.locator('.step-now');
    await expect.poll(() => now.textContent()).toMatch(/^Bước 1\/\d+: Đọc câu hỏi/);
    const total = Number((await now.textContent())!.match(/\/(\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(await visible(page, 'question')).toBe(true);
    expect(await visible(page, 'passages')).toBe(false);
    expect(await visible(page, 'chosen')).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-1-doc-cau-hoi.png') });

    await page.keyboard.press('ArrowRight');
    expect(await now.textContent()).toMatch(/^Bước 2\/\d+: Tìm đoạn văn/);
    expect(await visible(page, 'passages')).toBe(true);
    expect(await visible(page, 'chosen')).toBe(false);
    expect(await page.locator('.lane [data-step="passages"] p').first().textContent()).toMatch(/^Tìm thấy \d+ đoạn có nhiều từ khóa nhất; đoạn 1 chứa/);
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-2-tim-doan-van.png') });

    await page.keyboard.press('Space');
    expect(await now.textContent()).toMatch(/^Bước 3\/\d+: Độ tin cậy/);
    await page.keyboard.press('ArrowLeft');
    expect(await now.textContent()).toMatch(/^Bước 2\//);
    await page.keyboard.press('End');
    expect(await now.textContent()).toMatch(new RegExp(`^Bước ${total}/${total}`));
    for (const step of ['question', 'passages', 'confidence', 'chosen', 'check', 'mode']) expect(await visible(page, step), step).toBe(true);
    const answer = (await page.locator('.answer-text').textContent()) ?? '';
    expect(answer).toContain('Sở Khoa học và Công nghệ');
    expect(await page.locator('[data-step="chosen"] p').first().textContent()).toContain('Câu trả lời lấy nguyên văn');
    expect(await page.locator('.passage.used').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-3-tat-ca-cac-buoc.png'), fullPage: true });
    await page.keyboard.press('Home');
    expect(await now.textContent()).toMatch(/^Bước 1\//);

    // Large type: body text at least 24 px on a 1920 px projector, the question and answer larger still.
    const sizes = await page.evaluate(() => {
      const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      return { card: px('.card p'), question: px('.question-text'), answer: px('.answer-text'), small: px('.parts') };
    });
    expect(sizes.card).toBeGreaterThanOrEqual(24);
    expect(sizes.question).toBeGreaterThan(sizes.card);
    expect(sizes.answer).toBeGreaterThan(sizes.card);
    expect(sizes.small).toBeGreaterThanOrEqual(18);

    // Plain Vietnamese: no engine word or code on screen (every step revealed).
    await page.keyboard.press('End');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(ENGLISH);
    expect(text).toContain('Tách câu hỏi thành các từ khóa');
    await page.close();
  }, 30_000);

  it('draws every question on one confidence scale: an answer above the threshold, a refusal below it', async () => {
    const page = await open(`?q=${encodeURIComponent(ANSWERED)}&q2=${encodeURIComponent(REFUSED)}`);
    await page.locator('.lane').nth(1).locator('[data-step]').first().waitFor();
    expect(await page.locator('.lane').count()).toBe(2);
    await page.keyboard.press('End');
    const [first, second] = [page.locator('.lane').nth(0), page.locator('.lane').nth(1)];
    const answerScale = (lane: typeof first) => lane.locator('[data-step="confidence"] .scale').evaluate((e) => Number(e.getAttribute('data-value')));
    const answered = await answerScale(first);
    const refused = await answerScale(second);
    expect(answered).toBeGreaterThanOrEqual(30);
    expect(refused).toBeLessThan(30);
    expect(await second.locator('.answer-text').getAttribute('class')).toContain('refused');
    expect(await second.locator('[data-step="chosen"] p').first().textContent()).toMatch(/^Không trả lời:/);
    const all = await scales(page);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const s of all) {
      // The width is the value out of 100 and the mark sits at 30 in both lanes: the same scale, not one per answer.
      expect(s.share).toBeCloseTo(s.value / 100, 1);
      expect(s.mark).toBeCloseTo(0.3, 1);
    }
    expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-4-so-sanh-tra-loi-va-tu-choi.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('asks a follow-up with the conversation before it and shows what it took from it', async () => {
    const page = await open(`?q=${encodeURIComponent('Kế hoạch 20/KH-UBND đặt mục tiêu bao nhiêu phần trăm hồ sơ được giải quyết trực tuyến toàn trình?')}`);
    await expect.poll(() => page.locator('.lane .answer-text').first().textContent()).toContain('80%');
    await page.locator('#q1').fill('Kế hoạch đó giao cơ quan nào theo dõi, tổng hợp kết quả thực hiện?');
    await page.getByLabel('Hỏi tiếp câu trước').check();
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/ask'));
    await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
    const body = (await asked).postDataJSON() as { history: Array<{ role: string; content: string }> };
    expect(body.history.map((t) => t.role)).toEqual(['user', 'assistant']);
    await expect.poll(() => page.locator('.lane .answer-text').first().textContent()).toContain('Sở Khoa học và Công nghệ');
    const step = page.locator('.lane [data-step="conversation"]').first();
    expect(await step.textContent()).toContain('lấy văn bản');
    await page.keyboard.press('End');
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-8-hoi-tiep.png') });
  }, 30_000);

  it('compares two phrasings of one question side by side', async () => {
    const page = await open('');
    await page.getByLabel('Câu hỏi', { exact: true }).fill(ANSWERED);
    await page.getByLabel('So sánh').selectOption('phrasing');
    await page.getByLabel('Cách hỏi khác').fill(REPHRASED);
    await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
    await page.locator('.lane').nth(1).locator('[data-step]').first().waitFor();
    expect(await page.locator('.lane h2').allTextContents()).toEqual(['Cách hỏi 1', 'Cách hỏi 2']);
    expect(await page.locator('.lane .question-text').allTextContents()).toEqual([ANSWERED, REPHRASED]);
    // Focus left the text box: the arrows step through both lanes at once.
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.lane [data-step="passages"]:visible').count()).toBe(2);
    // No language model here: the page offers no offline-vs-model comparison.
    expect(await page.locator('#compare option[value="mode"]').count()).toBe(0);
    await page.keyboard.press('End');
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-5-hai-cach-hoi.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('asks for the trainer token once where health says "token", and sends it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The server of this branch does not require a token yet: its health answer gets `trace: "token"` added.
    await page.route('**/api/health', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), trace: 'token' } });
    });
    const auth: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/ask')) auth.push(r.headers().authorization ?? '');
    });
    await page.goto(`${app.url}/lop-hoc?q=${encodeURIComponent(ANSWERED)}`);
    await page.getByRole('textbox', { name: 'Mã giảng viên' }).fill('ma-lop-hoc');
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-6-ma-giang-vien.png') });
    await page.getByRole('button', { name: 'Vào lớp' }).click();
    await page.locator('.lane [data-step]').first().waitFor();
    expect(auth).toEqual(['Bearer ma-lop-hoc']);
    await page.reload();
    await page.locator('.lane [data-step]').first().waitFor();
    expect(await page.locator('.login').count()).toBe(0);
    expect(auth).toEqual(['Bearer ma-lop-hoc', 'Bearer ma-lop-hoc']);
    await context.close();
  }, 30_000);
});

/** The number of the passage of a chat request that holds `text` (the prompt numbers passages `<doan so="n">`). */
function passageNumber(body: ChatRequestBody, text: string): number {
  const user = body.messages.filter((m) => m.role === 'user').map((m) => String(m.content)).join('\n');
  const hit = [...user.matchAll(/<doan so="(\d+)"[^>]*>([\s\S]*?)<\/doan>/g)].find((b) => b[2]!.includes(text));
  return hit ? Number(hit[1]) : 1;
}

describe.skipIf(!hasChromium)('classroom page with a language model configured', () => {
  let fake: FakeOpenAI;
  let llmApp: TestServer;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ chat: (body) => ({ reply: `Sở Khoa học và Công nghệ chủ trì theo dõi kế hoạch [${passageNumber(body, 'Sở Khoa học')}].` }) });
    llmApp = await startTestServer({ config: { OPENAI_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model' } });
  }, 60_000);

  afterAll(async () => {
    await llmApp?.close();
    await fake?.close();
  });

  it('compares the offline answer with the model\'s, side by side', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${llmApp.url}/lop-hoc?q=${encodeURIComponent(ANSWERED)}&so-sanh=che-do`);
    await page.locator('.lane').nth(1).locator('[data-step]').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.lane h2').allTextContents()).toEqual(['Ngoại tuyến (trích nguyên văn)', 'Mô hình ngôn ngữ']);
    await page.keyboard.press('End');
    const modes = await page.locator('[data-step="mode"] p').allTextContents();
    expect(modes[0]).toMatch(/^Trả lời ngoại tuyến/);
    expect(modes[1]).toMatch(/^Trả lời bằng mô hình ngôn ngữ/);
    // Only the second lane asked the model.
    expect(fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(1);
    expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
    await page.screenshot({ path: path.join(SHOTS, 'lop-hoc-7-ngoai-tuyen-va-mo-hinh.png'), fullPage: true });
    await page.close();
  }, 30_000);
});
