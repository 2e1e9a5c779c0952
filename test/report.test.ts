/**
 * `npm run report` on a generated fixture of 300 logged questions and 12 feedback records (test/helpers/usage-fixture),
 * against SQLite and a real PostgreSQL: the numbers the report computes, and the command itself (text and --json,
 * --since, a bad --since). The text printed is kept in test-artifacts/report-<backend>.txt.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, clusterRefused, parseSince, passagesOf, type Report } from '../src/report/report.js';
import { storeBackends } from './helpers/backends.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { FIXTURE_TOTAL, writeUsageFixture } from './helpers/usage-fixture.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const { backends, stop } = await storeBackends('report.test');
afterAll(() => stop());

describe('report pieces', () => {
  it('reads --since as a calendar date only', () => {
    expect(parseSince('2025-12-01')).toBe('2025-12-01');
    expect(parseSince('2025-02-30')).toBeUndefined();
    expect(parseSince('1/12/2025')).toBeUndefined();
  });

  it('clusters questions typed with and without accents by the terms most of them share', () => {
    const row = (question: string) => ({ id: question, at: '2025-12-01T00:00:00.000Z', question, outcome: 'refused' as const, missing: [], mode: 'extractive', latencyMs: 1, refusalCode: 'NO_EVIDENCE' });
    const clusters = clusterRefused([row('Mức phụ cấp công vụ cho cán bộ cấp xã?'), row('phu cap cong vu can bo cap xa bao nhieu?'), row('Giá vàng hôm nay bao nhiêu?')]);
    expect(clusters.map((c) => c.count)).toEqual([2, 1]);
    expect(clusters[0]!.terms.join(' ')).toBe('phụ cấp công vụ cán bộ xã');
  });
});

for (const backend of backends) {
  describe.skipIf(Boolean(backend.skip))(`npm run report — ${backend.name}`, () => {
    let server: TestServer;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      server = await startTestServer({ listen: false, config: backend.config });
      await writeUsageFixture(server.app.store);
      env = {
        ...process.env,
        DATA_DIR: server.config.DATA_DIR,
        INDEX_DIR: server.config.INDEX_DIR,
        DATABASE_URL: backend.config.DATABASE_URL ?? '',
        // The fixture is dated 2025: a retention of 90 days would (rightly) delete it before reporting.
        QUESTION_LOG_DAYS: '100000',
      };
    }, 60_000);
    afterAll(() => server?.close());

    it('counts questions, refusals by what was missing, clusters and feedback', async () => {
      const questions = await server.app.store.listQuestions();
      expect(questions).toHaveLength(FIXTURE_TOTAL);
      const report = buildReport(questions, await server.app.store.listFeedback(), { passage: passagesOf(server.engines.get().documents) });
      expect(report.totals).toEqual({ questions: 300, answered: 150, refused: 150, refusedShare: 0.5 });
      expect(report.perDay.reduce((n, d) => n + d.answered + d.refused, 0)).toBe(300);
      expect(report.perDay.length).toBeGreaterThan(15);
      expect(report.missing.documents).toEqual([{ text: '88/2026/QH15', count: 34 }, { text: '12/2025/NĐ-CP', count: 17 }]);
      expect(report.missing.places).toEqual([{ text: 'Điện Biên', count: 22 }, { text: 'Lai Châu', count: 9 }]);
      expect(report.missing.names).toEqual([{ text: 'Nguyễn Văn An', count: 8 }]);
      expect(report.missing.topics[0]).toEqual({ text: 'phụ cấp công vụ cán bộ xã', count: 28 });
      expect(report.refusalCodes[0]).toEqual({ text: 'DOCUMENT_MISSING', count: 51 });
      expect(report.refusedClusters[0]).toMatchObject({ terms: ['phụ', 'cấp', 'công', 'vụ', 'cán', 'bộ', 'xã'], count: 28, codes: ['NO_EVIDENCE'] });
      expect(report.refusedClusters[0]!.questions).toHaveLength(3);
      expect(report.feedback).toEqual({ up: 8, down: 4, downUnhandled: 4 });
      // Thumbs-down with a comment first, each with the passage it cited, read from the index.
      expect(report.thumbsDown.map((f) => Boolean(f.comment))).toEqual([true, true, true, false]);
      const cited = report.thumbsDown.find((f) => f.passage?.documentId === 'kh-20-chuyen-doi-so')!;
      expect(cited.passage!.title).toContain('Kế hoạch 20/KH-UBND');
      expect(cited.passage!.text.length).toBeGreaterThan(50);
      expect(report.slowest[0]!.latencyMs).toBeGreaterThanOrEqual(900);
      expect(report.slowest.map((s) => s.latencyMs)).toEqual([...report.slowest.map((s) => s.latencyMs)].sort((a, b) => b - a));
    });

    it('prints the report, and --json --since gives the same numbers for those days only', async () => {
      const text = (await run(process.execPath, ['--import', 'tsx', 'scripts/report.ts'], { cwd: ROOT, env })).stdout;
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, `report-${backend.name}.txt`), text);
      expect(text).toContain('Câu hỏi: 300 · trả lời được 150 · từ chối 150 (50.0%)');
      expect(text).toMatch(/34 {2}88\/2026\/QH15/);
      expect(text).toContain('Điện Biên');
      expect(text).toContain('góp ý: Tỉnh đã đổi giờ làm việc mùa hè');
      expect(text).toContain('đoạn trích dẫn [Quyết định 15/QĐ-UBND');

      const since = '2025-12-01';
      const json = JSON.parse((await run(process.execPath, ['--import', 'tsx', 'scripts/report.ts', '--since', since, '--json'], { cwd: ROOT, env })).stdout) as Report;
      const expected = (await server.app.store.listQuestions()).filter((q) => q.at >= since);
      expect(json.since).toBe(since);
      expect(json.totals.questions).toBe(expected.length);
      expect(json.totals.refused).toBe(expected.filter((q) => q.outcome === 'refused').length);
      expect(json.perDay.every((d) => d.day >= since)).toBe(true);
      expect(json.missing.documents[0]!.count).toBe(expected.filter((q) => q.missing.includes('88/2026/QH15')).length);
    }, 60_000);

    it('refuses a bad --since with BAD_REQUEST and exit code 2', async () => {
      const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/report.ts', '--since', '01/12/2025'], { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toContain('BAD_REQUEST');
    }, 30_000);
  });
}
