// Builds the caseworkers' console into dist/web, which the API serves at / (apps/api/create-app.ts).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web'),
    emptyOutDir: true,
    // No inline scripts or data: module preload polyfill injected as a file, so the page runs under script-src 'self'.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
