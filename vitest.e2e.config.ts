import { defineConfig } from 'vitest/config';

// End-to-end tests: the built browser mode served by the real backend, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The command line and batch worker the tests start are built JavaScript (out/cli/): build them when stale.
    globalSetup: ['tests/setup/build-cli.ts'],
  },
});
