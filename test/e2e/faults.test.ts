// Fail closed. For each way sending can go wrong, in both browsers: nothing reaches X's backend,
// the secure composer still holds the user's text, and the user is told why. Then, with the fault
// gone, the same text goes out and is read by the other side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composerValue, openAs, typeInComposer, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, type TestFrameLike, type TestPage } from './harness/index.ts';
import { type Cast, castOf, composerError, INPUT, STATUS, secureComposer } from './scenario.ts';

describe.each(browserKinds)('sending fails closed in %s', (kind) => {
  let cast: Cast;
  let conversation: string;

  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob']);
    conversation = cast.fakex.conversationId(['alice', 'bob']);
  });
  afterAll(() => cast?.close());

  const sent = () => cast.fakex.messages(conversation).length;

  /** Opens the conversation as Alice, types `text`, presses Enter; returns the page, composer and error. */
  async function attempt(text: string): Promise<{ page: TestPage; composer: TestFrameLike; error: string }> {
    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${conversation}`);
    const composer = await secureComposer(page);
    await typeInComposer(composer, text);
    const before = sent();
    await composer.press('Enter');
    const error = await composerError(composer);
    expect(await composerValue(composer)).toBe(text);
    expect(sent()).toBe(before);
    expect(cast.fakex.recordedText()).not.toContain(text);
    return { page, composer, error };
  }

  /** With the fault gone, the kept text is sent as it is, and Bob reads it. */
  async function sendKept(page: TestPage, text: string): Promise<void> {
    await page.goto(`https://x.com/messages/${conversation}`);
    const composer = await secureComposer(page);
    await poll('the draft to come back', 10_000, async () =>
      (await composerValue(composer)) === text ? true : undefined,
    );
    await composer.click(INPUT);
    await composer.press('Enter');
    await poll('the send to finish', 30_000, async () =>
      (await composerValue(composer)) === '' ? true : undefined,
    );
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/messages/${conversation}`);
    await waitForDecrypted(bob, text);
    await bob.close();
    await page.close();
  }

  it('the editor rejects the insertion', async () => {
    cast.fakex.setFaults({ rejectPaste: true });
    const text = `rejected-${kind} ${Date.now()}`;
    const { page, error } = await attempt(text);
    expect(error).toMatch(/did not accept/);
    cast.fakex.setFaults({});
    await sendKept(page, text);
  });

  it('the editor mangles the insertion', async () => {
    cast.fakex.setFaults({ manglePaste: true });
    const text = `mangled-${kind} ${Date.now()}`;
    const { page, error } = await attempt(text);
    expect(error).toMatch(/changed the encrypted text/);
    // The mangled ciphertext was cleared from X's composer, not left for X to send later.
    expect(
      await page.evaluate(
        () => document.querySelector('[data-testid="dmComposerTextInput"]')?.textContent ?? '',
      ),
    ).toBe('');
    cast.fakex.setFaults({});
    await sendKept(page, text);
  });

  it('the send button is missing', async () => {
    cast.fakex.setFaults({ noSendButton: true });
    const text = `nobutton-${kind} ${Date.now()}`;
    const { page, error } = await attempt(text);
    expect(error).toMatch(/send button/);
    cast.fakex.setFaults({});
    await sendKept(page, text);
  });

  it('X shipped a build with renamed test ids: a banner, a fenced editor, nothing sent', async () => {
    cast.fakex.setVariant('renamed');
    const text = `renamed-${kind} ${Date.now()}`;
    const { page, error } = await attempt(text);
    expect(error).toMatch(/could not be found/);
    const banner = await poll('the health banner', 10_000, async () => {
      const shown = await page.evaluate(
        () => document.querySelector('[data-sotto-banner]')?.textContent ?? '',
      );
      return shown || undefined;
    });
    expect(banner).toMatch(/cannot find X's message box/);
    // Typing into X's own (unrecognised) editor goes nowhere.
    const before = sent();
    await page.evaluate(() =>
      (document.querySelector('[contenteditable="true"]') as HTMLElement | null)?.focus(),
    );
    await page.press('p');
    await page.press('Enter');
    expect(
      await page.evaluate(() => document.querySelector('[contenteditable="true"]')?.textContent ?? ''),
    ).toBe('');
    expect(sent()).toBe(before);
    cast.fakex.setVariant('normal');
    await sendKept(page, text);
  });

  it('Enter in X’s own composer while sealed sends nothing', async () => {
    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${conversation}`);
    await secureComposer(page);
    const before = sent();
    await page.evaluate(() =>
      (document.querySelector('[data-testid="dmComposerTextInput"]') as HTMLElement).focus(),
    );
    await page.press('h');
    await page.press('i');
    await page.press('Enter');
    expect(
      await page.evaluate(
        () => document.querySelector('[data-testid="dmComposerTextInput"]')?.textContent ?? '',
      ),
    ).toBe('');
    expect(sent()).toBe(before);
    await page.close();
  });

  it('the key is locked', async () => {
    const { options } = cast.members.alice!.key;
    await options.click('[data-testid="lock-now"]');
    const text = `locked-${kind} ${Date.now()}`;
    const { page, composer, error } = await attempt(text);
    expect(error).toMatch(/locked/i);
    expect(await composer.text(STATUS)).toMatch(/locked/i);
    // Unlock (from the popup or options page), and the kept text goes out.
    await options.waitForSelector('[data-testid="unlock-passphrase"]');
    await options.type('[data-testid="unlock-passphrase"]', 'correct horse battery staple');
    await options.click('[data-testid="unlock-submit"]');
    await options.waitForSelector('[data-testid="lock-now"]');
    await sendKept(page, text);
  });

  it('a recipient has no key: sending is blocked and says who is missing', async () => {
    const withCarol = cast.fakex.conversationId(['alice', 'carol']);
    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${withCarol}`);
    const frame = await page.waitForExtensionFrame('/extension/composer.html', { timeoutMs: 30_000 });
    // Not sealed: an unmistakable warning, and a way to seal it.
    await frame.waitForSelector('[data-testid="sotto-composer-seal"]');
    expect(await frame.text(STATUS)).toMatch(/Not encrypted/);
    await frame.click('[data-testid="sotto-composer-seal"]');
    const composer = await secureComposer(page);
    expect(await composer.text(STATUS)).toContain('@carol');
    const text = `nokey-${kind} ${Date.now()}`;
    await typeInComposer(composer, text);
    await composer.press('Enter');
    expect(await composerError(composer)).toMatch(/usable key/);
    expect(await composerValue(composer)).toBe(text);
    expect(cast.fakex.messages(withCarol)).toHaveLength(0);
    await page.close();
  });

  it('X’s own composer is never given plaintext', () => {
    for (const r of cast.fakex.requests)
      expect(r.body).not.toMatch(/rejected-|mangled-|nobutton-|renamed-|locked-|nokey-/);
  });
});
