import { defineConfig } from 'vitest/config';

// Two projects: fast node-side tests, and end-to-end tests that drive the built renderer in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'local-mturk/test/**/*.test.ts', 'crowd-elements/test/**/*.test.ts'],
          testTimeout: 20_000,
          // Some suites start servers and spawn the CLI before their tests: on a loaded machine that outlasts 10 s.
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // The browser and the server share two cores with the unit tests running beside them.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
