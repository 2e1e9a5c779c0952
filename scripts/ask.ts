/** `npm run ask -- "câu hỏi" [--trace]`: prints the answer and its citations (for trainers in class). */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { ask } from '../src/answer/assistant.js';
import { createLlmClient } from '../src/answer/llm-client.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { hasIndex } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { SearchEngine } from '../src/retrieve/engine.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { index: { type: 'string' }, trace: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});
const question = positionals.join(' ').trim();
if (!question) {
  console.error('Cách dùng: npm run ask -- "câu hỏi của bạn" [--trace] [--json]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const indexDir = values.index ?? config.INDEX_DIR;
  const embeddings = chooseEmbeddings(config);
  if (!(await hasIndex(indexDir))) {
    await ingestCorpus({ corpusDir: config.CORPUS_DIR, indexDir, embeddings });
  }
  const engine = await SearchEngine.load(indexDir, embeddings);
  const log = { warn: (details: Record<string, unknown>, message: string) => console.error(message, details) };
  const result = await ask(engine, { question, trace: values.trace }, { llm: createLlmClient(config), log });
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`\n${result.answer}\n`);
    for (const c of result.citations) {
      const where = [c.number, c.section, c.page ? `trang ${c.page}` : undefined].filter(Boolean).join(' · ');
      console.log(`[${c.n}] ${c.title}${where ? ` (${where})` : ''}`);
      console.log(`    “${c.text.replace(/\s+/g, ' ').slice(0, 400)}”`);
    }
    console.log(`\n(${result.mode}, ${result.timings.totalMs} ms)`);
    if (values.trace) console.log(JSON.stringify(result.trace, null, 2));
  }
} catch (error) {
  const e = error as { code?: string; message?: string };
  console.error(`Lỗi${e.code ? ` ${e.code}` : ''}: ${e.message ?? error}`);
  process.exit(1);
}
