/**
 * What an official meets in the widget (issue 15), in a real headless Chromium against the real app over the
 * project's sample corpus: a long pasted question is never cut silently, tap targets are large enough on a touch
 * phone, a new conversation can be undone, and the documents page lists what is indexed. Screenshots go to
 * test-artifacts/ (and to SHOTS_DIR when set). Skipped, with a message, when /usr/bin/chromium is missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, DONE, ROOT, W, askInWidget, buildWeb, hasChromium, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SHOTS = process.env.SHOTS_DIR;
if (!hasChromium) console.warn(`[official.test] Bỏ qua kiểm thử trình duyệt: không có ${CHROMIUM} (apt-get install -y chromium).`);

const CORPUS = path.join(ROOT, 'corpus');
/** A decision in the official layout (Nghị định 30/2020/NĐ-CP), no front matter: number, date, issuer, subject, signer. */
const OFFICIAL = `ỦY BAN NHÂN DÂN
TỈNH MẪU
Số: 12/QĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tỉnh Mẫu, ngày 15 tháng 3 năm 2025

QUYẾT ĐỊNH
Về việc ban hành Quy chế tiếp nhận, xử lý văn bản điện tử

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH MẪU

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận, xử lý văn bản điện tử trên Hệ thống quản lý văn bản và điều hành của tỉnh.

Điều 2. Quyết định có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
`;

/** A list longer than an answer shows, for one year: its rest opens under "Xem thêm". */
const LIST_QUESTION = 'Những nhiệm vụ nào do Bộ Khoa học và Công nghệ chủ trì trong năm 2025?';

let app: TestServer;
let browser: Browser;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}


/** Opens the demo page with the widget open. */
async function openWidget(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/`);
  await page.getByRole('button', { name: /Trợ lý/ }).click();
  await page.getByRole('textbox', { name: 'Câu hỏi' }).waitFor();
  return page;
}

describe.skipIf(!hasChromium)('what an official sees (widget and documents page in Chromium)', () => {
  beforeAll(async () => {
    buildWeb();
    await mkdir(ARTIFACTS, { recursive: true });
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    const docs = Object.fromEntries(readdirSync(CORPUS).filter((f) => f.endsWith('.md')).map((f) => [f, readFileSync(path.join(CORPUS, f), 'utf8')]));
    app = await startTestServer({ docs: { ...docs, 'qd-12-van-ban-dien-tu.txt': OFFICIAL } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('never cuts a pasted 2,500-character question silently: it counts, refuses to send and keeps the text', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openWidget(context);
    const question = 'Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?';
    const pasted = `${'Nội dung văn bản dán vào để hỏi. '.repeat(80).slice(0, 2500 - question.length - 1)} ${question}`;
    expect(pasted).toHaveLength(2500);
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    const box = page.getByRole('textbox', { name: 'Câu hỏi' });
    // A real paste: the text goes to the clipboard, then Ctrl+V in the question box.
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await box.focus();
    await page.keyboard.press('Control+V');
    expect(await box.inputValue()).toBe(pasted);
    const counter = page.locator(`${W} .counter`);
    expect(await counter.textContent()).toBe('2.500/2.000 ký tự — dài hơn 500 ký tự');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.press('Enter');
    const status = page.getByRole('status').filter({ hasText: 'vượt giới hạn' });
    await status.waitFor();
    expect(await status.textContent()).toContain('Câu hỏi dài 2.500 ký tự, vượt giới hạn 2.000 ký tự nên chưa được gửi');
    // Nothing was sent, nothing was cut, and no answer was started for another question.
    expect(sent.filter((f) => f.includes('"ask"'))).toEqual([]);
    expect(await box.inputValue()).toBe(pasted);
    expect(await page.locator(`${W} .msg`).count()).toBe(0);
    await shot(page, 'official-01-too-long');

    // Keeping only the question: the counter goes, the message goes, and it is answered.
    await box.fill(question);
    expect(await counter.textContent()).toBe('');
    expect(await box.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator(`${W} .status`).textContent()).toBe('');
    expect(await askInWidget(page, question)).toContain('Sở Khoa học và Công nghệ');
    // Near the limit the counter shows before anything is refused.
    await box.fill('a'.repeat(1900));
    expect(await counter.textContent()).toBe('1.900/2.000 ký tự');
    // With a mouse and a keyboard, the keyboard hint is shown.
    expect(await page.locator(`${W} #composer-hint`).innerText()).toContain('Enter để gửi');
    await context.close();
  }, 30_000);

  it('gives every control a 44 px tap target on a 360 px touch phone, and no keyboard hint there', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await openWidget(context);
    const answer = await askInWidget(page, LIST_QUESTION);
    expect(answer).toContain('Xem thêm');
    await page.locator(`${DONE} .more`).tap();
    await page.locator(`${DONE} .more-list`).waitFor();
    /** Every visible button's box in the widget (the panel, or the viewer when it is open). */
    const boxes = () =>
      page.evaluate(() => {
        const root = document.querySelector('tro-ly-cong-vu')!.shadowRoot!;
        return [...root.querySelectorAll<HTMLElement>('button, textarea, a')]
          .filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'))
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { what: `${el.className}: ${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 30)}`, width: Math.round(r.width), height: Math.round(r.height) };
          });
      });
    const conversation = await boxes();
    const kinds = new Set(conversation.map((b) => b.what.split(':')[0]));
    // Citation markers (in the answer and in the opened list), actions, tools, close, send, sources.
    for (const kind of ['cite', 'act', 'act more', 'tool', 'icon-btn', 'send', 'source']) expect(kinds).toContain(kind);
    const small = conversation.filter((b) => b.width < 44 || b.height < 44);
    expect(small).toEqual([]);
    const hint = await page.locator(`${W} #composer-hint`).innerText();
    expect(hint).not.toContain('Enter');
    expect(hint).toContain('trích dẫn [số]');
    await shot(page, 'official-02-phone-360-more');

    await page.locator(`${DONE} .cite`).first().tap();
    await page.getByRole('dialog', { name: /Trích dẫn/ }).waitFor();
    await page.locator(`${W} .viewer table th`).first().waitFor();
    const viewer = await boxes();
    expect(viewer.map((b) => b.what.split(':')[0])).toEqual(expect.arrayContaining(['back', 'primary']));
    expect(viewer.filter((b) => b.width < 44 || b.height < 44)).toEqual([]);
    await shot(page, 'official-03-phone-360-table-citation');
    await context.close();
  }, 30_000);

  it('offers to undo "Cuộc trò chuyện mới", and puts the conversation back', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN' });
    const page = await openWidget(context);
    const first = await askInWidget(page, 'Nghị quyết 03/NQ-CP được ban hành ngày nào?');
    await askInWidget(page, 'Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?');
    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    expect(await page.locator(`${W} .msg`).count()).toBe(0);
    const toast = page.getByRole('status').filter({ hasText: 'Đã bắt đầu cuộc trò chuyện mới' });
    await toast.waitFor();
    expect(await toast.textContent()).toContain('đã xóa 2 câu hỏi');
    // The welcome says where to see what is indexed.
    expect(await page.getByRole('link', { name: 'Xem danh sách văn bản đã nạp' }).getAttribute('href')).toBe(`${app.url}/documents`);
    await shot(page, 'official-04-new-conversation-undo');
    await toast.getByRole('button', { name: 'Hoàn tác' }).click();
    expect(await page.locator(`${W} .msg`).count()).toBe(4);
    expect(await page.locator(`${DONE} .answer`).first().textContent()).toBe(first);
    expect(await toast.isVisible()).toBe(false);
    await page.getByText('Đã khôi phục cuộc trò chuyện.').waitFor();
    // Restored for good: it survives a reload, and a follow-up carries its history.
    await page.reload();
    await page.locator(DONE).nth(1).waitFor();
    expect(await page.locator(`${W} .msg`).count()).toBe(4);

    // Once a new question is asked, the way back is gone (the new conversation is not overwritten).
    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    await toast.waitFor();
    await askInWidget(page, 'Nghị quyết 03/NQ-CP được ban hành ngày nào?');
    expect(await toast.isVisible()).toBe(false);
    expect(await page.locator(`${W} .msg`).count()).toBe(2);
    await context.close();
  }, 30_000);

  it('lists what is indexed on /documents, each document opening in the viewer (desktop and a 360 px phone)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Reached from the demo page.
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'danh sách các văn bản đã nạp' }).click();
    await page.waitForURL(`${app.url}/documents`);
    const api = (await (await fetch(`${app.url}/api/documents`)).json()) as { documents: { id: string; title: string; number?: string; issuer?: string }[] };
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(api.documents.length);
    expect(await page.getByRole('status').textContent()).toBe(`${api.documents.length} văn bản đã được nạp. Bấm tên văn bản để đọc toàn văn.`);
    expect(await page.locator('thead th').allTextContents()).toEqual(['Văn bản (tên, trích yếu)', 'Số hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Người ký']);
    const nq03 = page.locator('tr[data-id="nq03-cp-chi-tieu-va-nhiem-vu"]');
    // A table drawn from a resolution has no signer of its own: said so, not "—"; what it is and its source, from
    // its front matter.
    expect(await nq03.locator('td').allTextContents()).toEqual(['03/NQ-CP', '09/01/2025', 'Chính phủ', 'không có (bảng trích)']);
    expect(await nq03.locator('th .kind').textContent()).toBe('Bảng trích');
    expect(await nq03.locator('th .source').textContent()).toMatch(/^Nguồn: Tài liệu mẫu do dự án Trợ lý Công vụ biên soạn/);
    const digest = page.locator('tr[data-id="quang-ninh-phan-cong-trach-nhiem"]');
    expect(await digest.locator('td').allTextContents()).toEqual(['không có (bản tổng hợp)', '06/10/2025', 'Dự án Trợ lý Công vụ (tổng hợp từ báo chí)', 'không có (bản tổng hợp)']);
    expect(await page.locator('td').evaluateAll((tds) => tds.filter((td) => td.textContent === '—').length)).toBe(0);
    // From the official layout alone: number, date, issuer and signer with capacity.
    const qd12 = page.locator('tr[data-id="qd-12-van-ban-dien-tu"]');
    expect(await qd12.locator('th').textContent()).toBe('Quyết định về việc ban hành Quy chế tiếp nhận, xử lý văn bản điện tử');
    expect(await qd12.locator('td').allTextContents()).toEqual(['12/QĐ-UBND', '15/03/2025', 'Ủy ban nhân dân tỉnh Mẫu', 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Nguyễn Văn An']);
    // Newest first.
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('06/10/2025');
    expect(await rows.last().locator('td').nth(1).textContent()).toBe('22/12/2024');
    await shot(page, 'official-05-documents-page');

    // Filtered, accents or not.
    await page.getByRole('searchbox', { name: 'Lọc văn bản' }).fill('quang ninh');
    await expect.poll(() => rows.count()).toBe(api.documents.filter((d) => d.title.includes('Quảng Ninh')).length);
    await page.getByRole('searchbox', { name: 'Lọc văn bản' }).fill('');

    // Opened in the viewer: the whole document, its tables drawn as tables; Escape gives focus back.
    await nq03.getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'Toàn văn bản' });
    await dialog.waitFor();
    await dialog.locator('.doc-text table th').first().waitFor();
    expect(await dialog.locator('.doc-meta').textContent()).toContain('03/NQ-CP');
    const text = (await dialog.locator('.doc-text').textContent()) ?? '';
    expect(text).not.toMatch(/\|---|^#|\n#/);
    expect(await page.locator('main').getAttribute('inert')).toBe('');
    await shot(page, 'official-06-documents-viewer');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-id'))).toBe('nq03-cp-chi-tieu-va-nhiem-vu');
    expect(await page.locator('main').getAttribute('inert')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();

    // A phone: one card per document, no horizontal scrolling, titles a comfortable tap.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const p = await phone.newPage();
    await p.goto(`${app.url}/documents`);
    await expect.poll(() => p.locator('tbody tr').count()).toBe(api.documents.length);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const heights = await p.locator('.open').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    expect(await p.locator('tr[data-id="nq03-cp-chi-tieu-va-nhiem-vu"] td').first().evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Số hiệu"');
    // On a card, a field the document does not have is left out rather than shown empty.
    const cardFields = await p.locator('tr[data-id="quang-ninh-phan-cong-trach-nhiem"] td').evaluateAll((tds) => tds.filter((td) => td.getClientRects().length > 0).map((td) => td.dataset.label));
    expect(cardFields).toEqual(['Ngày ban hành', 'Cơ quan ban hành']);
    await shot(p, 'official-07-documents-phone-360');
    await phone.close();
  }, 40_000);

  it('draws a cited table row under its header, and "Xem thêm" opens the rest of a list (desktop 1366 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await openWidget(context);
    const answer = await askInWidget(page, LIST_QUESTION);
    expect(answer).toMatch(/nhiệm vụ do Bộ Khoa học và Công nghệ chủ trì.*, thời hạn trong năm 2025/);
    const said = /Xem thêm (\d+) nhiệm vụ khác/.exec(answer);
    expect(said).not.toBeNull();
    const done = page.locator(DONE).last();
    const more = done.getByRole('button', { name: /^Xem thêm \d+ mục còn lại$/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    const items = done.locator('.more-list li');
    await items.first().waitFor();
    // The list shows what the answer promised, each item with its own citation.
    expect(await items.count()).toBe(Number(said![1]));
    expect(await done.locator('.more-list .cite').count()).toBe(Number(said![1]));
    expect(await done.getByRole('button', { name: 'Thu gọn danh sách' }).getAttribute('aria-expanded')).toBe('true');
    // The rest keeps to the year asked: each item's deadline names 2025, or is a standing one (every year).
    for (const text of await items.allTextContents()) expect(text).toMatch(/thời hạn: (?:[^)]*2025|Thường xuyên|Hằng năm)/);
    // The answer quotes no list bullet and no label cut inside a word.
    expect(answer).not.toMatch(/(^|[:;] )[-•] /);
    await done.locator('.more-list').scrollIntoViewIfNeeded();
    await shot(page, 'official-08-list-more-open');

    // Its first citation is a table row: drawn in a <table> under the header row, highlighted, no raw | or #.
    await done.getByRole('button', { name: /^Trích dẫn 1:/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Trích dẫn [1]' });
    await dialog.waitFor();
    await dialog.locator('table thead th').first().waitFor();
    expect(await dialog.locator('table thead th').allTextContents()).toEqual(['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Kết quả', 'Thời hạn']);
    const cited = await dialog.locator('table tr.cited td').allTextContents();
    expect(cited[2]).toContain('Bộ Khoa học và Công nghệ');
    expect(cited[5]).toContain('2025');
    expect(await dialog.locator('.passage').textContent()).not.toMatch(/[|#]/);
    await shot(page, 'official-09-viewer-table-citation');
    // The whole document: tables as tables, headings as headings, no Markdown left.
    await dialog.getByRole('button', { name: 'Đọc toàn văn bản' }).click();
    await page.locator(`${W} .doc-text tr.cited`).waitFor();
    const whole = (await page.locator(`${W} .doc-text`).textContent()) ?? '';
    expect(whole).not.toMatch(/\|\s*---|(^|\n)#{1,6} /);
    expect(await page.locator(`${W} .doc-text h5, ${W} .doc-text h6`).count()).toBeGreaterThan(0);
    await shot(page, 'official-10-viewer-whole-document');

    // A long table keeps its header row in sight: every header cell is sticky; the table scrolls in its own box,
    // opened at the cited row, and however far it is scrolled, the header row stays at the box's top over the rows.
    expect(await page.locator(`${W} .doc-text thead th`).evaluateAll((ths) => [...new Set(ths.map((th) => getComputedStyle(th).position))])).toEqual(['sticky']);
    const wrap = page.locator(`${W} .doc-text .table-wrap`).filter({ has: page.locator('tr.cited') });
    const at = (scrollTop: number | 'bottom') =>
      wrap.evaluate((el, to) => {
        el.scrollTop = to === 'bottom' ? el.scrollHeight : to;
        const box = el.getBoundingClientRect();
        const head = el.querySelector('thead th')!.getBoundingClientRect();
        const first = el.querySelector('tbody tr')!.getBoundingClientRect();
        const cited = el.querySelector('tr.cited')!.getBoundingClientRect();
        return { long: el.scrollHeight > el.clientHeight * 1.5, headAtTop: Math.abs(head.top - box.top) <= 1.5, firstBelowHead: first.top >= head.bottom - 1, citedInBox: cited.top >= head.bottom - 1 && cited.top < box.bottom, scrolled: el.scrollTop };
      }, scrollTop);
    const opened = await wrap.evaluate((el) => el.scrollTop);
    expect(opened).toBeGreaterThan(0);
    const atCited = await at(opened);
    expect(atCited).toMatchObject({ long: true, headAtTop: true, firstBelowHead: false, citedInBox: true });
    const atBottom = await at('bottom');
    expect(atBottom.headAtTop).toBe(true);
    expect(atBottom.scrolled).toBeGreaterThan(opened);
    expect(await at(0)).toMatchObject({ headAtTop: true, firstBelowHead: true });
    await at(opened);
    await shot(page, 'official-11-viewer-sticky-table-header');
    await context.close();
  }, 30_000);
});
