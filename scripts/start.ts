/**
 * `npm start`: builds the widget if needed, indexes the corpus if there is no index, then serves — in `WORKERS`
 * processes on the one port when set above 1 (src/server/cluster.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { loadEnvFile } from '../src/env-file.js';
import cluster from 'node:cluster';
import { startServer } from '../src/server/server.js';
import { startCluster, workerCount } from '../src/server/cluster.js';

/** A built script (the widget, the classroom page's) is missing, or older than one of its sources. */
function widgetStale(): boolean {
  const sources = [...readdirSync('web/src').map((name) => `web/src/${name}`), 'src/answer/explain.ts'];
  return ['web/dist/widget.js', 'web/dist/lop-hoc.js', 'web/dist/documents.js', 'web/dist/admin.js'].some((built) => {
    if (!existsSync(built)) return true;
    const at = statSync(built).mtimeMs;
    return sources.some((file) => existsSync(file) && statSync(file).mtimeMs > at);
  });
}

try {
  // `.env` fills in what the real environment leaves unset (src/env-file.ts).
  loadEnvFile();
  const config = loadConfig();
  const workers = workerCount(config);
  if (cluster.isWorker) {
    // A worker of `WORKERS` > 1: the primary built the widget and the index; this process only serves.
    await startServer(config);
  } else {
    if (existsSync('scripts/build-web.mjs') && widgetStale()) {
      const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
      if (build.status !== 0) process.exit(build.status ?? 1);
    }
    const { url } = workers > 1 ? await startCluster(config, workers) : await startServer(config);
    console.log(`Trợ lý Công vụ đang chạy: ${url}${workers > 1 ? ` (${workers} tiến trình)` : ''}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
