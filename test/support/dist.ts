// Where the built extensions are. `SOTTO_DIST` lets parallel work build and test its own copy
// (`SOTTO_DIST=/tmp/mine npm run build`); the default is the repo's dist/.
import { join, resolve } from 'node:path';

export const DIST_DIR = process.env.SOTTO_DIST
  ? resolve(process.env.SOTTO_DIST)
  : join(import.meta.dirname, '../../dist');

export function extensionDir(kind: 'chromium' | 'firefox'): string {
  return join(DIST_DIR, kind === 'chromium' ? 'chrome' : 'firefox');
}
