import { defineConfig } from 'vitest/config';

// Unit (shared/, renderer logic) and backend (Node, temp folders) tests. The e2e suite has its own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/backend/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // The command line and batch worker the tests start are built JavaScript (out/cli/): build them when stale.
    globalSetup: ['tests/setup/build-cli.ts'],
  },
});
