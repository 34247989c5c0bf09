import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against a live stack (sandbox + backend + app) started by
 * `e2e/run.mjs`, in Debian's Chromium (Playwright's own browser downloads are
 * not available on the machines this project targets).
 */
export default defineConfig({
  testDir: './tests',
  outputDir: '../e2e-results/artifacts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_APP_URL ?? 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
