// Steps for the vault, import, backup and publish tests: what a user does on the options page and
// in the secure composer, driven through the real UI.
import { expect } from 'vitest';
import { composerValue, openAs, PASSPHRASE, typeInComposer } from './flows.ts';
import { poll } from './harness/common.ts';
import type { TestFrameLike, TestPage, UserBrowser } from './harness/index.ts';

export const UNLOCK = {
  form: '[data-testid="sotto-unlock"]',
  passphrase: '[data-testid="sotto-unlock-passphrase"]',
  submit: '[data-testid="sotto-unlock-submit"]',
  error: '[data-testid="sotto-unlock-error"]',
};
const INPUT = '[data-testid="sotto-composer-input"]';

/** The extension frame of `page` that shows `selector` now (the live composer, not a stale one). */
export function frameWith(page: TestPage, selector: string, timeoutMs = 30_000): Promise<TestFrameLike> {
  return poll(`an extension frame showing ${selector}`, timeoutMs, async () => {
    for (const frame of await page.extensionFrames()) {
      const has = await frame.evaluate((s) => !!document.querySelector(s), selector).catch(() => false);
      if (has) return frame;
    }
    return undefined;
  });
}

/** What the composer of `page` offers now: the text field, the unlock form, or neither yet. */
export async function composerShows(page: TestPage): Promise<'input' | 'unlock' | 'other'> {
  for (const frame of await page.extensionFrames()) {
    const shows = await frame
      .evaluate(
        ({ input, form }) =>
          document.querySelector(form) ? 'unlock' : document.querySelector(input) ? 'input' : null,
        { input: INPUT, form: UNLOCK.form },
      )
      .catch(() => null);
    if (shows) return shows;
  }
  return 'other';
}

export async function waitForComposer(page: TestPage, shows: 'input' | 'unlock', timeoutMs = 30_000) {
  await poll(
    `the secure composer to show ${shows === 'input' ? 'its text field' : 'the unlock form'}`,
    timeoutMs,
    async () => ((await composerShows(page)) === shows ? true : undefined),
  );
}

/** Status lines of every message frame in `page`. */
export async function messageStatuses(page: TestPage): Promise<string[]> {
  const out: string[] = [];
  for (const frame of await page.extensionFrames()) {
    const status = await frame
      .evaluate(() => document.querySelector('[data-testid="sotto-message-status"]')?.textContent ?? null)
      .catch(() => null);
    if (status !== null) out.push(status);
  }
  return out;
}

/** Opens the conversation as `handle` in a new tab and sends `text` through the secure composer. */
export async function sendAs(
  user: UserBrowser,
  handle: string,
  conversation: string,
  text: string,
): Promise<TestPage> {
  const page = await openAs(user, handle, `/messages/${conversation}`);
  await sendIn(page, text);
  return page;
}

export async function sendIn(page: TestPage, text: string): Promise<void> {
  const composer = await frameWith(page, INPUT);
  await typeInComposer(composer, text);
  await composer.press('Enter');
  await poll('the composer to clear after sending', 30_000, async () => {
    const frame = await frameWith(page, INPUT);
    return (await composerValue(frame).catch(() => 'x')) === '' ? true : undefined;
  });
}

/** Types a passphrase into the composer's unlock form and submits it. */
export async function unlockInComposer(page: TestPage, passphrase: string): Promise<TestFrameLike> {
  const composer = await frameWith(page, UNLOCK.passphrase);
  await composer.type(UNLOCK.passphrase, passphrase);
  await composer.click(UNLOCK.submit);
  return composer;
}

/** Locks Sotto from the options page's button. */
export async function lockNow(options: TestPage): Promise<void> {
  await options.click('[data-testid="lock-now"]');
  await poll('the options page to show the vault locked', 10_000, async () =>
    (await options.text('[data-testid="lock-state"]').catch(() => '')).toLowerCase().includes('locked') &&
    !(await options.evaluate(() => !!document.querySelector('[data-testid="lock-now"]')))
      ? true
      : undefined,
  );
}

/** Picks an option of a <select> as a user would, firing the change event the page listens to. */
export async function choose(page: TestPage, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate(
    ({ selector, value }) => {
      const select = document.querySelector(selector) as HTMLSelectElement;
      select.focus();
      select.value = value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { selector, value },
  );
}

/** Puts a file into an <input type=file>, as the file chooser does. `base64` holds its bytes. */
export async function chooseFile(
  page: TestPage,
  selector: string,
  name: string,
  base64: string,
): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate(
    ({ selector, name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      const input = document.querySelector(selector) as HTMLInputElement;
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { selector, name, base64 },
  );
}

/** Reads what a download link would save (an object URL made by the page itself). */
export function downloadText(page: TestPage, selector: string): Promise<{ name: string; text: string }> {
  return page.evaluate(async (selector) => {
    const link = document.querySelector(selector) as HTMLAnchorElement;
    return { name: link.download, text: await (await fetch(link.href)).text() };
  }, selector);
}

/** Waits for the text of an element that shows up after an action (an error or a status line). */
export function waitForText(page: TestFrameLike, selector: string, timeoutMs = 30_000): Promise<string> {
  return poll(
    `text in ${selector}`,
    timeoutMs,
    async () => (await page.text(selector).catch(() => '')) || undefined,
  );
}

export { PASSPHRASE };

export function expectNoPlaintextKey(text: string): void {
  expect(text).not.toContain('PRIVATE KEY');
}
