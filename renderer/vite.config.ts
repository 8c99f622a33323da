// The renderer's Vite config, shared by the Electron build (electron.vite.config.ts) and the browser
// preview (`npm run start:web`), so both run the very same code.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import { contentSecurityPolicy } from './cspPlugin.ts';
import { framedPeerAlias } from './src/circles/transport/viteAlias.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig = {
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    alias: [
      { find: '@shared', replacement: resolve(here, '../shared') },
      // zod without its eval probe, which the page's policy refuses (see src/zodWithoutEval.ts).
      { find: /^zod$/, replacement: resolve(here, 'src/zodWithoutEval.ts') },
      // y-webrtc's simple-peer drops messages over 256 KiB; ours frames them (see transport/chunkedPeer.ts).
      framedPeerAlias(resolve(here, 'src/circles/transport/chunkedPeer.ts')),
    ],
  },
  build: {
    target: 'chrome130',
    // electron-vite leaves the renderer unminified by default; the app loads faster minified.
    minify: true,
    chunkSizeWarningLimit: 1_200,
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(here, 'index.html') },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
} satisfies UserConfig;

export default rendererConfig;
