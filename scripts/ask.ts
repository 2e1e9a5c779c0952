/**
 * `npm run ask -- "câu hỏi" [--trace] [--json] [-i] [--local] [--index DIR] [--server URL]`: answers in the terminal
 * with the cited passages (for trainers in class).
 *
 * When a server answers at HOST:PORT (or `--server`), the question goes to it: nothing is loaded here and the answer
 * comes in well under a second. Otherwise (or with `--local` / `--index`) the index is loaded in this process. `-i`
 * keeps asking (the index stays loaded; follow-ups use the conversation), `--trace` explains each step in Vietnamese
 * (src/answer/explain.ts), `--json` prints the raw answer with its trace.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { formatExplanation, type Explained } from '../src/answer/explain.js';
import { loadEnvFile } from '../src/env-file.js';
import { loadConfig, type Config } from '../src/config.js';

interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

type Result = Explained & { timings: { totalMs: number } };
type Asker = (question: string, history: Turn[]) => Promise<Result>;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    index: { type: 'string' },
    server: { type: 'string' },
    local: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    interactive: { type: 'boolean', short: 'i', default: false },
  },
});

/** The address of the server of this configuration (a wildcard host is asked on the loopback). */
function serverUrl(config: Config): string {
  if (values.server) return values.server.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

/** True when a Trợ lý Công vụ server answers there (within a short wait: a missing one must not slow the class). */
async function serverAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(800) });
    const body = (await res.json()) as { status?: unknown };
    return res.ok && body.status === 'ok';
  } catch {
    return false;
  }
}

/** Asks the running server. */
function remoteAsker(url: string, config: Config): Asker {
  // The trainer token, where the configuration has one (traces may need it).
  const token = (config as Config & { TRAINER_TOKEN?: string }).TRAINER_TOKEN;
  const trace = values.trace || values.json;
  return async (question, history) => {
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && trace ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ question, history: history.slice(-20), trace }),
    });
    const body = (await res.json()) as Result & { error?: { code: string; message: string } };
    if (!res.ok) throw Object.assign(new Error(body.error?.message ?? `HTTP ${res.status}`), { code: body.error?.code });
    return body;
  };
}

/** Loads the index in this process (built from the corpus first when there is none) and answers from it. */
async function localAsker(config: Config): Promise<Asker> {
  // Loaded only here: asking a server needs none of this (it is what makes the first answer slow).
  const [{ ask }, { createLlmClient }, { chooseEmbeddings }, { hasIndex }, { ingestCorpus }, { SearchEngine }] = await Promise.all([
    import('../src/answer/assistant.js'),
    import('../src/answer/llm-client.js'),
    import('../src/index/embeddings.js'),
    import('../src/index/store.js'),
    import('../src/ingest/ingest.js'),
    import('../src/retrieve/engine.js'),
  ]);
  const indexDir = values.index ?? config.INDEX_DIR;
  const embeddings = chooseEmbeddings(config);
  if (!(await hasIndex(indexDir))) await ingestCorpus({ corpusDir: config.CORPUS_DIR, indexDir, embeddings });
  const engine = await SearchEngine.load(indexDir, embeddings);
  const llm = createLlmClient(config);
  const log = { warn: (details: Record<string, unknown>, message: string) => console.error(message, details) };
  const trace = values.trace || values.json;
  return (question, history) => ask(engine, { question, history, trace }, { llm, log });
}

function print(result: Result, where: string): void {
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`\n${result.answer}\n`);
  for (const c of result.citations) {
    const at = [c.number, c.section, c.page ? `trang ${c.page}` : undefined].filter(Boolean).join(' · ');
    console.log(`[${c.n}] ${c.title}${at ? ` (${at})` : ''}`);
    console.log(`    “${c.text.replace(/\s+/g, ' ').slice(0, 400)}”`);
  }
  const mode = result.mode === 'llm' ? 'mô hình ngôn ngữ' : 'ngoại tuyến';
  console.log(`\n(${mode}, ${result.timings.totalMs} ms, ${where})`);
  if (values.trace) console.log(`\nCâu trả lời được tạo ra như thế nào:\n${formatExplanation(result)}`);
}

/** Keeps asking until an empty line, "/thoat" or Ctrl+D; "/moi" starts a new conversation. */
async function interactive(askOne: Asker, where: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  console.log(`Hỏi từng câu (${where}). Gõ /moi để bắt đầu cuộc trò chuyện mới, /thoat hoặc dòng trống để thoát.`);
  let history: Turn[] = [];
  rl.setPrompt('\nCâu hỏi> ');
  rl.prompt();
  // Lines typed (or piped) while an answer is being made wait their turn.
  for await (const line of rl) {
    const question = line.trim();
    if (!question || question === '/thoat') break;
    if (question === '/moi') {
      history = [];
      console.log('Đã bắt đầu cuộc trò chuyện mới.');
    } else {
      try {
        const result = await askOne(question, history);
        print(result, where);
        history = [...history, { role: 'user' as const, content: question }, { role: 'assistant' as const, content: result.answer }].slice(-20);
      } catch (error) {
        report(error);
      }
    }
    rl.prompt();
  }
  rl.close();
}

function report(error: unknown): void {
  const e = error as { code?: string; message?: string };
  console.error(`Lỗi${e.code ? ` ${e.code}` : ''}: ${e.message ?? error}`);
}

const question = positionals.join(' ').trim();
if (!question && !values.interactive) {
  console.error('Cách dùng: npm run ask -- "câu hỏi của bạn" [--trace] [--json] [-i] [--local] [--index THƯ_MỤC] [--server URL]');
  process.exit(2);
}
try {
  loadEnvFile();
  const config = loadConfig();
  const url = serverUrl(config);
  const remote = !values.local && !values.index && (await serverAnswers(url));
  const askOne = remote ? remoteAsker(url, config) : await localAsker(config);
  const where = remote ? `máy chủ ${url}` : 'chỉ mục nạp tại máy này';
  if (question) print(await askOne(question, []), where);
  if (values.interactive) await interactive(askOne, where);
} catch (error) {
  report(error);
  process.exit(1);
}
