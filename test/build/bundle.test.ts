// The content script runs inside x.com's renderer: it must hold no OpenPGP code, must be one
// self-contained file, and must stay small. Checked on the built output of both browsers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from '../support/dist.ts';

const DIST = DIST_DIR;
const BUDGET_BYTES = 25 * 1024;

// Strings OpenPGP.js carries in any build (config keys and error texts survive minification).
const OPENPGP_MARKERS = [
  'allowInsecureDecryptionWithSigningKeys',
  'preferredCompressionAlgorithm',
  'Error decrypting message',
  'maxDecompressedMessageSize',
];

function manifest(target: string): {
  content_scripts: Array<{ js: string[] }>;
  background: Record<string, unknown>;
} {
  return JSON.parse(readFileSync(join(DIST, target, 'manifest.json'), 'utf8'));
}

function allJs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

describe.each(['chrome', 'firefox'])('%s build', (target) => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(join(DIST, target, 'manifest.json'))).toBe(true);
  });

  it('has one standalone content script with no OpenPGP code, within budget', () => {
    const scripts = manifest(target).content_scripts.flatMap((c) => c.js);
    expect(scripts).toHaveLength(1);
    const file = join(DIST, target, scripts[0]!);
    const code = readFileSync(file, 'utf8');
    const size = statSync(file).size;
    console.log(`[${target}] content script ${scripts[0]}: ${(size / 1024).toFixed(1)} KiB`);
    for (const marker of OPENPGP_MARKERS) expect(code, marker).not.toContain(marker);
    expect(code, 'a standalone script has no import()').not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(size).toBeLessThan(BUDGET_BYTES);
  });

  it('bundles OpenPGP.js into the background (the markers above are real)', () => {
    const found = allJs(join(DIST, target)).filter((f) => {
      const code = readFileSync(f, 'utf8');
      return OPENPGP_MARKERS.every((m) => code.includes(m));
    });
    expect(found.length).toBeGreaterThan(0);
    const size = found.reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`[${target}] background OpenPGP bundle: ${(size / 1024).toFixed(1)} KiB`);
  });

  it('exposes only the frame pages to x.com', () => {
    const m = JSON.parse(readFileSync(join(DIST, target, 'manifest.json'), 'utf8'));
    expect(m.web_accessible_resources).toEqual([
      expect.objectContaining({
        resources: ['extension/composer.html', 'extension/message.html'],
        matches: ['https://x.com/*'],
      }),
    ]);
  });
});
