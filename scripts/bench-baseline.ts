/**
 * The baseline `npm run bench -- --scale` measures us against: the LangChain tutorial splitter
 * (RecursiveCharacterTextSplitter, 1000/200) and MiniSearch over the same files, served over plain node:http.
 *
 *   tsx scripts/bench-baseline.ts ingest CORPUS_DIR INDEX_FILE   → prints {"chunks": N} (the index as MiniSearch JSON)
 *   tsx scripts/bench-baseline.ts serve INDEX_FILE               → loads the index, prints {"port": P} when listening;
 *                                                                  POST /api/ask {question} → the 5 best passages
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import MiniSearch from 'minisearch';

const OPTIONS = { fields: ['text'], storeFields: ['file', 'text'], processTerm: (t: string) => t.toLowerCase() };

const [mode, a, b] = process.argv.slice(2);
if (mode === 'ingest' && a && b) {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const search = new MiniSearch(OPTIONS);
  let id = 0;
  for (const name of (await readdir(a)).sort()) {
    if (!/\.(txt|md)$/.test(name)) continue;
    const text = await readFile(path.join(a, name), 'utf8');
    const parts = await splitter.splitText(text);
    search.addAll(parts.map((part) => ({ id: id++, file: name, text: part })));
  }
  await writeFile(b, JSON.stringify(search));
  console.log(JSON.stringify({ chunks: id }));
} else if (mode === 'serve' && a) {
  const search = MiniSearch.loadJSON(await readFile(a, 'utf8'), OPTIONS);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      try {
        const { question } = JSON.parse(body) as { question: string };
        const hits = search.search(question).slice(0, 5);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ citations: hits.map((h) => ({ file: h['file'] as string, text: h['text'] as string, score: h.score })) }));
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
} else {
  console.error('Cách dùng: tsx scripts/bench-baseline.ts ingest CORPUS_DIR INDEX_FILE | serve INDEX_FILE');
  process.exit(2);
}
