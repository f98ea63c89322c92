import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Static assets only, served by the gateway at / (gateway/src/portal/). Nothing inline: the CSP
// allows scripts and styles from 'self' and nothing else, so Vite must not inline the module
// preload polyfill or small assets as data: URLs in scripts.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
