// Fail closed. For each way sending can go wrong, in both browsers: nothing reaches X's backend,
// the secure composer still holds the user's text, and the user is told why (the background
// stopping mid-send included: the browser stops it as it does an idle one). Then, with the fault
// gone, the same text goes out and is read by the other side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composerValue, openAs, typeInComposer, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, type TestFrameLike, type TestPage } from './harness/index.ts';
import { type Cast, castOf, composerError, ERROR, INPUT, STATUS, secureComposer } from './scenario.ts';

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

  const nativeComposerText = (page: TestPage) =>
    page.evaluate(() => document.querySelector('[data-testid="dmComposerTextInput"]')?.textContent ?? '');

  /** 'sent' once the secure composer empties, or the error it shows instead. */
  const sendOutcome = (composer: TestFrameLike) =>
    poll('the send to finish', 30_000, async () => {
      if ((await composerValue(composer)) === '') return 'sent';
      const error = await composer.evaluate(
        (selector) => document.querySelector(selector)?.textContent ?? '',
        ERROR,
      );
      return error || undefined;
    });

  /** With the fault gone, the kept text is sent as it is, and Bob reads it. */
  async function sendKept(page: TestPage, text: string): Promise<void> {
    await page.goto(`https://x.com/messages/${conversation}`);
    const composer = await secureComposer(page);
    await poll('the draft to come back', 10_000, async () =>
      (await composerValue(composer)) === text ? true : undefined,
    );
    await composer.click(INPUT);
    await composer.press('Enter');
    expect(await sendOutcome(composer)).toBe('sent');
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
    expect(await nativeComposerText(page)).toBe('');
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

  /**
   * With X's send button slow to enable (2.5 s), presses Send and returns once the ciphertext is in
   * X's composer: the window in which a test stops or freezes the background.
   */
  async function sendUntilInserted(label: string) {
    cast.fakex.setFaults({ slowSendButton: 2_500 });
    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${conversation}`);
    const composer = await secureComposer(page);
    const text = `${label}-${kind} ${Date.now()}`;
    await typeInComposer(composer, text);
    const before = sent();
    await composer.press('Enter');
    await poll('the ciphertext in X’s composer', 10_000, async () =>
      (await nativeComposerText(page)).includes('SOTTO1:') ? true : undefined,
    );
    return { page, composer, text, before };
  }

  it('the background stops mid-send, after the insertion and before the click', async () => {
    const { page, composer, text, before } = await sendUntilInserted('stopped');
    await cast.members.alice!.browser.stopBackground();
    expect(await composerError(composer)).toMatch(/not responding/);
    expect(await composerValue(composer)).toBe(text);
    // Well after the button enabled: nothing was clicked, and X's composer was emptied.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sent()).toBe(before);
    expect(await nativeComposerText(page)).toBe('');
    cast.fakex.setFaults({});
    await sendKept(page, text);
  });

  // Chromium: a service worker that hangs (a long task) while X's send button is still disabled.
  // (Firefox offers no hang of the event page alone: see the harness's freezeBackground.)
  if (kind === 'chromium') {
    it('the background hangs mid-send, after the insertion and before the click', async () => {
      const { page, composer, text, before } = await sendUntilInserted('hung');
      await cast.members.alice!.browser.freezeBackground!(10_000);
      // No go-ahead came, so X was never asked to send; once the background is back it says so.
      expect(await composerError(composer)).toMatch(/interrupted.*Nothing was sent/);
      expect(await composerValue(composer)).toBe(text);
      expect(sent()).toBe(before);
      expect(await nativeComposerText(page)).toBe('');
      cast.fakex.setFaults({});
      await sendKept(page, text);
    });

    it('the background hangs longer than the composer waits: its late work sends nothing', async () => {
      const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${conversation}`);
      const composer = await secureComposer(page);
      const text = `late-${kind} ${Date.now()}`;
      await typeInComposer(composer, text);
      const before = sent();
      // Notes whether ciphertext ever enters X's composer (the background's late work).
      await page.evaluate(() => {
        const seen = document.documentElement.dataset;
        new MutationObserver(() => {
          const box = document.querySelector('[data-testid="dmComposerTextInput"]');
          if (box?.textContent?.includes('SOTTO1:')) seen.testSawCiphertext = 'yes';
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      // Longer than the composer waits for an answer (25 s): it gives up first and says so.
      await cast.members.alice!.browser.freezeBackground!(28_000);
      await composer.press('Enter');
      expect(await composerError(composer)).toMatch(/not responding.*Nothing was sent/);
      // The background then does the queued send: encrypts, has the ciphertext inserted, asks the
      // composer for the go-ahead, is refused; X's composer is emptied and nothing goes out.
      await poll('the late delivery to be refused', 20_000, async () => {
        const saw = await page.evaluate(() => document.documentElement.dataset.testSawCiphertext);
        return saw === 'yes' && (await nativeComposerText(page)) === '' ? true : undefined;
      });
      await new Promise((r) => setTimeout(r, 3_000));
      expect(sent()).toBe(before);
      expect(await nativeComposerText(page)).toBe('');
      expect(await composerValue(composer)).toBe(text);
      await sendKept(page, text);
    });
  }

  it('the background restarts between typing and sending: the message goes out once', async () => {
    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${conversation}`);
    const composer = await secureComposer(page);
    const text = `restarted-${kind} ${Date.now()}`;
    await typeInComposer(composer, text);
    await cast.members.alice!.browser.stopBackground();
    const before = sent();
    await composer.press('Enter');
    expect(await sendOutcome(composer)).toBe('sent');
    expect(sent()).toBe(before + 1);
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/messages/${conversation}`);
    await waitForDecrypted(bob, text);
    await Promise.all([bob.close(), page.close()]);
  });

  it('X’s own composer is never given plaintext', () => {
    for (const r of cast.fakex.requests)
      expect(r.body).not.toMatch(
        /rejected-|mangled-|nobutton-|renamed-|locked-|nokey-|stopped-|hung-|late-|restarted-/,
      );
  });
});
