import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC is needed because esbuild (vite's default) does not emit decorator metadata, which Nest's DI relies on.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        plugins,
        test: { name: 'unit', globals: true, sequence: { groupOrder: 0 }, include: ['src/**/*.spec.ts', 'examples/**/*.spec.ts', 'scripts/**/*.spec.ts', 'console/src/**/*.spec.ts'], environment: 'node' },
      },
      {
        plugins,
        test: {
          name: 'e2e',
          // unit tests run first, in full parallel; then the e2e files, two at a time
          sequence: { groupOrder: 1 },
          globals: true,
          include: ['test/**/*.e2e-spec.ts', 'examples/**/*.e2e-spec.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each e2e file boots its own hub on its own database; two at a time fits 2 cores.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
      {
        plugins,
        test: {
          // Crashes, database restarts, target outages, two hubs. Child hubs and real servers, one file
          // at a time, after the e2e files. Fast sizes by default (part of `npm test`); HUB_RELIABILITY=full for the
          // full sizes (`npm run test:reliability`).
          name: 'reliability',
          sequence: { groupOrder: 2 },
          globals: true,
          include: ['test/reliability/**/*.reliability-spec.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: process.env.HUB_RELIABILITY === 'full' ? 3_600_000 : 180_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
