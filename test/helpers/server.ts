/**
 * Starts the real application for a test: a small temporary corpus is written, indexed with the offline hashing
 * embedder, loaded into an `EngineHolder`, and served by `buildApp` on a random port (or only built, for `inject()`).
 * Every test that calls {@link startTestServer} must call `close()`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { chooseEmbeddings } from '../../src/index/embeddings.js';
import { ingestCorpus } from '../../src/ingest/ingest.js';
import { buildApp } from '../../src/server/app.js';
import { EngineHolder } from '../../src/server/engine-holder.js';
import { makeTempDir, removeTempDir } from './fixtures.js';

/** A few short documents (Markdown with front matter) that tests can ask about. */
export const SAMPLE_DOCS: Readonly<Record<string, string>> = {
  'qd-15-gio-lam-viec.md': `---
title: "Quyết định 15/QĐ-UBND về thời giờ làm việc của cơ quan hành chính"
number: "15/QĐ-UBND"
issued: "2024-03-12"
issuer: "Ủy ban nhân dân tỉnh Mẫu"
---

# Quyết định 15/QĐ-UBND về thời giờ làm việc

## Điều 1. Thời giờ làm việc

Buổi sáng làm việc từ 7 giờ 30 đến 11 giờ 30. Buổi chiều làm việc từ 13 giờ 30 đến 17 giờ.
Cán bộ, công chức làm việc 40 giờ mỗi tuần, từ thứ Hai đến thứ Sáu.

## Điều 2. Tiếp công dân

Bộ phận một cửa tiếp công dân vào sáng thứ Bảy hằng tuần, từ 7 giờ 30 đến 11 giờ 30.

## Điều 3. Hiệu lực

Quyết định có hiệu lực kể từ ngày 01/04/2024 và thay thế Quyết định 08/QĐ-UBND.
`,
  'kh-20-chuyen-doi-so.md': `---
title: "Kế hoạch 20/KH-UBND về chuyển đổi số năm 2025"
number: "20/KH-UBND"
issued: "2025-02-05"
issuer: "Ủy ban nhân dân tỉnh Mẫu"
---

# Kế hoạch 20/KH-UBND về chuyển đổi số năm 2025

## I. Mục tiêu

Đến hết năm 2025, 80% hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình.
100% văn bản đi của các sở, ngành được ký số và gửi trên môi trường mạng.

## II. Phân công

Sở Khoa học và Công nghệ chủ trì theo dõi, tổng hợp kết quả thực hiện kế hoạch.
Văn phòng Ủy ban nhân dân tỉnh báo cáo kết quả trước ngày 15/12/2025.

## III. Ghi chú kỹ thuật

Mẫu biểu nhập liệu không được chứa mã <img src=x onerror=alert(1)> hay thẻ HTML khác do người dùng gõ vào.
`,
};

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (empty when not listening). */
  url: string;
  port: number;
  app: FastifyInstance;
  config: Config;
  engines: EngineHolder;
  /** The temporary root holding `corpus/`, `index/` and `data/`. */
  dir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** File name → content; defaults to {@link SAMPLE_DOCS}. */
  docs?: Readonly<Record<string, string>>;
  /** Configuration overrides (paths default to the temporary directory; rate limit off). */
  config?: Partial<Config>;
  /** Listen on 127.0.0.1 with a random port (default true); false builds the app for `inject()` only. */
  listen?: boolean;
}

/** Writes the corpus, builds the index, builds the app and (by default) listens on a random port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await makeTempDir('trolycongvu-server-');
  try {
    const corpusDir = path.join(dir, 'corpus');
    const indexDir = path.join(dir, 'index');
    const dataDir = path.join(dir, 'data');
    await mkdir(corpusDir, { recursive: true });
    await mkdir(dataDir, { recursive: true });
    for (const [name, content] of Object.entries(options.docs ?? SAMPLE_DOCS)) {
      await writeFile(path.join(corpusDir, name), content);
    }
    const config: Config = {
      ...loadConfig({}),
      CORPUS_DIR: corpusDir,
      INDEX_DIR: indexDir,
      DATA_DIR: dataDir,
      INDEX_POLL_MS: 0,
      RATE_LIMIT_PER_MINUTE: 0,
      LOG_LEVEL: 'silent',
      ...options.config,
    };
    const embeddings = chooseEmbeddings({});
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const engines = new EngineHolder(indexDir, embeddings);
    await engines.reload();
    const app = await buildApp({ config, engines, logger: false });
    let url = '';
    let port = 0;
    if (options.listen ?? true) {
      url = await app.listen({ port: 0, host: '127.0.0.1' });
      port = Number(new URL(url).port);
    } else {
      await app.ready();
    }
    return {
      url,
      port,
      app,
      config,
      engines,
      dir,
      close: async () => {
        engines.close();
        await app.close();
        await removeTempDir(dir);
      },
    };
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}
