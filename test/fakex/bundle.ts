import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CSS } from './app/styles.ts';

export interface AppBundle {
  js: string;
  css: string;
}

let cached: Promise<AppBundle> | undefined;

async function bundle(): Promise<AppBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./app/main.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // The repo's tsconfig targets preact; this app is React, like X's.
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'react' } },
    // draft-js (via fbjs) reads process.env and `global`; production React, as X ships.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.text;
  const draftCss = await readFile(createRequire(import.meta.url).resolve('draft-js/dist/Draft.css'), 'utf8');
  return { js, css: `${draftCss}\n${CSS}` };
}

/** The single-page app, bundled into memory once per process (each fake server reuses it). */
export function appBundle(): Promise<AppBundle> {
  cached ??= bundle().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
