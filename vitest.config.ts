import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and server tests open ports and Chromium: one file at a time keeps the 2-core machine steady.
    fileParallelism: false,
  },
});
