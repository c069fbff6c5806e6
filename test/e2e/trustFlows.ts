// Steps for the contacts-and-trust end-to-end tests (key discovery, key cards, key changes).
import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import * as openpgp from 'openpgp';
import { expect } from 'vitest';
import type { FakeX } from '../fakex/server.ts';
import { type Onboarded, PASSPHRASE } from './flows.ts';
import { poll } from './harness/common.ts';
import type { TestFrameLike, TestPage, UserBrowser } from './harness/index.ts';

/** First run with an optional e-mail (none: keys.openpgp.org serves the key without user IDs). */
export async function onboardWith(user: UserBrowser, name: string, email: string | null): Promise<Onboarded> {
  const options = await user.waitForPage((url) => url.includes('/extension/options.html'), 30_000);
  await options.waitForSelector('[data-testid="create-passphrase"]');
  await options.type('[data-testid="create-name"]', name);
  if (email) await options.type('[data-testid="create-email"]', email);
  await options.type('[data-testid="create-passphrase"]', PASSPHRASE);
  await options.type('[data-testid="create-passphrase-repeat"]', PASSPHRASE);
  await options.click('[data-testid="create-submit"]');
  await options.waitForSelector('[data-testid="bio-token"]', { timeoutMs: 30_000 });
  const bioToken = (await options.text('[data-testid="bio-token"]')).trim();
  await options.click('[data-testid="upload-key"]');
  await poll('the keyserver upload to finish', 20_000, async () => {
    const status = await options.text('[data-testid="upload-status"]').catch(() => '');
    return status.includes('Published') ? status : undefined;
  });
  return { options, bioToken, fingerprint: bioToken.slice('openpgp4fpr:'.length).toUpperCase() };
}

export function setToken(fakex: FakeX, handle: string, token: string): void {
  const base = fakex.users.find((u) => u.handle === handle)?.bio.replace(/\s*openpgp4fpr:\S+/g, '') ?? '';
  fakex.setBio(handle, `${base} ${token}`.trim());
}

export function groups(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A key made outside any browser (someone else's Sotto, or an attacker's). */
export async function nodeKey(name: string, email?: string) {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [email ? { name, email } : { name }],
    format: 'object',
  });
  return {
    privateKey,
    publicKey,
    armored: publicKey.armor(),
    fingerprint: publicKey.getFingerprint().toUpperCase(),
    token: `openpgp4fpr:${publicKey.getFingerprint()}`,
  };
}

/** Posts a DM as `handle` straight to the fake X API (what any client of theirs could send). */
export function sendAs(fakex: FakeX, handle: string, conversationId: string, text: string): Promise<void> {
  const user = fakex.users.find((u) => u.handle === handle);
  if (!user) throw new Error(`no user ${handle}`);
  const body = JSON.stringify({ conversation_id: conversationId, text, request_id: randomUUID() });
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: fakex.port,
        path: '/i/api/1.1/dm/new2.json',
        method: 'POST',
        servername: 'x.com',
        rejectUnauthorized: false,
        headers: {
          host: 'x.com',
          cookie: `twid=${encodeURIComponent(`u=${user.id}`)}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`send: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The first extension frame in `page` that shows `selector` (and whose text passes `accept`). */
export function frameWith(
  page: TestPage,
  selector: string,
  accept: (text: string) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<{ frame: TestFrameLike; text: string }> {
  return poll(`an extension frame with ${selector}`, timeoutMs, async () => {
    await scrollToLatest(page);
    for (const frame of await page.extensionFrames()) {
      const text = await frame
        .evaluate((s) => document.querySelector(s)?.textContent ?? null, selector)
        .catch(() => null);
      if (text !== null && accept(text)) return { frame, text };
    }
    return undefined;
  });
}

/** Scrolls the conversation to its newest message (frames mount only near the viewport). */
export async function scrollToLatest(page: TestPage): Promise<void> {
  await page
    .evaluate(() => {
      const viewport = document.querySelector('[data-testid="DmActivityViewport"]');
      if (!viewport) return;
      viewport.scrollTop = viewport.scrollHeight;
      // The fake's virtual list measures on scroll; a list measured before layout can stay empty.
      viewport.dispatchEvent(new Event('scroll'));
    })
    .catch(() => undefined);
}

/** Waits until the DM backend holds one more message than `before` in the conversation; returns it. */
export function nextMessage(fakex: FakeX, conversationId: string, before: number): Promise<string> {
  return poll('a new message to reach X', 30_000, async () => {
    const all = fakex.messages(conversationId);
    return all.length > before ? all.at(-1)?.text : undefined;
  });
}

/** Waits for a decrypted message frame showing exactly `expected`; returns its status line. */
export async function waitForShown(page: TestPage, expected: string, timeoutMs = 30_000): Promise<string> {
  const { frame } = await frameWith(
    page,
    '[data-testid="sotto-message-text"]',
    (t) => t === expected,
    timeoutMs,
  );
  return frame.text('[data-testid="sotto-message-status"]');
}

/** Clicks `selector` in whichever extension frame shows it (frames may be re-mounted meanwhile). */
export async function clickInFrame(page: TestPage, selector: string, timeoutMs = 30_000): Promise<void> {
  await poll(`a click on ${selector}`, timeoutMs, async () => {
    const { frame } = await frameWith(page, selector);
    await frame.click(selector);
    return true;
  });
}

export interface ContactRow {
  handle: string;
  trust: string;
  fingerprint: string;
  text: string;
}

/** The contact list as the options page shows it. */
export function contactsShown(options: TestPage): Promise<ContactRow[]> {
  return options.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('li.contact'), (li) => ({
      handle: li.dataset.testid?.replace(/^contact-/, '') ?? '',
      trust: li.dataset.trust ?? '',
      fingerprint: li.querySelector('[data-testid="contact-fingerprint"]')?.textContent ?? '',
      text: li.textContent ?? '',
    })),
  );
}

export function waitForContact(
  options: TestPage,
  handle: string,
  accept: (c: ContactRow) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<ContactRow> {
  return poll(`@${handle} in the contact list`, timeoutMs, async () => {
    const found = (await contactsShown(options)).find((c) => c.handle === handle);
    return found && accept(found) ? found : undefined;
  });
}

/** How many Sotto message tokens the DM backend has received so far. */
export function sentTokens(fakex: FakeX): number {
  return fakex.requests.filter((r) => r.url.includes('/dm/new2.json') && r.body.includes('SOTTO1:')).length;
}

export function expectNoPlaintext(fakex: FakeX, secret: string): void {
  expect(fakex.recordedText()).not.toContain(secret);
}
