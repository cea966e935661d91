import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the renderer into out/app/renderer, where the Electron app serves it through its
 * app:// protocol and the end-to-end tests serve it from loopback. Paths are relative, assets
 * are never inlined as data: URLs (the CSP allows only the app's own files), and Monaco's
 * workers become files of their own.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: '../out/app/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 8000,
  },
});
