// @web/test-runner configuration: Debian's Chromium, modules served by Vite.
import { chromeLauncher } from '@web/test-runner-chrome';
import { viteServe } from './runner/vite-serve.js';
import { testCommands } from './runner/commands.js';
import { hostMeta } from './runner/host-meta.js';
import { cspPage } from './runner/csp-page.js';
import { fileTimes } from './runner/file-times.js';
import { defaultReporter } from '@web/test-runner';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const vite = viteServe();

export default {
  files: ['src/**/*.test.ts', 'components/**/*.test.ts', 'test/**/*.test.ts'],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS },
    }),
  ],
  middleware: [hostMeta, cspPage, vite.middleware],
  plugins: [vite.plugin, testCommands()],
  reporters: [defaultReporter(), fileTimes()],
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
};
