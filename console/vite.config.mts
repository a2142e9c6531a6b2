import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The console builds into dist/console, which the hub serves at /console (src/console/console.controller.ts).
 * Everything is emitted as files (no inlined data: URLs), so the strict CSP (img-src 'self') holds.
 * `npx vite --config console/vite.config.ts` serves it in development, with /graphql sent to a hub on :3000.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../dist/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000' } },
});
