/** `npm start`: builds the widget if needed, indexes the corpus if there is no index, then serves. */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server/server.js';

if (existsSync('scripts/build-web.mjs') && !existsSync('web/dist/widget.js')) {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
try {
  const { url } = await startServer(loadConfig());
  console.log(`Trợ lý Công vụ đang chạy: ${url}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
