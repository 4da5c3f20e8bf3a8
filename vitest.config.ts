import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Names what .ci/test-packages lists but this machine lacks, with the apt-get line, before any test.
    globalSetup: ['tests/helpers/report-missing-needs.ts'],
  },
});
