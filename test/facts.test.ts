/**
 * The facts registry: extraction from action-plan tables (header variants) and prose, agency aliases, the real
 * NQ 03/NQ-CP appendices and NQ 57-NQ/TW targets (read from ../shared/, skipped with a message where it is absent),
 * storage in the index version, and `GET /api/facts` on a real index.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, agencyNamed, refDenotes, splitAgencies } from '../src/facts/agencies.js';
import { extractFacts } from '../src/facts/extract.js';
import { findFacts } from '../src/facts/registry.js';
import type { DeadlineFact, DocRefFact, Fact, ResponsibilityFact, TargetFact } from '../src/facts/types.js';
import { normalizeDue, parseNumber, parseTargetValue } from '../src/facts/values.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, type StoredDocument } from '../src/index/store.js';
import { chunkDocument } from '../src/ingest/chunk.js';
import { loadFile } from '../src/ingest/loaders/index.js';
import { SearchEngine } from '../src/retrieve/engine.js';
import { squash } from '../src/text/normalize.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const hasShared = existsSync(path.join(SHARED, 'corpus/nq-03-cp-2025.md'));
if (!hasShared) console.warn(`[facts] ${SHARED} is absent: extraction from the official texts and seeds is skipped.`);

/** A stored document over a text, as ingest makes it (no loader). */
function docOf(id: string, text: string, meta: StoredDocument['meta'] = {}): { document: StoredDocument; facts: Fact[] } {
  const document: StoredDocument = { id, file: `${id}.md`, hash: '', meta, text };
  return { document, facts: extractFacts(document, chunkDocument(id, text)) };
}

async function loadShared(relative: string): Promise<{ document: StoredDocument; facts: Fact[] }> {
  const file = path.join(SHARED, relative);
  const loaded = await loadFile(file);
  const id = path.basename(file).replace(/\.[^.]+$/, '');
  const document: StoredDocument = { id, file: relative, hash: '', meta: loaded.meta, text: loaded.text, pages: loaded.pages };
  return { document, facts: extractFacts(document, chunkDocument(id, loaded.text, loaded.pages)) };
}

const of = <K extends Fact['kind']>(facts: Fact[], kind: K) => facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);

/** The value a fact is about, as its span must show it. */
function valueOf(fact: Fact, text: string): string {
  if (fact.kind === 'target') return fact.value;
  if (fact.kind === 'deadline') return fact.due;
  if (fact.kind === 'responsibility') return text.slice(fact.highlight.start, fact.highlight.end);
  return fact.written;
}

/** Every fact points at the exact text it was read from. */
function expectSpans(document: StoredDocument, facts: Fact[]): void {
  const { text } = document;
  for (const fact of facts) {
    const where = `${fact.id} (${fact.kind})`;
    expect(fact.start, where).toBeGreaterThanOrEqual(0);
    expect(fact.end, where).toBeLessThanOrEqual(text.length);
    expect(fact.highlight.start, where).toBeGreaterThanOrEqual(fact.start);
    expect(fact.highlight.end, where).toBeLessThanOrEqual(fact.end);
    const source = squash(text.slice(fact.start, fact.end));
    expect(source, where).toContain(squash(valueOf(fact, text)));
    expect(squash(text.slice(fact.highlight.start, fact.highlight.end)), where).toBe(squash(valueOf(fact, text)));
    if (fact.kind === 'responsibility') {
      // The lead is in the source, or (a "Chủ trì …" item) in the heading above it.
      for (const lead of fact.lead) expect(source.includes(squash(lead.written)) || lead.end <= fact.start, where).toBe(true);
    }
    const refs = fact.kind === 'responsibility' ? [...fact.lead, ...fact.partners] : fact.kind === 'docref' ? [] : [...(fact.lead ?? []), ...('partners' in fact ? (fact.partners ?? []) : [])];
    for (const ref of refs) expect(text.slice(ref.start, ref.end), where).toBe(ref.written);
  }
}

describe('values', () => {
  it('reads Vietnamese numbers', () => {
    expect(parseNumber('0,7')).toBe(0.7);
    expect(parseNumber('96,2')).toBe(96.2);
    expect(parseNumber('5.500')).toBe(5500);
    expect(parseNumber('09')).toBe(9);
  });

  it('reads target values with their comparator', () => {
    expect(parseTargetValue('≥ 30')).toEqual({ comparator: '≥', op: '>=', amount: 30 });
    expect(parseTargetValue('>= 30')).toMatchObject({ op: '>=', amount: 30 });
    expect(parseTargetValue('tối thiểu 2%')).toMatchObject({ comparator: 'tối thiểu', op: '>=', amount: 2 });
    expect(parseTargetValue('40 - 50')).toMatchObject({ op: 'range', amount: 40, amountMax: 50 });
    expect(parseTargetValue('20% - 50%')).toMatchObject({ op: 'range', amount: 20, amountMax: 50 });
    expect(parseTargetValue('Đạt mức trên trung bình của thế giới')).toEqual({ comparator: 'Đạt', op: '=' });
  });

  it('normalises due dates as written', () => {
    expect(normalizeDue('6/2025')).toEqual({ month: 6, year: 2025 });
    expect(normalizeDue('Tháng 10/2025')).toEqual({ month: 10, year: 2025 });
    expect(normalizeDue('tháng 01 năm 2025')).toEqual({ month: 1, year: 2025 });
    expect(normalizeDue('Quý II/2025')).toEqual({ quarter: 2, year: 2025 });
    expect(normalizeDue('quý 2/2025')).toEqual({ quarter: 2, year: 2025 });
    expect(normalizeDue('trước năm 2030')).toEqual({ before: true, year: 2030 });
    expect(normalizeDue('trước ngày 15/6/2025')).toEqual({ before: true, day: 15, month: 6, year: 2025 });
    expect(normalizeDue('Thường xuyên')).toEqual({ recurring: true });
    expect(normalizeDue('Hằng năm')).toEqual({ recurring: true });
    expect(normalizeDue('2025 và những năm tiếp theo')).toEqual({ recurring: true, year: 2025 });
    expect(normalizeDue('2025 - 2026')).toEqual({ fromYear: 2025, year: 2026 });
    expect(normalizeDue('2025')).toEqual({ year: 2025 });
    expect(normalizeDue('trước ngày 15 tháng 6')).toEqual({ before: true, day: 15, month: 6, recurring: true });
    expect(normalizeDue('khi có yêu cầu')).toBeUndefined();
  });
});

describe('agencies', () => {
  it('resolves aliases and abbreviations to canonical names with their 2025 successor', () => {
    const [ref] = splitAgencies('Bộ TT&TT');
    expect(ref).toMatchObject({ name: 'Bộ Thông tin và Truyền thông', written: 'Bộ TT&TT', known: true, mergedInto: 'Bộ Khoa học và Công nghệ' });
    expect(agencyNamed('Sở KH&CN')?.name).toBe('Sở Khoa học và Công nghệ');
    expect(agencyNamed('bo tt&tt')?.name).toBe('Bộ Thông tin và Truyền thông');
    expect(agencyNamed('VTV')?.name).toBe('Đài Truyền hình Việt Nam');
  });

  it('splits agency lists as cells and sentences write them', () => {
    const names = (text: string) => splitAgencies(text).map((r) => r.name);
    expect(names('Bộ Công an, Bộ Thông tin và Truyền thông và các bộ, ngành')).toEqual(['Bộ Công an', 'Bộ Thông tin và Truyền thông', 'các bộ, ngành']);
    expect(names('Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ')).toEqual(['Bộ Thông tin và Truyền thông', 'Bộ Khoa học và Công nghệ']);
    expect(names('Ban Tuyên giáo Trung ương; các bộ, ngành, địa phương; VTV, VOV, TTXVN')).toEqual([
      'Ban Tuyên giáo Trung ương',
      'các bộ, ngành, địa phương',
      'Đài Truyền hình Việt Nam',
      'Đài Tiếng nói Việt Nam',
      'Thông tấn xã Việt Nam',
    ]);
    // A comma inside a name is not a separator; an unknown name is kept whole.
    expect(names('Bộ Văn hóa, Thể thao và Du lịch')).toEqual(['Bộ Văn hóa, Thể thao và Du lịch']);
    expect(names('Ủy ban Quốc phòng và An ninh, Bộ TT&TT')).toEqual(['Ủy ban Quốc phòng và An ninh', 'Bộ Thông tin và Truyền thông']);
  });

  it('matches merged agencies only when asked', () => {
    const ict = AGENCIES.find((a) => a.name === 'Bộ Khoa học và Công nghệ')!;
    const [ref] = splitAgencies('Bộ Thông tin và Truyền thông');
    expect(refDenotes(ref!, ict)).toBe(false);
    expect(refDenotes(ref!, ict, true)).toBe(true);
    expect(refDenotes({ name: 'Giám đốc Sở KH&CN', written: 'Giám đốc Sở KH&CN', known: false }, agencyNamed('Sở Khoa học và Công nghệ')!)).toBe(true);
  });
});

const TABLES = `# Kế hoạch 45/KH-UBND thực hiện chuyển đổi số năm 2025

## I. Chỉ tiêu

| TT | Chỉ tiêu | Đơn vị | Kết quả/Mục tiêu | Cơ quan chủ trì theo dõi, đánh giá |
|---|---|---|---|---|
| I | Đến năm 2030 | | | |
| 1 | Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình | % | ≥ 80 | Văn phòng UBND tỉnh |
| 2 | Doanh nghiệp công nghệ số trên địa bàn | doanh nghiệp | tối thiểu 200 | Sở KH&CN |
| II | Đến năm 2045 | | | |
| 3 | Quy mô kinh tế số | % GRDP | 40 - 50 | Sở Tài chính |

## II. Nhiệm vụ

| STT | Nội dung công việc | Đơn vị chủ trì | Phối hợp | Sản phẩm | Thời hạn |
|---|---|---|---|---|---|
| 1. | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở TT&TT | Sở Tài chính; các sở, ngành | Kho dữ liệu | Quý II/2025 |
| 2. | Bồi dưỡng kỹ năng số cho cán bộ cấp xã | Sở Nội vụ | UBND các huyện | Lớp bồi dưỡng | Hằng năm |
| 3. | Ban hành quy chế khai thác dữ liệu | Văn phòng UBND tỉnh | | Quyết định | tháng 12/2025 |

## III. Phân công bổ sung

| Nhiệm vụ | Chủ trì | Thời gian hoàn thành |
|---|---|---|
| Tổng kết 5 năm thực hiện Đề án 06 | Công an tỉnh | 2026 |
`;

describe('extraction from tables', () => {
  const { document, facts } = docOf('kh-45', TABLES, { number: '45/KH-UBND' });

  it('reads targets with the group row year, unit and monitoring agency', () => {
    const targets = of(facts, 'target');
    expect(targets.map((t) => [t.item, t.indicator, t.value, t.unit, t.year])).toEqual([
      ['1', 'Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình', '≥ 80', '%', 2030],
      ['2', 'Doanh nghiệp công nghệ số trên địa bàn', 'tối thiểu 200', 'doanh nghiệp', 2030],
      ['3', 'Quy mô kinh tế số', '40 - 50', '% GRDP', 2045],
    ]);
    expect(targets[0]).toMatchObject({ comparator: '≥', op: '>=', amount: 80, origin: 'table', section: ['Kế hoạch 45/KH-UBND thực hiện chuyển đổi số năm 2025', 'I. Chỉ tiêu', 'I', '1.'] });
    expect(targets[1]!.lead?.[0]).toMatchObject({ name: 'Sở Khoa học và Công nghệ', written: 'Sở KH&CN', known: true });
    expect(targets[2]).toMatchObject({ op: 'range', amount: 40, amountMax: 50 });
  });

  it('reads responsibilities and deadlines whatever the header names', () => {
    const resp = of(facts, 'responsibility');
    expect(resp.map((r) => [r.task, r.lead.map((l) => l.name), r.partners.map((p) => p.name), r.output, r.due])).toEqual([
      ['Xây dựng kho dữ liệu dùng chung của tỉnh', ['Sở Thông tin và Truyền thông'], ['Sở Tài chính', 'các sở, ngành'], 'Kho dữ liệu', 'Quý II/2025'],
      ['Bồi dưỡng kỹ năng số cho cán bộ cấp xã', ['Sở Nội vụ'], ['UBND các huyện'], 'Lớp bồi dưỡng', 'Hằng năm'],
      ['Ban hành quy chế khai thác dữ liệu', ['Văn phòng Ủy ban nhân dân tỉnh'], [], 'Quyết định', 'tháng 12/2025'],
      ['Tổng kết 5 năm thực hiện Đề án 06', ['Công an tỉnh'], [], undefined, '2026'],
    ]);
    const deadlines = of(facts, 'deadline');
    expect(deadlines.map((d) => [d.due, d.normalized])).toEqual([
      ['Quý II/2025', { quarter: 2, year: 2025 }],
      ['Hằng năm', { recurring: true }],
      ['tháng 12/2025', { month: 12, year: 2025 }],
      ['2026', { year: 2026 }],
    ]);
    expect(deadlines[0]!.lead?.[0]?.mergedInto).toBe('Sở Khoa học và Công nghệ');
  });

  it('gives every fact its exact span and chunk', () => {
    expectSpans(document, facts);
    const chunks = new Set(chunkDocument('kh-45', TABLES).map((c) => c.id));
    for (const f of facts) expect(chunks.has(f.chunkId!)).toBe(true);
  });
});

const PROSE = `# Kế hoạch 12/KH-UBND về phát triển kinh tế số

## I. MỤC TIÊU

1. Đến năm 2030

- Tỷ trọng kinh tế số trong GRDP đạt 30%; chi cho nghiên cứu phát triển đạt 2% GDP, trong đó kinh phí từ xã hội chiếm hơn 60%.
- Tối thiểu có 50 doanh nghiệp công nghệ số hoạt động trên địa bàn.

Đến hết năm 2027, 90% hồ sơ thủ tục hành chính được giải quyết trực tuyến.

## II. KẾT QUẢ NĂM 2024

Tỉnh đã đạt 95% hồ sơ trực tuyến, vượt mục tiêu đề ra.

## III. TỔ CHỨC THỰC HIỆN

1. Giao Sở KH&CN chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ xây dựng kế hoạch chi tiết, hoàn thành trong năm 2025.

2. Bộ Tài chính chủ trì, phối hợp với Bộ Kế hoạch và Đầu tư bảo đảm kinh phí thực hiện hằng năm.

3. Thành lập Ban Chỉ đạo chuyển đổi số của tỉnh do Bí thư Tỉnh ủy làm Trưởng ban.

4. Các sở, ngành báo cáo kết quả thực hiện trước ngày 15/6/2025. Tỉnh phấn đấu trở thành thành phố trực thuộc Trung ương trước năm 2030.

5. Kế hoạch này thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số 138/KH-UBND ngày 21/5/2025 của UBND tỉnh.
`;

describe('extraction from prose', () => {
  const { document, facts } = docOf('kh-12', PROSE, { number: '12/KH-UBND' });

  it('reads forward-looking targets with indicator, comparator, unit and year', () => {
    const targets = of(facts, 'target').map((t) => [t.indicator, t.value, t.comparator, t.unit, t.year]);
    expect(targets).toEqual([
      ['Tỷ trọng kinh tế số trong GRDP', '30%', undefined, '%', 2030],
      ['chi cho nghiên cứu phát triển', '2% GDP', undefined, '% GDP', 2030],
      ['kinh phí từ xã hội', 'hơn 60%', 'hơn', '%', 2030],
      ['doanh nghiệp công nghệ số hoạt động trên địa bàn', 'Tối thiểu có 50 doanh nghiệp', 'Tối thiểu', 'doanh nghiệp', 2030],
      ['hồ sơ thủ tục hành chính được giải quyết trực tuyến', '90%', undefined, '%', 2027],
    ]);
    // A result ("đã đạt 95%, vượt mục tiêu") is not a target.
    expect(of(facts, 'target').some((t) => t.value.includes('95'))).toBe(false);
  });

  it('reads a rank as a target ("thuộc nhóm 30 nước dẫn đầu …")', () => {
    const { facts: ranked } = docOf('nq-rank', 'Đến năm 2045, Việt Nam thuộc nhóm 30 nước dẫn đầu thế giới về đổi mới sáng tạo.', { number: '9/NQ-TW' });
    expect(of(ranked, 'target').map((t) => [t.indicator, t.value, t.amount, t.year])).toEqual([
      ['nước dẫn đầu thế giới về đổi mới sáng tạo', 'nhóm 30 nước', 30, 2045],
    ]);
  });

  it('reads who leads, who co-operates and by when', () => {
    const resp = of(facts, 'responsibility');
    const sokhcn = resp.find((r) => r.lead[0]!.name === 'Sở Khoa học và Công nghệ')!;
    expect(sokhcn).toMatchObject({ role: 'chủ trì', due: 'trong năm 2025', normalized: { year: 2025 } });
    expect(sokhcn.partners.map((p) => p.name)).toEqual(['Sở Tài chính', 'Sở Nội vụ']);
    expect(sokhcn.task).toMatch(/^xây dựng kế hoạch chi tiết/);
    const btc = resp.find((r) => r.lead[0]!.name === 'Bộ Tài chính')!;
    expect(btc.partners.map((p) => p.name)).toEqual(['Bộ Kế hoạch và Đầu tư']);
    expect(btc.task).toBe('bảo đảm kinh phí thực hiện hằng năm');
    const chief = resp.find((r) => r.role === 'Trưởng ban')!;
    expect(chief.lead[0]!.written).toBe('Bí thư Tỉnh ủy');
    expect(chief.task).toBe('Thành lập Ban Chỉ đạo chuyển đổi số của tỉnh');
  });

  it('reads deadlines in sentences', () => {
    const deadlines = of(facts, 'deadline').map((d) => [d.due, d.normalized]);
    expect(deadlines).toEqual([
      ['trong năm 2025', { year: 2025 }],
      ['trước ngày 15/6/2025', { before: true, day: 15, month: 6, year: 2025 }],
      ['trước năm 2030', { before: true, year: 2030 }],
    ]);
    const first = of(facts, 'deadline')[0]!;
    expect(first.lead?.[0]?.name).toBe('Sở Khoa học và Công nghệ');
  });

  it('reads references to other documents with date and issuer', () => {
    const refs = of(facts, 'docref');
    expect(refs.map((r) => [r.key, r.number, r.type, r.date, r.issuer])).toEqual([
      ['nq:57', '57-NQ/TW', 'Nghị quyết', '2024-12-22', 'Bộ Chính trị'],
      ['kh:138', '138/KH-UBND', 'Kế hoạch', '2025-05-21', 'UBND tỉnh'],
    ]);
    expect(refs[0]!.written).toBe('Nghị quyết số 57-NQ/TW');
  });

  it('gives every fact its exact span', () => expectSpans(document, facts));
});

describe.skipIf(!hasShared)('the official texts', () => {
  it('reads NQ 03/NQ-CP Phụ lục I (targets) and Phụ lục II (tasks)', async () => {
    const { document, facts } = await loadShared('corpus/nq-03-cp-2025.md');
    expectSpans(document, facts);
    const targets = of(facts, 'target').filter((t) => t.section[0] === 'Phụ lục I');
    expect(targets.length).toBeGreaterThanOrEqual(35);
    const tasks = of(facts, 'responsibility').filter((r) => r.section[0] === 'Phụ lục II');
    expect(tasks.filter((t) => t.lead.length && t.due).length).toBeGreaterThanOrEqual(120);
    expect(of(facts, 'deadline').filter((d) => d.section[0] === 'Phụ lục II').length).toBeGreaterThanOrEqual(120);

    const task14 = tasks.find((t) => t.item === '14')!;
    expect(task14.lead.map((l) => l.name)).toEqual(['Bộ Khoa học và Công nghệ']);
    expect(task14).toMatchObject({ due: '2025', normalized: { year: 2025 }, output: 'Luật của Quốc hội', section: ['Phụ lục II', 'II', '14.'] });
    expect(task14.partners.map((p) => p.name)).toEqual(expect.arrayContaining(['Bộ Công an', 'Bộ Lao động - Thương binh và Xã hội', 'Thanh tra Chính phủ']));
    const task1 = tasks.find((t) => t.item === '1')!;
    expect(task1).toMatchObject({ due: '6/2025', normalized: { month: 6, year: 2025 }, output: 'Quyết định của Thủ tướng Chính phủ' });
    expect(task1.lead[0]).toMatchObject({ name: 'Bộ Thông tin và Truyền thông', mergedInto: 'Bộ Khoa học và Công nghệ' });
    expect(task1.partners.map((p) => p.name)).toContain('Đài Truyền hình Việt Nam');
    expect(tasks.find((t) => t.item === '8')!.lead.map((l) => l.name)).toEqual(['Bộ Thông tin và Truyền thông', 'Bộ Khoa học và Công nghệ']);
    const deadlines = of(facts, 'deadline');
    expect(deadlines.find((d) => d.item === '16')).toMatchObject({ due: 'Tháng 10/2025', normalized: { month: 10, year: 2025 } });
    expect(deadlines.find((d) => d.item === '123')).toMatchObject({ due: 'Quý II/2025', normalized: { quarter: 2, year: 2025 } });
    expect(deadlines.find((d) => d.item === '76')).toMatchObject({ normalized: { year: 2025, recurring: true } });

    const digital = targets.find((t) => t.item === '10')!;
    expect(digital).toMatchObject({ indicator: 'Quy mô kinh tế số', value: '≥ 30', op: '>=', amount: 30, unit: '% GDP', year: 2030 });
    expect(digital.lead?.[0]?.name).toBe('Bộ Thông tin và Truyền thông');
    expect(targets.find((t) => t.item === '36')).toMatchObject({ indicator: 'Quy mô kinh tế số', value: '≥ 50', year: 2045 });
    expect(targets.find((t) => t.item === '14')).toMatchObject({ value: '> 0,7', op: '>', amount: 0.7 });
    expect(targets.find((t) => t.item === '11.2')).toMatchObject({ value: '90', unit: '%', year: 2030 });
    expect(targets.some((t) => t.item === '11')).toBe(false);
  });

  it('reads the prose targets of NQ 57-NQ/TW', async () => {
    const { document, facts } = await loadShared('corpus/nq-57-tw-2024.md');
    expectSpans(document, facts);
    const targets = of(facts, 'target');
    expect(targets.length).toBeGreaterThanOrEqual(15);
    const find = (indicator: RegExp, year: number) => targets.find((t) => indicator.test(t.indicator) && t.year === year);
    expect(find(/^Quy mô kinh tế số$/i, 2030)).toMatchObject({ value: 'tối thiểu 30% GDP', op: '>=', amount: 30, unit: '% GDP' });
    expect(find(/^quy mô kinh tế số$/i, 2045)).toMatchObject({ value: 'tối thiểu 50% GDP', amount: 50 });
    expect(find(/nghiên cứu phát triển \(R&D\)/, 2030)).toMatchObject({ value: '2% GDP', amount: 2, unit: '% GDP' });
    expect(find(/dịch vụ công trực tuyến/, 2030)).toMatchObject({ value: 'trên 80%', op: '>' });
    const leads = of(facts, 'responsibility').map((r) => r.lead[0]!.name);
    expect(leads).toEqual(expect.arrayContaining(['Đảng đoàn Quốc hội', 'Ban cán sự đảng Chính phủ', 'Ban Tuyên giáo Trung ương']));
  });

  it('reads the seeds (news reports)', async () => {
    const seeds = (await readdir(path.join(SHARED, 'seeds'))).sort();
    const all: Fact[] = [];
    for (const name of seeds) {
      const { document, facts } = await loadShared(`seeds/${name}`);
      expectSpans(document, facts);
      all.push(...facts);
    }
    expect(of(all, 'target').find((t) => /kinh tế số trong GRDP/.test(t.indicator))).toMatchObject({ value: '30%' });
    expect(of(all, 'responsibility').filter((r) => r.role === 'Trưởng ban' && r.lead[0]!.written === 'Bí thư Tỉnh ủy').length).toBeGreaterThanOrEqual(2);
    expect(of(all, 'docref').some((r) => r.number === '138/KH-UBND' && r.date === '2025-05-21')).toBe(true);
  });

  it('keeps every span exact on every official text', async () => {
    for (const name of await readdir(path.join(SHARED, 'corpus'))) {
      const { document, facts } = await loadShared(`corpus/${name}`);
      expectSpans(document, facts);
    }
  });
});

describe('findFacts', () => {
  const { document: d1, facts: f1 } = docOf('kh-45', TABLES, { number: '45/KH-UBND' });
  const { document: d2, facts: f2 } = docOf('kh-12', PROSE, { number: '12/KH-UBND' });
  const facts = [...f1, ...f2];
  const documents = new Map([d1, d2].map((d) => [d.id, d]));

  it('filters by kind, agency alias, year, words without accents and document number', () => {
    expect(findFacts(facts, { kind: 'target', year: 2045 }).map((f) => (f as TargetFact).indicator)).toEqual(['Quy mô kinh tế số']);
    const sotttt = findFacts(facts, { agency: 'Sở Thông tin và Truyền thông' });
    expect(sotttt.map((f) => f.kind)).toEqual(['responsibility', 'deadline']);
    expect(findFacts(facts, { agency: 'Sở KH&CN' }).length).toBeGreaterThan(0);
    // Sở TT&TT was merged into Sở KH&CN in 2025.
    const merged = findFacts(facts, { agency: 'Sở KH&CN', includeMerged: true });
    expect(merged.length).toBeGreaterThan(findFacts(facts, { agency: 'Sở KH&CN' }).length);
    expect(findFacts(facts, { q: 'ho so truc tuyen', kind: 'target' }).map((f) => (f as TargetFact).value)).toEqual(['≥ 80', '90%']);
    expect(findFacts(facts, { q: 'tỉ trọng kinh tế số' }).map((f) => (f as TargetFact).value)).toEqual(['30%']);
    expect(findFacts(facts, { kind: 'deadline', year: 2025 }).map((f) => (f as DeadlineFact).due)).toEqual(['Quý II/2025', 'tháng 12/2025', 'trong năm 2025', 'trước ngày 15/6/2025']);
    expect(findFacts(facts, { document: 'KH 12' }, documents).every((f) => f.documentId === 'kh-12')).toBe(true);
    expect(findFacts(facts, { document: '45/KH-UBND', kind: 'responsibility' }, documents)).toHaveLength(4);
    expect(findFacts(facts, { kind: 'docref', agency: 'Bộ Chính trị' }).map((f) => (f as DocRefFact).key)).toEqual(['nq:57']);
    expect(findFacts(facts, { agency: 'Bí thư Tỉnh ủy' }).map((f) => (f as ResponsibilityFact).role)).toEqual(['Trưởng ban']);
  });
});

describe('facts in the index and GET /api/facts', () => {
  let server: TestServer;
  const get = (query: string) => server.app.inject({ method: 'GET', url: `/api/facts${query}` });

  beforeAll(async () => {
    server = await startTestServer({ docs: { 'kh-45.md': `---\ntitle: "Kế hoạch 45/KH-UBND"\nnumber: "45/KH-UBND"\n---\n\n${TABLES}`, 'kh-12.md': `---\ntitle: "Kế hoạch 12/KH-UBND"\nnumber: "12/KH-UBND"\n---\n\n${PROSE}` }, listen: false });
  });
  afterAll(async () => server?.close());

  it('writes facts.json into the index version and loads it', async () => {
    const indexDir = path.join(server.dir, 'index');
    const version = await currentVersion(indexDir);
    expect(existsSync(path.join(indexDir, 'versions', version!, 'facts.json'))).toBe(true);
    const engine = server.engines.get();
    expect(engine.facts.length).toBeGreaterThan(20);
    // An index written before the registry (no facts.json) still loads; its facts are read from the text.
    await rm(path.join(indexDir, 'versions', version!, 'facts.json'));
    const older = await SearchEngine.load(indexDir, chooseEmbeddings({}));
    expect(older.facts.map((f) => f.id)).toEqual(engine.facts.map((f) => f.id));
  });

  it('filters by kind and agency alias', async () => {
    const res = await get(`?kind=responsibility&agency=${encodeURIComponent('Sở TT&TT')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    const fact = body.facts[0];
    expect(fact).toMatchObject({ kind: 'responsibility', task: 'Xây dựng kho dữ liệu dùng chung của tỉnh', due: 'Quý II/2025', document: { id: 'kh-45', title: 'Kế hoạch 45/KH-UBND', number: '45/KH-UBND' } });
    expect(fact.lead[0]).toMatchObject({ name: 'Sở Thông tin và Truyền thông', known: true });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/documents/kh-45' })).json();
    expect(doc.text.slice(fact.start, fact.end)).toBe(fact.text);
    expect(fact.text).toContain('Quý II/2025');
  });

  it('filters by year, words without accents and document; pages', async () => {
    const targets2030 = (await get('?kind=target&year=2030')).json();
    expect(targets2030.facts.every((f: TargetFact) => f.year === 2030)).toBe(true);
    expect(targets2030.total).toBe(6);
    const words = (await get(`?q=${encodeURIComponent('ty trong kinh te so')}`)).json();
    expect(words.facts.map((f: TargetFact) => f.value)).toEqual(['30%']);
    const byDocument = (await get(`?document=${encodeURIComponent('KH 12')}&kind=deadline`)).json();
    expect(byDocument.total).toBe(3);
    const page = (await get('?limit=2&offset=1')).json();
    expect(page.facts).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
  });

  it('answers 400 BAD_REQUEST to bad queries', async () => {
    for (const query of ['?kind=chi-tieu', '?year=20x5', '?limit=0', '?limit=abc', '?offset=-1', '?colour=red', '?merged=yes']) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('BAD_REQUEST');
    }
  });

  it('reports facts per file at ingest', async () => {
    const { ingestCorpus } = await import('../src/ingest/ingest.js');
    const report = await ingestCorpus({ corpusDir: path.join(server.dir, 'corpus'), indexDir: path.join(server.dir, 'index'), embeddings: chooseEmbeddings({}) });
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f.facts]));
    expect(byFile['kh-45.md']).toEqual({ target: 3, deadline: 4, responsibility: 4, docref: 1 });
    expect(byFile['kh-12.md']).toMatchObject({ target: 5, deadline: 3, docref: 2 });
  });
});
