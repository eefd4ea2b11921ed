// @ts-check
// The staff web application (ADR 0007). Vite 8 transforms TSX with its built-in Oxc (no React
// plugin): the automatic JSX runtime, so components need no `import React`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { formSchemas } from './src/components/forms/form-schemas.plugin.mjs';

const api = process.env.ARIADNE_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // Command forms read a compact schema derived from openapi.json at build time.
  plugins: [formSchemas()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts from this origin only: no inlined module-preload polyfill.
    modulePreload: { polyfill: false },
    // No data: URLs for fonts or scripts; images may be data: (img-src allows it).
    assetsInlineLimit: 0,
    sourcemap: false,
    // React and Mantine are most of the entry chunk; the budget is checked by npm run bench.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Mantine marks its modules "use client" for server components; meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // Same origin in development too: the refresh cookie is SameSite=Strict and path-scoped.
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
});
