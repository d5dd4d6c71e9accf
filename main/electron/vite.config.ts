import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the Electron main process (`--mode main`, the default) and the preload (`--mode preload`).
 * The preload runs sandboxed, so it is one self-contained CommonJS file; the main process keeps
 * node_modules (better-sqlite3, yjs) external.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  const input: Record<string, string> = preload ? { preload: path.join(import.meta.dirname, 'preload.ts') } : { index: path.join(import.meta.dirname, 'main.ts') };
  return {
    root,
    build: {
      outDir: path.join(root, 'out', 'main'),
      emptyOutDir: false,
      ssr: true,
      target: 'node22',
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input,
        external: preload ? ['electron'] : (id) => external.includes(id) || (!id.startsWith('.') && !path.isAbsolute(id)),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
    ssr: preload ? { noExternal: true } : {},
  };
});
