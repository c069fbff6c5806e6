import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

type Target = 'chrome' | 'firefox';
type Manifest = Record<string, unknown> & { background: { service_worker: string; type: string } };

// One source manifest; each browser gets the variant it accepts.
// Chrome: a module service worker and a fixed `key` (stable unpacked id).
// Firefox: an event page (`background.scripts`; MV3 service workers are off there) and a gecko id.
function manifestFor(target: Target): ManifestV3Export {
  const source = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Manifest;
  if (target === 'chrome') {
    const { browser_specific_settings: _gecko, ...chrome } = source;
    return chrome as unknown as ManifestV3Export;
  }
  const { key: _key, ...firefox } = source;
  return {
    ...firefox,
    background: { scripts: [source.background.service_worker], type: 'module' },
  } as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    publicDir: 'extension/public',
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(target),
        browser: target,
        // The content script is one self-contained file: no chunks that would have to be
        // exposed to the page through web_accessible_resources.
        contentScripts: { standaloneFiles: ['src/content/main.ts'] },
        liveReload: false,
      }),
    ],
    build: {
      // SOTTO_DIST lets parallel work build its own copy without clobbering dist/.
      outDir: join(resolve(process.env.SOTTO_DIST ?? 'dist'), target),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      modulePreload: false,
      rollupOptions: {
        input: {
          composer: 'extension/composer.html',
          message: 'extension/message.html',
        },
      },
    },
  };
});
