// Builds the three Electron bundles: main (ESM), preload (CommonJS, as sandboxed preloads require) and
// the renderer (the same config as the browser preview).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';

const shared = { '@shared': resolve(import.meta.dirname, 'shared') };

/**
 * A sandboxed preload can require nothing but electron, so each preload must build to one file: a chunk
 * shared between the two (from a module both import) would fail to load at run time. Fail the build instead.
 */
function onePreloadFileEach(): Plugin {
  return {
    name: 'hearth:one-preload-file-each',
    generateBundle(_options, bundle) {
      const shared = Object.values(bundle).filter((output) => output.type === 'chunk' && !output.isEntry);
      if (shared.length > 0) {
        throw new Error(`The preloads share code (${shared.map((chunk) => chunk.fileName).join(', ')}); a sandboxed preload cannot load it. Import it from one preload only.`);
      }
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: shared },
    plugins: [onePreloadFileEach()],
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/preload/index.ts'),
          migration: resolve(import.meta.dirname, 'electron/preload/migration.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
