// Mozilla's linter (the one addons.mozilla.org runs) must find no errors in the Firefox build.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DIST_DIR } from '../support/dist.ts';

it('web-ext lint reports 0 errors on dist/firefox', () => {
  const root = join(import.meta.dirname, '../..');
  let out: string;
  try {
    out = execFileSync(
      join(root, 'node_modules/.bin/web-ext'),
      ['lint', '--source-dir', join(DIST_DIR, 'firefox'), '--output', 'json', '--no-input'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    // web-ext exits non-zero when it finds errors; the JSON report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { errors: Array<{ code: string; message: string }>; warnings: unknown[] };
  console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings`);
  expect(report.errors).toEqual([]);
}, 120_000);
