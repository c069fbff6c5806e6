// What a user does, step by step, in the real UI: shared by the end-to-end tests.
import { expect } from 'vitest';
import type { FakeX } from '../fakex/server.ts';
import { poll } from './harness/common.ts';
import type { TestFrameLike, TestPage, UserBrowser } from './harness/index.ts';

export const PASSPHRASE = 'correct horse battery staple';

export interface Onboarded {
  options: TestPage;
  bioToken: string;
  fingerprint: string;
}

/** First run: the options page opens by itself; the user creates a key and publishes it to the keyserver. */
export async function onboard(user: UserBrowser, name: string, passphrase = PASSPHRASE): Promise<Onboarded> {
  const options = await user.waitForPage((url) => url.includes('/extension/options.html'), 30_000);
  await options.waitForSelector('[data-testid="create-passphrase"]');
  await options.type('[data-testid="create-name"]', name);
  await options.type('[data-testid="create-email"]', `${name.toLowerCase()}@example.org`);
  await options.type('[data-testid="create-passphrase"]', passphrase);
  await options.type('[data-testid="create-passphrase-repeat"]', passphrase);
  await options.click('[data-testid="create-submit"]');
  await options.waitForSelector('[data-testid="bio-token"]', { timeoutMs: 30_000 });
  const bioToken = (await options.text('[data-testid="bio-token"]')).trim();
  expect(bioToken).toMatch(/^openpgp4fpr:[0-9a-f]{40}$/);
  await options.click('[data-testid="upload-key"]');
  await poll('the keyserver upload to finish', 20_000, async () => {
    const status = await options.text('[data-testid="upload-status"]').catch(() => '');
    return status.includes('Published') ? status : undefined;
  });
  return { options, bioToken, fingerprint: bioToken.slice('openpgp4fpr:'.length).toUpperCase() };
}

/** Logs a browser into the fake x.com as `handle` and opens `path`. */
export async function openAs(user: UserBrowser, handle: string, path: string): Promise<TestPage> {
  return user.newPage(`https://x.com/__login?as=${handle}&next=${encodeURIComponent(path)}`);
}

/**
 * The user adds their token to their bio with Sotto's button on X's edit-profile page, presses X's
 * Save, and sees Sotto confirm it on their profile.
 */
export async function putTokenInBio(
  page: TestPage,
  fakex: FakeX,
  handle: string,
  token: string,
): Promise<void> {
  await page.goto('https://x.com/settings/profile');
  await page.waitForSelector('textarea[name="description"]');
  await page.click(PUBLISH.button);
  await poll('Sotto to put the token into the bio field', 10_000, async () =>
    (await bioFieldValue(page)).endsWith(token) ? true : undefined,
  );
  await page.click('[data-testid="Profile_Save_Button"]');
  await poll(`${handle}'s bio to hold the token`, 10_000, async () =>
    fakex.users.find((u) => u.handle === handle)?.bio.includes(token) ? true : undefined,
  );
  await page.waitForSelector(`${PUBLISH.result}[data-state="confirmed"]`, { timeoutMs: 15_000 });
}

/** What Sotto adds to X's profile pages. */
export const PUBLISH = {
  button: '[data-testid="sotto-publish-button"]',
  status: '[data-testid="sotto-publish-status"]',
  result: '[data-sotto-publish-result]',
};

export function bioFieldValue(page: TestPage): Promise<string> {
  return page.evaluate(
    () => (document.querySelector('textarea[name="description"]') as HTMLTextAreaElement | null)?.value ?? '',
  );
}

/** Everything of the page's own that could leak plaintext: DOM (as HTML and as text) and web storage. */
export function pageSnapshot(page: TestPage): Promise<string> {
  return page.evaluate(() => {
    const storage = (s: Storage) => JSON.stringify(Object.entries({ ...s }));
    return [
      document.documentElement.outerHTML,
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asserted on
      document.body.innerText,
      storage(localStorage),
      storage(sessionStorage),
    ].join('\n');
  });
}

/** Types text into the secure composer; '\n' becomes Shift+Enter (a new line, not a send). */
export async function typeInComposer(composer: TestFrameLike, text: string, between?: () => Promise<void>) {
  const input = '[data-testid="sotto-composer-input"]';
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await composer.press('Shift+Enter');
    if (line) await composer.type(input, line);
    await between?.();
  }
}

export async function composerValue(composer: TestFrameLike): Promise<string> {
  return composer.evaluate(
    () =>
      (document.querySelector('[data-testid="sotto-composer-input"]') as HTMLTextAreaElement | null)?.value ??
      '',
  );
}

/** Waits for a decrypted message frame in `page` whose text is `expected`; returns its status line. */
export async function waitForDecrypted(
  page: TestPage,
  expected: string,
  timeoutMs = 30_000,
): Promise<string> {
  let seen: Array<{ text: string | null; status: string } | null> = [];
  return poll(`a message frame showing ${JSON.stringify(expected)}`, timeoutMs, async () => {
    if (seen.length > 0) lastSeen.set(page, seen);
    seen = [];
    // Like a reader, look at the newest messages: scroll the conversation to its end.
    await page.evaluate(() => {
      const list = document.querySelector(
        '[data-testid="DmActivityViewport"], [data-testid="dm-message-list-container"]',
      );
      list?.scrollTo({ top: list.scrollHeight });
    });
    for (const frame of await page.extensionFrames()) {
      const shown = await frame
        .evaluate(() => ({
          text: document.querySelector('[data-testid="sotto-message-text"]')?.textContent ?? null,
          status: document.querySelector('[data-testid="sotto-message-status"]')?.textContent ?? '',
        }))
        .catch(() => null);
      seen.push(shown);
      if (shown?.text === expected) return shown.status;
    }
    return undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; frames showed ${JSON.stringify(lastSeen.get(page) ?? seen)}`);
  });
}

const lastSeen = new WeakMap<TestPage, Array<{ text: string | null; status: string } | null>>();

/** Reads this user's passphrase-protected secret key from the extension's own storage. */
export function storedSecretKey(options: TestPage): Promise<string> {
  return options.evaluate(async () => {
    type Api = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    const got = await (g.browser ?? g.chrome).storage.local.get('vault');
    return (got.vault as { armoredPrivate: string }).armoredPrivate;
  });
}
