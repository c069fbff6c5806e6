// Entry point of the e2e browser harness: `launchUser(kind, …)` gives one user's browser with the
// extension loaded; see README.md for the quirks behind each driver.
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import type { BrowserKind, LaunchOptions, UserBrowser } from './types.ts';

export type { BrowserKind, LaunchOptions, TestFrameLike, TestPage, UserBrowser } from './types.ts';

export const browserKinds: BrowserKind[] = ['chromium', 'firefox'];

export function launchUser(kind: BrowserKind, opts: LaunchOptions): Promise<UserBrowser> {
  return kind === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}
