import { cp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';

/**
 * Builds the main process into out/app as ES modules that keep the source layout
 * (out/app/src-main/electron/main.js …), because the services find the files in resources/ by
 * paths relative to their own module; resources/ is copied beside them. The preload is one
 * CommonJS file, out/app/preload/preload.cjs, because a sandboxed preload can load only
 * `electron`. Packages in node_modules stay external and load at run time from the packaged
 * app, so native modules such as better-sqlite3 keep their own files.
 *
 * Run with `npm run build:electron`; `npm run build:renderer` builds the page into out/app/renderer.
 */
const root = resolve(import.meta.dirname, '..', '..');
const outDir = resolve(root, 'out', 'app');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

function buildConfig(entry: string, output: Record<string, unknown>): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: resolve(root, entry),
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      rollupOptions: { external: ['electron', ...nodeBuiltins], output },
    },
  };
}

await rm(resolve(outDir, 'src-main'), { recursive: true, force: true });
await rm(resolve(outDir, 'src-shared'), { recursive: true, force: true });
await build(buildConfig('src-main/electron/main.ts', { format: 'es', preserveModules: true, preserveModulesRoot: root, entryFileNames: '[name].js' }));
await build({ ...buildConfig('src-main/electron/preload.ts', { format: 'cjs', entryFileNames: 'preload/preload.cjs' }), ssr: { noExternal: true } });
await cp(resolve(root, 'resources'), resolve(outDir, 'resources'), { recursive: true });
console.log(`Built the main process and the preload into ${outDir}`);
