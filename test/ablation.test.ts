/**
 * The ablation's variants (scripts/lib/ablation.ts): one per declared value, each restored after it runs, and a value
 * moved is seen by the next question asked of an engine already built (the weights are read live).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOver } from '../src/eval/run.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { SearchEngine } from '../src/retrieve/engine.js';
import { GATES, PASSAGE, QUERY, SENTENCE } from '../src/weights.js';
import { changedAnswers, measure, variantsOf, withVariant, type AblationSet, type Variant } from '../scripts/lib/ablation.js';
import { readCorpus } from '../scripts/lib/corpus.js';

let root: string;
let engine: SearchEngine;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tlcv-ablation-'));
  const dir = path.join(root, 'corpus');
  await mkdir(dir);
  await writeFile(
    path.join(dir, 'bao-cao.md'),
    [
      '---',
      'title: "Quy định chế độ báo cáo định kỳ"',
      'number: "07/2025/QĐ-UBND"',
      '---',
      '# Quy định chế độ báo cáo định kỳ',
      '',
      '## Điều 3. Thời hạn gửi báo cáo',
      'Các sở, ngành gửi báo cáo định kỳ hằng quý về Văn phòng Ủy ban nhân dân tỉnh trước ngày 20 của tháng cuối quý.',
      '',
      '## Điều 4. Hình thức báo cáo',
      'Báo cáo được gửi qua Hệ thống thông tin báo cáo của tỉnh, có chữ ký số của thủ trưởng cơ quan.',
    ].join('\n'),
  );
  engine = await engineOver(await readCorpus([dir]), chooseEmbeddings({}));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const set = (): AblationSet => ({
  name: 'tiny',
  kind: 'questions',
  engine,
  questions: [{ id: 'a1', kind: 'deadline', question: 'Các sở gửi báo cáo định kỳ hằng quý trước ngày nào?', expect: [['ngày 20']] }],
});
const correct = (m: Awaited<ReturnType<typeof measure>>) => m.tuning.correct + m.heldout.correct;

describe('ablation variants', () => {
  it('moves every declared value: weights to zero (the fusion k to 30 and 120), gates by × 0.8 and × 1.2', () => {
    const variants = variantsOf();
    const expected = [
      ...Object.keys(PASSAGE).flatMap((k) => (k === 'fusionK' ? [`PASSAGE.fusionK = 30`, `PASSAGE.fusionK = 120`] : [`PASSAGE.${k} = 0`])),
      ...Object.keys(QUERY).map((k) => `QUERY.${k} = 0`),
      ...Object.keys(SENTENCE).map((k) => `SENTENCE.${k} = 0`),
      ...Object.keys(GATES).flatMap((k) => [`GATES.${k} × 0.8`, `GATES.${k} × 1.2`]),
    ];
    expect(variants.map((v) => `${v.value} ${v.change}`)).toEqual(expected);
    expect(variants.find((v) => v.value === 'GATES.minCoverage' && v.change === '× 1.2')!.to).toBeCloseTo(GATES.minCoverage * 1.2);
  });

  it('a gate moved is read by the next question of an engine already built, and is put back after the run', async () => {
    const baseline = await measure(set());
    expect(correct(baseline)).toBe(1);
    const declared = GATES.minCoverage;
    const refuseAll: Variant = { value: 'GATES.minCoverage', group: 'GATES', key: 'minCoverage', to: 2, change: '= 2' };
    const moved = await withVariant(refuseAll, async () => {
      expect(GATES.minCoverage).toBe(2);
      return measure(set());
    });
    expect(correct(moved)).toBe(0);
    expect(changedAnswers(baseline, moved)).toBe(1);
    expect(GATES.minCoverage).toBe(declared);
    const after = await measure(set());
    expect(changedAnswers(baseline, after)).toBe(0);
  });

  it('puts the value back when the run throws', async () => {
    const declared = PASSAGE.heading;
    const variant = variantsOf().find((v) => v.value === 'PASSAGE.heading')!;
    await expect(
      withVariant(variant, async () => {
        expect(PASSAGE.heading).toBe(0);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(PASSAGE.heading).toBe(declared);
  });
});
