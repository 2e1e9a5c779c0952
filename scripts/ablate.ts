/**
 * `npm run ablate [-- --only PASSAGE.heading,GATES.minCoverage] [--sets blind5,uit] [--json FILE] [--markdown]`
 * · `npm run ablate -- --from A.json,B.json [--markdown]`
 *
 * Measures each value declared in `src/weights.ts`, one at a time: every PASSAGE, QUERY and SENTENCE weight set to 0
 * (the fusion's k, not a weight, tried at 30 and 120), every GATES value × 0.8 and × 1.2. Each engine is built once
 * (the values are read live at every question, see scripts/lib/ablation.ts) and every set re-asked per variant, the
 * value restored after it. Prints, per set, the held-out half's change from the baseline in answer accuracy (ALQAC:
 * cited-first) and must-refuse, in points, with two sums of answer-accuracy points over the blind rounds (questions
 * and conversations) and UIT: the held-out halves' and, separately, the tuning halves', so a value that helps only
 * where it was tuned shows. The baseline is asked again at the end to show the runs are repeatable.
 *
 * Sets (over `../shared`, skipped with a message when it is absent): blind, blind2…blind8 and dialogues,
 * dialogues2…dialogues5 (the conversations over the shared corpus) and own (`eval/questions.corpus.jsonl`), all over
 * `../shared/corpus` + `../shared/seeds`; uit (`external/uit-regulations/train_reg.json`); alqac (`external/alqac2024`).
 * `--from` merges the JSON of runs over different sets (or values) and prints them, asking nothing.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAlqac, readDialogues, readQuestions, readUit } from '../src/eval/datasets.js';
import { engineOver } from '../src/eval/run.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { SearchEngine } from '../src/retrieve/engine.js';
import { changedAnswers, GROUPS, measure, variantsOf, withVariant, type AblationSet, type HalfMeasure, type SetMeasure, type Variant } from './lib/ablation.js';
import { readCorpus } from './lib/corpus.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    sets: { type: 'string' },
    json: { type: 'string' },
    from: { type: 'string' },
    markdown: { type: 'boolean', default: false },
  },
});

const REPO = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(REPO, '../shared');

type Engine = 'shared' | 'uit' | 'alqac';
interface SetSpec {
  name: string;
  label: string;
  engine: Engine;
  /** Counted in the two sums (the blind rounds and UIT). */
  summed: boolean;
  /** The measure of the set: answer accuracy, or for ALQAC (no answers to match) the gold article cited first. */
  measure: 'answer' | 'citedFirst';
  /** Has questions to refuse. */
  refusals: boolean;
  load: (engines: (e: Engine) => Promise<SearchEngine>) => Promise<AblationSet>;
}

const rounds = ['', '2', '3', '4', '5', '6', '7', '8'];
const SETS: SetSpec[] = [
  ...rounds.map((r): SetSpec => ({
    name: `blind${r}`,
    label: `q${r || '1'}`,
    engine: 'shared',
    summed: true,
    measure: 'answer',
    refusals: true,
    load: async (engines) => ({ name: `blind${r}`, kind: 'questions', engine: await engines('shared'), questions: await readQuestions(path.join(REPO, `eval/questions.blind${r}.jsonl`)) }),
  })),
  ...rounds.map((r): SetSpec => ({
    name: `dialogues${r}`,
    label: `c${r || '1'}`,
    engine: 'shared',
    summed: true,
    measure: 'answer',
    refusals: true,
    load: async (engines) => ({
      name: `dialogues${r}`,
      kind: 'dialogues',
      engine: await engines('shared'),
      // As `npm run eval -- --dialogues FILE --corpus …` asks them: the conversations over the shared corpus.
      dialogues: (await readDialogues(path.join(REPO, `eval/questions.dialogues${r}.jsonl`))).filter((d) => (d.corpus ?? 'shared') === 'shared'),
    }),
  })),
  {
    name: 'own',
    label: 'own',
    engine: 'shared',
    summed: false,
    measure: 'answer',
    refusals: true,
    load: async (engines) => ({ name: 'own', kind: 'questions', engine: await engines('shared'), questions: await readQuestions(path.join(REPO, 'eval/questions.corpus.jsonl')) }),
  },
  {
    name: 'uit',
    label: 'UIT',
    engine: 'uit',
    summed: true,
    measure: 'answer',
    refusals: false,
    load: async (engines) => ({ name: 'uit', kind: 'questions', engine: await engines('uit'), questions: uitQuestions! }),
  },
  {
    name: 'alqac',
    label: 'ALQAC',
    engine: 'alqac',
    summed: false,
    measure: 'citedFirst',
    refusals: false,
    load: async (engines) => ({ name: 'alqac', kind: 'questions', engine: await engines('alqac'), questions: alqacQuestions! }),
  },
];
let uitQuestions: Awaited<ReturnType<typeof readUit>>['questions'] | undefined;
let alqacQuestions: Awaited<ReturnType<typeof readAlqac>>['questions'] | undefined;

/** What a run writes with `--json`, and `--from` reads. */
interface AblationRun {
  commit: string;
  date: string;
  sets: string[];
  baseline: Record<string, Omit<SetMeasure, 'fingerprint'>>;
  /** Answers that differ when the baseline is asked again at the end (0: the runs repeat). */
  baselineRepeat: Record<string, number>;
  variants: Array<{ value: string; change: string; sets: Record<string, { tuning: HalfMeasure; heldout: HalfMeasure; changed: number }> }>;
}

function pickVariants(): Variant[] {
  const all = variantsOf();
  if (!values.only) return all;
  const wanted = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((v) => v.value === w));
  if (unknown.length) {
    console.error(`Không có giá trị ${unknown.join(', ')} trong src/weights.ts. Có: ${[...new Set(all.map((v) => v.value))].join(', ')}`);
    process.exit(2);
  }
  return all.filter((v) => wanted.includes(v.value));
}

function pickSets(): SetSpec[] {
  if (!values.sets) return SETS;
  const wanted = values.sets.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !SETS.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`Không có bộ ${unknown.join(', ')}. Có: ${SETS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return SETS.filter((s) => wanted.includes(s.name));
}

async function run(): Promise<AblationRun> {
  const sets = pickSets();
  const variants = pickVariants();
  const needed = [path.join(SHARED, 'corpus'), path.join(SHARED, 'seeds'), path.join(SHARED, 'external/uit-regulations/train_reg.json'), path.join(SHARED, 'external/alqac2024')];
  const missing = needed.filter((p, i) => (i < 2 ? sets.some((s) => s.engine === 'shared') : i === 2 ? sets.some((s) => s.engine === 'uit') : sets.some((s) => s.engine === 'alqac')) && !existsSync(p));
  if (missing.length) {
    console.error(`Bỏ qua: không tìm thấy ${missing.join(', ')} (các bộ đánh giá nằm ngoài kho mã, trong ../shared).`);
    process.exit(2);
  }
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 60_000).toFixed(1)} min`;
  const built = new Map<Engine, Promise<SearchEngine>>();
  const engines = (e: Engine) => {
    if (!built.has(e)) {
      built.set(
        e,
        (async () => {
          if (e === 'shared') return engineOver(await readCorpus([path.join(SHARED, 'corpus'), path.join(SHARED, 'seeds')]), chooseEmbeddings({}));
          if (e === 'uit') {
            const { documents, questions } = await readUit(path.join(SHARED, 'external/uit-regulations/train_reg.json'));
            uitQuestions = questions;
            return engineOver(documents, chooseEmbeddings({}));
          }
          const { documents, questions } = await readAlqac(path.join(SHARED, 'external/alqac2024'));
          alqacQuestions = questions;
          return engineOver(documents, chooseEmbeddings({}));
        })(),
      );
    }
    return built.get(e)!;
  };
  const loaded: AblationSet[] = [];
  for (const spec of sets) {
    await engines(spec.engine);
    loaded.push(await spec.load(engines));
  }
  console.error(`[ablate] ${loaded.length} sets, ${built.size} engines built (${elapsed()}); ${variants.length} variants and the baseline twice`);
  const declared = JSON.stringify(GROUPS);
  const measureAll = async (variant?: Variant) => {
    const out: Record<string, SetMeasure> = {};
    for (const set of loaded) out[set.name] = await withVariant(variant, () => measure(set));
    return out;
  };
  const baseline = await measureAll();
  console.error(`[ablate] baseline (${elapsed()})`);
  const result: AblationRun = {
    commit: gitCommit(),
    date: new Date().toISOString().slice(0, 10),
    sets: sets.map((s) => s.name),
    baseline: Object.fromEntries(Object.entries(baseline).map(([k, { tuning, heldout }]) => [k, { tuning, heldout }])),
    baselineRepeat: {},
    variants: [],
  };
  for (const [i, variant] of variants.entries()) {
    const measured = await measureAll(variant);
    if (JSON.stringify(GROUPS) !== declared) throw new Error(`${variant.value} was not restored`);
    const entry = {
      value: variant.value,
      change: variant.change,
      sets: Object.fromEntries(Object.entries(measured).map(([k, m]) => [k, { tuning: m.tuning, heldout: m.heldout, changed: changedAnswers(baseline[k]!, m) }])),
    };
    result.variants.push(entry);
    console.error(`[ablate] ${i + 1}/${variants.length} ${variant.value} ${variant.change}: ${rowOf(sets, result, entry).join(' ')} (${elapsed()})`);
    if (values.json) await writeFile(values.json, JSON.stringify(result, null, 1) + '\n');
  }
  const again = await measureAll();
  result.baselineRepeat = Object.fromEntries(Object.entries(again).map(([k, m]) => [k, changedAnswers(baseline[k]!, m)]));
  console.error(`[ablate] baseline asked again: ${Object.values(result.baselineRepeat).reduce((a, b) => a + b, 0)} answers differ (${elapsed()})`);
  if (values.json) await writeFile(values.json, JSON.stringify(result, null, 1) + '\n');
  return result;
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: REPO, encoding: 'utf8' }).trim();
    return dirty ? `${head} (src/ modified)` : head;
  } catch {
    return 'unknown';
  }
}

/** Merges runs over different sets or values. */
function merge(runs: AblationRun[]): AblationRun {
  const out: AblationRun = { commit: [...new Set(runs.map((r) => r.commit))].join(', '), date: runs[0]!.date, sets: [], baseline: {}, baselineRepeat: {}, variants: [] };
  for (const r of runs) {
    for (const s of r.sets) if (!out.sets.includes(s)) out.sets.push(s);
    Object.assign(out.baseline, r.baseline);
    Object.assign(out.baselineRepeat, r.baselineRepeat);
    for (const v of r.variants) {
      const known = out.variants.find((w) => w.value === v.value && w.change === v.change);
      if (known) Object.assign(known.sets, v.sets);
      else out.variants.push({ ...v, sets: { ...v.sets } });
    }
  }
  out.sets = SETS.map((s) => s.name).filter((n) => out.sets.includes(n));
  return out;
}

const points = (x: number) => (Math.abs(x) < 0.05 ? '0' : `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`);
const pointsOf = (base: HalfMeasure, v: HalfMeasure, measure: 'answer' | 'citedFirst' | 'mustRefuse') => (v[measure] - base[measure]) * 100;
const specOf = (name: string) => SETS.find((s) => s.name === name)!;

/** The sums of answer-accuracy points over the summed sets, held-out and tuning. */
function sums(run: AblationRun, v: AblationRun['variants'][number]): { heldout: number; tuning: number; net: number; netTuning: number; chars: number | undefined; changed: number } {
  const lengths: number[] = [];
  let heldout = 0;
  let tuning = 0;
  let net = 0;
  let netTuning = 0;
  let changed = 0;
  for (const name of run.sets) {
    const m = v.sets[name];
    if (!m) continue;
    changed += m.changed;
    if (!specOf(name).summed) continue;
    heldout += pointsOf(run.baseline[name]!.heldout, m.heldout, 'answer');
    tuning += pointsOf(run.baseline[name]!.tuning, m.tuning, 'answer');
    net += m.heldout.correct - run.baseline[name]!.heldout.correct;
    netTuning += m.tuning.correct - run.baseline[name]!.tuning.correct;
    // Runs written before the length was kept have none.
    if (m.heldout.medianChars !== undefined) lengths.push(m.heldout.medianChars - run.baseline[name]!.heldout.medianChars);
  }
  const chars = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : undefined;
  return { heldout, tuning, net, netTuning, chars, changed };
}

function rowOf(sets: SetSpec[], run: AblationRun, v: AblationRun['variants'][number]): string[] {
  const cells = sets.map((s) => {
    const m = v.sets[s.name];
    if (!m) return '·';
    const base = run.baseline[s.name]!;
    const main = points(pointsOf(base.heldout, m.heldout, s.measure));
    const refuse = s.refusals ? pointsOf(base.heldout, m.heldout, 'mustRefuse') : 0;
    return Math.abs(refuse) >= 0.05 ? `${main} (r${points(refuse)})` : main;
  });
  const t = sums(run, v);
  const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`;
  return [...cells, points(t.heldout), signed(t.net), points(t.tuning), signed(t.netTuning), t.chars === undefined ? '·' : points(t.chars), String(t.changed)];
}

function print(run: AblationRun) {
  const sets = run.sets.map(specOf);
  const header = ['value', 'change', ...sets.map((s) => s.label), 'Σ held-out', 'net', 'Σ tuning', 'net tuning', 'chars', 'changed'];
  const baseRow = ['baseline', '', ...sets.map((s) => `${run.baseline[s.name]!.heldout[s.measure].toFixed(3)} (${run.baseline[s.name]!.heldout.n})`), '', '', '', '', '', ''];
  const rows = run.variants.map((v) => [v.value, v.change, ...rowOf(sets, run, v)]);
  const repeat = Object.values(run.baselineRepeat).reduce((a, b) => a + b, 0);
  const notes = [
    `Commit ${run.commit}, ${run.date}. Baseline: held-out figure (questions or turns in the half). Held-out halves; each cell: change from the baseline in points of answer accuracy (ALQAC: gold article cited first), ` +
      `"(r…)" the change in must-refuse when it moved. Σ: answer-accuracy points summed over ${sets.filter((s) => s.summed).map((s) => s.label).join(', ')} ` +
      `(held-out, then tuning halves); net, net tuning: answers right gained (+) or lost (−) over those sets' halves; chars: mean change of ` +
      `those held-out halves' median answer length, in characters. ` +
      `changed: answers (of every set, both halves) that differ from the baseline's (text, refusal or passages cited).`,
    Object.keys(run.baselineRepeat).length ? `Baseline asked again at the end: ${repeat} answers differ.` : 'Baseline not asked again (the run did not finish).',
  ];
  if (values.markdown) {
    console.log(`| ${header.join(' | ')} |`);
    console.log(`| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
    for (const r of [baseRow, ...rows]) console.log(`| ${r.map((c, i) => (i === 0 && c !== 'baseline' ? `\`${c}\`` : c)).join(' | ')} |`);
    console.log(`\n${notes.join('\n')}`);
    return;
  }
  const table = [header, baseRow, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  console.log(notes.join('\n'));
}

const result = values.from ? merge(await Promise.all(values.from.split(',').map(async (f) => JSON.parse(await readFile(f, 'utf8')) as AblationRun))) : await run();
print(result);
