import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the built renderer (`npm run build:renderer`) in Debian's Chromium, with
 * the real main-process services behind window.butterfly. The Electron binary is not needed;
 * `npx playwright install` is never run, the browser is /usr/bin/chromium.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  outputDir: 'out/e2e-results',
});
