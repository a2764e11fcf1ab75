import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));

/** The renderer: built into out/renderer with relative paths, served by main on paraphe://app (main/electron/app-protocol.ts). */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [
    react(),
    {
      // The dev server's hot reload injects an inline script, which the app's CSP refuses:
      // while developing only, the <meta> policy is left out (the built app always has it).
      name: 'paraphe-dev-without-csp-meta',
      apply: 'serve',
      transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
    },
  ],
  build: {
    outDir: process.env.PARAPHE_OUT_DIR ? resolve(process.env.PARAPHE_OUT_DIR, 'renderer') : fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Keep fonts and icons as files: the CSP allows data: but files are smaller to parse.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
