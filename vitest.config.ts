import { defineConfig } from 'vitest/config';

// Two projects: fast Node tests, and end-to-end tests that drive real browsers.
// One file at a time: the machine has two cores and each end-to-end file starts several browsers.
export default defineConfig({
  test: {
    fileParallelism: false,
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/interop/**/*.test.ts', 'test/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
