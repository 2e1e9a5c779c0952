const root = process.argv[2]!;
const { loadFile } = await import(`${root}/src/ingest/loaders/index.ts`);
const { chunkDocument } = await import(`${root}/src/ingest/chunk.ts`);
const { extractFacts } = await import(`${root}/src/facts/extract.ts`);
const { createHash } = await import('node:crypto');
for (const file of process.argv.slice(3)) {
  const doc = await loadFile(file, { maxBytes: 1e9 });
  const chunks = chunkDocument('x', doc.text, doc.pages);
  const facts = extractFacts({ id: 'x', file: 'x', hash: '', meta: doc.meta, text: doc.text, pages: doc.pages }, chunks);
  const h = (o: unknown) => createHash('sha256').update(JSON.stringify(o)).digest('hex').slice(0, 12);
  console.log(file.split('/').pop(), 'text', h(doc.text), 'meta', h(doc.meta), 'chunks', h(chunks), 'facts', h(facts), facts.length);
}
