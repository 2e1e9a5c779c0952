/**
 * `npm run report -- [--since YYYY-MM-DD] [--json] [--top N]`: what the store says about use (see
 * src/report/report.ts): questions per day, answered vs refused, what was missing, refused questions clustered by
 * their terms, thumbs-down with comment and cited passage, slowest questions. Reads the configured store (DATABASE_URL,
 * else DATA_DIR/store.sqlite) after enforcing the question log's retention; cited passages from INDEX_DIR when there.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { AppError, isAppError } from '../src/errors.js';
import { hasIndex, readIndex } from '../src/index/store.js';
import { formatReport } from '../src/report/format.js';
import { buildReport, parseSince, passagesOf, type PassageLookup } from '../src/report/report.js';
import { enforceRetention, openStore } from '../src/store/index.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { since: { type: 'string' }, json: { type: 'boolean', default: false }, top: { type: 'string', default: '15' } },
  });
  const since = values.since === undefined ? undefined : parseSince(values.since);
  if (values.since !== undefined && !since) throw new AppError('BAD_REQUEST', `--since cần một ngày dạng YYYY-MM-DD (nhận: "${values.since}").`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new AppError('BAD_REQUEST', '--top cần một số nguyên dương.');
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await enforceRetention(store, config);
    let passage: PassageLookup | undefined;
    if (await hasIndex(config.INDEX_DIR)) {
      const index = await readIndex(config.INDEX_DIR).catch(() => undefined);
      if (index) passage = passagesOf(new Map(index.documents.map((d) => [d.id, d])));
    }
    const report = buildReport(await store.listQuestions({ since }), await store.listFeedback({ since }), { since, top, passage });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (isAppError(error)) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exit(isAppError(error) && error.status < 500 ? 2 : 1);
});
