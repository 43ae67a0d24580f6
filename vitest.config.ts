import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests of the own renderer must not depend on whether the machine has helm: charts render
    // without it unless a test asks for a helm binary (test/helm-binary.test.ts). The CLIs the
    // tests start inherit this.
    env: { UPSHIFT_HELM_BIN: 'none' },
  },
});
