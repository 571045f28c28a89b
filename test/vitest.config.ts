import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // 2-core machines: two workers, and slow suites (browser, crash) manage their own time.
    maxWorkers: 2,
    // The request log is for operators; tests that check it capture it themselves.
    env: { LOG_LEVEL: 'silent' },
  },
})
