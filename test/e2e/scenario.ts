// A cast of users for an end-to-end test: each with their own browser (the built extension
// loaded), onboarded through the options page, with their key published and their bio token set.
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import { type Onboarded, onboard, openAs, putTokenInBio } from './flows.ts';
import { poll } from './harness/common.ts';
import {
  type BrowserKind,
  launchUser,
  type TestFrameLike,
  type TestPage,
  type UserBrowser,
} from './harness/index.ts';

export interface Member {
  handle: string;
  browser: UserBrowser;
  key: Onboarded;
}

export interface Cast {
  fakex: FakeX;
  members: Record<string, Member>;
  close(): Promise<void>;
}

export async function castOf(kind: BrowserKind, handles: string[], fakex?: FakeX): Promise<Cast> {
  const server = fakex ?? (await startFakeX());
  const members: Record<string, Member> = {};
  const browsers: UserBrowser[] = [];
  try {
    for (const handle of handles) {
      const browser = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: server.port });
      browsers.push(browser);
      const name = handle[0]!.toUpperCase() + handle.slice(1);
      const key = await onboard(browser, name);
      const page = await openAs(browser, handle, '/home');
      await putTokenInBio(page, server, handle, key.bioToken);
      await page.close();
      members[handle] = { handle, browser, key };
    }
  } catch (error) {
    await Promise.allSettled(browsers.map((b) => b.close()));
    if (!fakex) await server.close();
    throw error;
  }
  return {
    fakex: server,
    members,
    async close() {
      await Promise.allSettled(browsers.map((b) => b.close()));
      if (!fakex) await server.close();
    },
  };
}

export const INPUT = '[data-testid="sotto-composer-input"]';
export const ERROR = '[data-testid="sotto-composer-error"]';
export const STATUS = '[data-testid="sotto-composer-status"]';

/** The secure composer frame in `page`, once its text field is there. */
export async function secureComposer(page: TestPage): Promise<TestFrameLike> {
  const composer = await page.waitForExtensionFrame('/extension/composer.html', { timeoutMs: 30_000 });
  await composer.waitForSelector(INPUT, { timeoutMs: 30_000 });
  return composer;
}

/** Waits for the composer's error line and returns it. */
export function composerError(composer: TestFrameLike): Promise<string> {
  return poll('an error in the secure composer', 30_000, async () => {
    const text = await composer.text(ERROR).catch(() => '');
    return text ? text : undefined;
  });
}

/** A browser without Sotto, as someone who has not installed it sees X. */
export async function plainBrowser(
  fakex: FakeX,
  handle: string,
): Promise<{ page: PlainPage; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP x.com 127.0.0.1:${fakex.port}`,
      '--ignore-certificate-errors',
    ],
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`https://x.com/__login?as=${handle}&next=%2Fhome`);
  return { page, close: () => browser.close() };
}

export type PlainPage = import('playwright-core').Page;
