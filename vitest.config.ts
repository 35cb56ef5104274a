import { defineConfig } from 'vitest/config';

// Unit (shared/, renderer logic) and backend (Node, temp folders) tests. The e2e suite has its own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/backend/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
