/**
 * The chat widget in a real headless Chromium: a host page on another origin embeds it with one script tag; the
 * real app (small temporary corpus and index, `WIDGET_ORIGINS` set to the host page's origin) answers. Screenshots
 * go to test-artifacts/. Skipped, with a message, when /usr/bin/chromium is missing (`apt-get install chromium`).
 */
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, DONE, W, askInWidget, buildWeb, hasChromium, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

if (!hasChromium) console.warn(`[widget.test] Bỏ qua kiểm thử trình duyệt: không có ${CHROMIUM} (apt-get install -y chromium).`);

const SUGGESTIONS = ['Buổi sáng làm việc từ mấy giờ?', 'Ai chủ trì theo dõi kế hoạch chuyển đổi số?'];
const INJECTION = '<img src=x onerror=alert(1)>';
/** Only answerable with the history: "đó" is the decision of the first answer. */
const FOLLOW_UP = 'Quyết định đó có hiệu lực từ ngày nào?';

let app: TestServer;
let host: http.Server;
let hostUrl = '';
let browser: Browser;

/** The host page: hostile global CSS, then the widget by one script tag from the app's origin. */
function hostPage(kind: string): string {
  const open = kind === '/open' ? ' data-open data-title="Trợ lý Văn bản"' : '';
  const widget = `<script src="${app.url}/widget.js" defer data-suggestions="${SUGGESTIONS.join('|')}"${open}></script>`;
  const hostile = '<style>* { font-family: serif !important; color: #c00 !important; } button { display: none !important; } div { padding: 40px !important; }</style>';
  const body =
    kind === '/inline'
      ? `<h1>Cổng nội bộ</h1><div id="box" style="height:600px;width:700px"><tro-ly-cong-vu inline data-title="Hỏi đáp nội bộ"></tro-ly-cong-vu></div>`
      : `<h1>Cổng thông tin điện tử của Sở</h1><p>Nội dung trang chủ.</p>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${hostile}</head><body>${body}${widget}</body></html>`;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}


/**
 * Records, inside the page, what the widget shows while an answer streams: whether the stop button was visible and
 * the successive lengths of the streamed text (polling from the test would miss a short stream). With `stopAfter`,
 * clicks the stop button once that much text is shown.
 */
async function recordStream(page: Page, stopAfter = 0): Promise<void> {
  await page.evaluate((stopAfter) => {
    const root = document.querySelector('tro-ly-cong-vu')!.shadowRoot!;
    const log = { stopSeen: false, lengths: [] as number[] };
    (window as unknown as { __stream: typeof log }).__stream = log;
    const observer = new MutationObserver(() => {
      const stop = root.querySelector<HTMLButtonElement>('.stop');
      if (stop && !stop.hidden) log.stopSeen = true;
      const text = root.querySelector('.msg.assistant[data-status="streaming"] .answer')?.textContent ?? '';
      if (text && text.length !== log.lengths.at(-1)) log.lengths.push(text.length);
      if (stopAfter && text.length >= stopAfter && stop && !stop.hidden) {
        stopAfter = 0;
        stop.click();
      }
    });
    const previous = (window as unknown as { __observer?: MutationObserver }).__observer;
    previous?.disconnect();
    (window as unknown as { __observer?: MutationObserver }).__observer = observer;
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  }, stopAfter);
}

/** The requests the page makes to the API, and what it sends over WebSockets. */
function watch(page: Page) {
  const seen = { posts: [] as string[], wsSent: [] as Record<string, unknown>[], wsReceived: [] as string[] };
  page.on('request', (r) => {
    if (r.method() === 'POST') seen.posts.push(new URL(r.url()).pathname);
  });
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => seen.wsSent.push(JSON.parse(String(f.payload))));
    ws.on('framereceived', (f) => seen.wsReceived.push(JSON.parse(String(f.payload)).type));
  });
  return seen;
}

describe.skipIf(!hasChromium)('chat widget in Chromium (embedded from another origin)', () => {
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  const dialogs: string[] = [];

  beforeAll(async () => {
    buildWeb();
    await mkdir(ARTIFACTS, { recursive: true });
    host = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(hostPage(req.url ?? '/'));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    app = await startTestServer({ config: { WIDGET_ORIGINS: hostUrl } });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    seen = watch(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  it('opens from the launcher and streams a cited answer over the WebSocket', async () => {
    await page.goto(`${hostUrl}/`);
    const launcher = page.getByRole('button', { name: /Trợ lý/ });
    await launcher.click();
    await recordStream(page);
    const box = page.getByRole('textbox', { name: 'Câu hỏi' });
    await box.fill(SUGGESTIONS[0]!);
    await box.press('Enter');
    await page.locator(DONE).first().waitFor();
    // Shown progressively, with the stop button visible meanwhile.
    const stream = await page.evaluate(() => (window as unknown as { __stream: { stopSeen: boolean; lengths: number[] } }).__stream);
    expect(stream.stopSeen).toBe(true);
    expect(stream.lengths.length).toBeGreaterThan(1);
    const answer = await page.locator(`${DONE} .answer`).first().textContent();
    expect(answer).toContain('7 giờ 30');
    expect(await page.getByRole('button', { name: /^Trích dẫn 1:/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Dừng trả lời' }).isVisible()).toBe(false);
    // Streamed: several deltas, then citations and done; nothing went by POST.
    expect(seen.wsReceived.filter((t) => t === 'delta').length).toBeGreaterThan(1);
    expect(seen.wsReceived.slice(-2)).toEqual(['citations', 'done']);
    expect(seen.wsSent[0]).toMatchObject({ type: 'ask', question: SUGGESTIONS[0], history: [] });
    expect(seen.posts).not.toContain('/api/ask');
    // Host CSS does not reach the widget (its buttons stay visible, its font is its own).
    const font = await page.locator(`${W} .answer`).first().evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).not.toContain('serif !important');
    expect(font).toMatch(/system-ui/);
    await shot(page, '01-answer');
  }, 20_000);

  it('opens the cited passage with its highlight, then the whole document at that passage', async () => {
    await page.getByRole('button', { name: /^Trích dẫn 1:/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Trích dẫn [1]' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Quyết định 15/QĐ-UBND về thời giờ làm việc');
    expect(text).toContain('15/QĐ-UBND');
    expect(text).toContain('12/03/2024');
    expect(text).toContain('Điều 1. Thời giờ làm việc');
    expect(await dialog.locator('mark').textContent()).toMatch(/^Buổi sáng làm việc từ 7 giờ 30 đến 11 giờ 30\.?$/);
    await shot(page, '02-passage');

    await dialog.getByRole('button', { name: 'Đọc toàn văn bản' }).click();
    await page.locator(`${W} .doc-text mark`).waitFor();
    const docText = (await page.locator(`${W} .doc-text`).textContent()) ?? '';
    expect(docText).toContain('Điều 3. Hiệu lực');
    const inView = await page.locator(`${W} .doc-text mark`).evaluate((mark) => {
      const body = mark.closest('.viewer-body')!.getBoundingClientRect();
      const r = mark.getBoundingClientRect();
      return r.top >= body.top && r.bottom <= body.bottom;
    });
    expect(inView).toBe(true);
    await shot(page, '03-document');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const focused = await page.evaluate(() => document.querySelector('tro-ly-cong-vu')!.shadowRoot!.activeElement?.textContent);
    expect(focused).toBe('[1]');
  }, 20_000);

  it('sends the history with a follow-up question', async () => {
    const answer = await askInWidget(page, FOLLOW_UP);
    expect(answer).toContain('01/04/2024');
    const last = seen.wsSent.at(-1) as { history: { role: string; content: string }[] };
    expect(last.history.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(last.history[0]!.content).toBe(SUGGESTIONS[0]);
    expect(last.history[1]!.content).toContain('7 giờ 30');
  }, 20_000);

  it('keeps the conversation after a reload', async () => {
    await page.reload();
    await page.locator(DONE).nth(1).waitFor();
    const texts = await page.locator(`${W} .msg.user`).allTextContents();
    expect(texts).toEqual([`Bạn hỏi: ${SUGGESTIONS[0]}`, `Bạn hỏi: ${FOLLOW_UP}`]);
    // Citations still open after the reload.
    expect(await page.getByRole('button', { name: /^Trích dẫn 1:/ }).count()).toBe(2);
  }, 20_000);

  it('keeps an unsent draft across a reload', async () => {
    await page.getByRole('textbox', { name: 'Câu hỏi' }).fill('Câu hỏi đang gõ dở');
    await page.reload();
    const box = page.getByRole('textbox', { name: 'Câu hỏi' });
    await box.waitFor();
    expect(await box.inputValue()).toBe('Câu hỏi đang gõ dở');
    await box.fill('');
  }, 20_000);

  it('answers when the server drops the WebSocket, then reconnects it', async () => {
    for (const client of app.app.websocketServer.clients) client.terminate();
    const sentBefore = seen.wsSent.length;
    expect(await askInWidget(page, SUGGESTIONS[0]!)).toContain('7 giờ 30');
    // After the backoff the socket opens again and carries the next question.
    await page.waitForTimeout(1500);
    expect(await askInWidget(page, FOLLOW_UP)).toContain('01/04/2024');
    expect(seen.wsSent.slice(sentBefore).some((m) => m.question === FOLLOW_UP)).toBe(true);
  }, 20_000);

  it('shows, in the trainer view, how the answer was made', async () => {
    const toggle = page.getByRole('button', { name: 'Chế độ giảng dạy' });
    await toggle.click();
    // The toggle first asks the server whether traces need a trainer token (here: the server does not say so).
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await askInWidget(page, SUGGESTIONS[1]!);
    expect(seen.wsSent.at(-1)).toMatchObject({ trace: true });
    const trace = page.locator(`${DONE} details.trace`).last();
    const text = (await trace.textContent()) ?? '';
    // Plain Vietnamese, one sentence per step; technical names only as small secondary labels.
    for (const label of ['Tách câu hỏi thành các từ khóa', '“chủ trì”', 'Loại câu hỏi: hỏi ai chịu trách nhiệm', 'Tìm thấy', 'Độ tin cậy', 'ngưỡng 30', 'được dùng', 'Câu trả lời lấy nguyên văn', 'Kiểm tra', 'Theo từ khóa', 'Gần về nghĩa', 'Trả lời ngoại tuyến']) {
      expect(text, label).toContain(label);
    }
    for (const engineer of ['Từ tố', 'responsibility', 'Kết hợp', 'Dạng bỏ dấu']) expect(text, engineer).not.toContain(engineer);
    expect(await trace.locator('.tech').first().textContent()).toBeTruthy();
    // Bars on the 0–100 scale: the answer's and each passage's, with the threshold mark at 30% of the track.
    const scales = await trace.locator('.scale').evaluateAll((els) =>
      els.map((e) => {
        const track = e.querySelector('.scale-track')!.getBoundingClientRect();
        const fill = e.querySelector('.scale-fill')!.getBoundingClientRect();
        const mark = e.querySelector('.scale-mark')!.getBoundingClientRect();
        return { value: Number(e.getAttribute('data-value')), share: fill.width / track.width, mark: (mark.left + mark.width / 2 - track.left) / track.width };
      }),
    );
    expect(scales.length).toBeGreaterThanOrEqual(3);
    for (const s of scales) {
      expect(s.share).toBeCloseTo(s.value / 100, 1);
      expect(s.mark).toBeCloseTo(0.3, 1);
    }
    expect(scales[0]!.value).toBeGreaterThanOrEqual(30);
    expect(await trace.locator('.trace-chosen .quote').first().textContent()).toContain('Sở Khoa học và Công nghệ');
    await trace.locator('summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '04-trainer');
    await toggle.click();
    expect(await page.locator(`${W} details.trace`).count()).toBe(0);
  }, 20_000);

  it('shows HTML in a question and in a document as characters', async () => {
    const answer = await askInWidget(page, INJECTION);
    expect(answer).toContain(INJECTION);
    expect(await page.locator(`${W} .msg.user`).last().textContent()).toContain(INJECTION);
    await page.locator(`${DONE} .cite`).last().click();
    expect(await page.locator(`${W} .passage`).textContent()).toContain(INJECTION);
    await shot(page, '05-injection');
    await page.keyboard.press('Escape');
    const images = await page.evaluate(() => document.querySelector('tro-ly-cong-vu')!.shadowRoot!.querySelectorAll('img').length);
    expect(images).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  }, 20_000);

  it('copies an answer and posts thumbs up, then a comment to the same feedback record', async () => {
    const last = page.locator(DONE).last();
    await last.getByRole('button', { name: 'Sao chép' }).click();
    await page.getByText(/Đã sao chép|Không sao chép được/).waitFor();
    await last.getByRole('button', { name: 'Câu trả lời hữu ích' }).click();
    await last.getByText('Đã ghi nhận đánh giá').waitFor();
    await last.getByRole('textbox', { name: 'Góp ý thêm (không bắt buộc)' }).fill('Rõ ràng, có nguồn.');
    await last.getByRole('button', { name: 'Gửi góp ý' }).click();
    await last.getByText('Cảm ơn góp ý').waitFor();
    // One feedback action, one record: the comment updated the record the thumbs-up created.
    const records = (await app.app.store.listFeedback()).filter((r) => r.question === INJECTION);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ rating: 'up', comment: 'Rõ ràng, có nguồn.', mode: 'extractive', indexVersion: app.engines.get().version });
    expect(records[0]!.citations[0]).toMatchObject({ n: 1, documentId: 'kh-20-chuyen-doi-so' });
    expect(seen.posts.filter((p) => p === '/api/feedback')).toHaveLength(2);
  }, 20_000);

  it('works with the keyboard only, with a visible focus', async () => {
    // After the comment was sent, focus is back on the rating button, inside the panel.
    const active = () => page.evaluate(() => document.querySelector('tro-ly-cong-vu')!.shadowRoot!.activeElement?.getAttribute('aria-label'));
    expect(await active()).toBe('Câu trả lời hữu ích');
    await page.keyboard.press('Escape'); // closes the panel, focus goes to the launcher
    expect(await active()).toMatch(/Trợ lý/);
    await page.keyboard.press('Enter');
    expect(await active()).toBe('Câu hỏi');
    await page.keyboard.type('Bộ phận một cửa tiếp công dân khi nào?');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Xin cảm ơn.');
    const value = await page.getByRole('textbox', { name: 'Câu hỏi' }).inputValue();
    expect(value).toBe('Bộ phận một cửa tiếp công dân khi nào?\nXin cảm ơn.');
    const before = await page.locator(DONE).count();
    await page.keyboard.press('Enter');
    await page.locator(DONE).nth(before).waitFor();
    // Back through the answer to its first citation button.
    let label: string | null | undefined;
    for (let i = 0; i < 30 && !label?.startsWith('Trích dẫn'); i++) {
      await page.keyboard.press('Shift+Tab');
      label = await active();
    }
    expect(label).toMatch(/^Trích dẫn \d:/);
    const outline = await page.evaluate(() => {
      const el = document.querySelector('tro-ly-cong-vu')!.shadowRoot!.activeElement!;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await shot(page, '06-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /Trích dẫn/ }).waitFor();
    await page.keyboard.press('Escape');
    expect(await active()).toMatch(/^Trích dẫn/);
  }, 20_000);

  it('stops an answer while it streams, and keeps the stopped answer out of the history', async () => {
    await recordStream(page, 10);
    const box = page.getByRole('textbox', { name: 'Câu hỏi' });
    await box.fill(SUGGESTIONS[1]!);
    await box.press('Enter');
    const stopped = page.locator(`${W} .msg.assistant[data-status="stopped"]`);
    await stopped.waitFor();
    expect(await stopped.textContent()).toContain('Đã dừng');
    const shown = (await stopped.locator('.answer').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('Sở Khoa học và Công nghệ chủ trì theo dõi, tổng hợp kết quả thực hiện kế hoạch [1].');
    // Send is back; the next question does not carry the stopped answer.
    await askInWidget(page, SUGGESTIONS[0]!);
    const history = (seen.wsSent.at(-1) as { history: { content: string }[] }).history;
    expect(history.some((t) => t.content === shown)).toBe(false);
    expect(history.at(-2)!.content).toBe('Bộ phận một cửa tiếp công dân khi nào?\nXin cảm ơn.');
  }, 20_000);

  it('tells what kind of refusal an answer is: a document the corpus lacks reads apart from one that does not say', async () => {
    const answer = await askInWidget(page, 'Nghị quyết 88/2026/QH15 quy định gì về chuyển đổi số?');
    expect(answer).toContain('88/2026/QH15');
    const kind = page.locator(`${DONE} .refusal-kind`).last();
    expect(await kind.getAttribute('data-code')).toBe('DOCUMENT_MISSING');
    expect(await kind.textContent()).toBe('Kho chưa có văn bản này');
    await shot(page, '01b-refusal');
  }, 20_000);

  it('starts a new conversation, then offers the configured suggestions', async () => {
    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    expect(await page.locator(`${W} .msg`).count()).toBe(0);
    await page.reload();
    const suggestion = page.getByRole('button', { name: SUGGESTIONS[1] });
    await suggestion.waitFor();
    expect(await page.locator(`${W} .msg`).count()).toBe(0);
    await suggestion.click();
    await page.locator(DONE).first().waitFor();
    expect(seen.wsSent.at(-1)).toMatchObject({ question: SUGGESTIONS[1], history: [] });
  }, 20_000);

  it('fits a 360 px screen without horizontal scrolling', async () => {
    const small = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const p = await small.newPage();
    await p.goto(`${hostUrl}/`);
    await p.getByRole('button', { name: /Trợ lý/ }).click();
    await p.getByRole('button', { name: 'Chế độ giảng dạy' }).click();
    await expect.poll(() => p.getByRole('button', { name: 'Chế độ giảng dạy' }).getAttribute('aria-pressed')).toBe('true');
    await askInWidget(p, 'Ai chủ trì theo dõi kế hoạch chuyển đổi số? Văn phòng Ủy ban nhân dân tỉnh báo cáo trước ngày nào?');
    const layout = await p.evaluate(() => {
      const root = document.querySelector('tro-ly-cong-vu')!.shadowRoot!;
      const panel = root.querySelector('.panel')!.getBoundingClientRect();
      const log = root.querySelector('.log') as HTMLElement;
      const right = Math.max(...[...root.querySelectorAll('.panel *')].map((e) => e.getBoundingClientRect().right));
      return { page: document.documentElement.scrollWidth, panel: panel.width, left: panel.left, log: log.scrollWidth - log.clientWidth, right };
    });
    expect(layout.page).toBeLessThanOrEqual(360);
    expect(layout.panel).toBeLessThanOrEqual(360);
    expect(layout.left).toBeGreaterThanOrEqual(0);
    expect(layout.log).toBeLessThanOrEqual(0);
    expect(layout.right).toBeLessThanOrEqual(360);
    await shot(p, '07-mobile-360');
    await small.close();
  }, 20_000);

  it('starts open with data-open and reads on a 1920 px projector with large text', async () => {
    const big = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await big.newPage();
    await p.goto(`${hostUrl}/open`);
    await p.getByRole('textbox', { name: 'Câu hỏi' }).waitFor();
    expect(await p.locator(`${W} h2`).textContent()).toBe('Trợ lý Văn bản');
    await p.getByRole('button', { name: 'Chữ lớn' }).click();
    await askInWidget(p, SUGGESTIONS[0]!);
    const size = await p.locator(`${W} .answer`).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    const width = await p.locator(`${W} .panel`).evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(800);
    await shot(p, '08-projector-1920');
    await p.getByRole('button', { name: 'Chế độ giảng dạy' }).click();
    await expect.poll(() => p.getByRole('button', { name: 'Chế độ giảng dạy' }).getAttribute('aria-pressed')).toBe('true');
    await askInWidget(p, SUGGESTIONS[1]!);
    await p.locator(`${DONE} details.trace summary`).last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(p, '08b-projector-trainer');
    await big.close();
  }, 20_000);

  it('answers by POST when the WebSocket cannot open, and keeps a question through a network outage', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // A WebSocket that never opens, as behind a proxy that blocks upgrades.
    await ctx.addInitScript(() => {
      class BlockedSocket extends EventTarget {
        readyState = 3;
        onopen: unknown = null;
        onmessage: unknown = null;
        onerror: ((e: Event) => void) | null = null;
        onclose: ((e: Event) => void) | null = null;
        constructor() {
          super();
          setTimeout(() => {
            this.onerror?.(new Event('error'));
            this.onclose?.(new Event('close'));
          }, 10);
        }
        send(): void {
          throw new Error('closed');
        }
        close(): void {}
      }
      (window as unknown as { WebSocket: unknown }).WebSocket = BlockedSocket;
    });
    const p = await ctx.newPage();
    const s = watch(p);
    await p.goto(`${hostUrl}/`);
    await p.getByRole('button', { name: /Trợ lý/ }).click();
    expect(await askInWidget(p, SUGGESTIONS[0]!)).toContain('7 giờ 30');
    expect(s.posts).toContain('/api/ask');

    // No network at all: the question stays, the user is told, and it goes through once the network is back.
    await p.route(`${app.url}/api/ask`, (route) => route.abort('internetdisconnected'));
    const box = p.getByRole('textbox', { name: 'Câu hỏi' });
    await box.fill(FOLLOW_UP);
    await box.press('Enter');
    await p.getByText('Mất kết nối, đang thử lại…').waitFor({ timeout: 5000 });
    await shot(p, '09-offline');
    await p.unroute(`${app.url}/api/ask`);
    await p.locator(DONE).nth(1).waitFor({ timeout: 10_000 });
    expect(await p.locator(`${DONE} .answer`).nth(1).textContent()).toContain('01/04/2024');
    await ctx.close();
  }, 30_000);

  it('tells the server to stop a question it is still answering when the user stops it', async () => {
    const p = await context.newPage();
    const received: Array<Record<string, unknown>> = [];
    // A slow server (as a model writing token by token would be): a word every 80 ms until told to stop.
    await p.routeWebSocket(/\/api\/ws$/, (ws) => {
      let timer: ReturnType<typeof setInterval> | undefined;
      ws.onMessage((raw) => {
        const message = JSON.parse(String(raw)) as { type: string; id: string };
        received.push(message);
        if (message.type === 'ask') {
          let n = 0;
          timer = setInterval(() => ws.send(JSON.stringify({ type: 'delta', id: message.id, text: `từ${++n} ` })), 80);
        } else if (message.type === 'cancel') {
          clearInterval(timer);
          ws.send(JSON.stringify({ type: 'cancelled', id: message.id }));
        }
      });
    });
    await p.goto(`${hostUrl}/inline`);
    const box = p.getByRole('textbox', { name: 'Câu hỏi' });
    await box.fill('Ai chủ trì theo dõi kế hoạch chuyển đổi số?');
    await box.press('Enter');
    await p.getByText('từ3').waitFor();
    await p.locator(`${W} .stop`).click();
    await p.locator(`${W} .msg.assistant[data-status="stopped"]`).waitFor();
    await expect.poll(() => received.map((m) => m.type)).toEqual(['ask', 'cancel']);
    expect(received[1]!.id).toBe(received[0]!.id);
    await p.close();
  }, 20_000);

  it('sits inline in a container, and the demo page at / embeds it too', async () => {
    const p = await context.newPage();
    await p.goto(`${hostUrl}/inline`);
    const box = p.getByRole('textbox', { name: 'Câu hỏi' });
    await box.waitFor();
    expect(await p.locator(W).count()).toBe(1);
    expect(await p.getByRole('button', { name: /Mở/ }).count()).toBe(0);
    expect(await p.locator(`${W} h2`).textContent()).toBe('Hỏi đáp nội bộ');
    const inside = await p.evaluate(() => {
      const box = document.getElementById('box')!.getBoundingClientRect();
      const panel = document.querySelector('tro-ly-cong-vu')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
      return panel.left >= box.left && panel.right <= box.right + 1 && panel.bottom <= box.bottom + 1;
    });
    expect(inside).toBe(true);
    await shot(p, '10-inline');

    await p.goto(`${app.url}/`);
    await p.getByRole('button', { name: /Trợ lý/ }).waitFor();
    await shot(p, '11-demo-page');
    await p.getByRole('button', { name: /Trợ lý/ }).click();
    expect(await askInWidget(p, 'Ai chủ trì theo dõi kế hoạch chuyển đổi số?')).toContain('Sở Khoa học và Công nghệ');
    await p.close();
  }, 20_000);
});
