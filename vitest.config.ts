import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests share one Chromium per file; two cores make wider pools slower.
    maxWorkers: 2,
  },
});
