// Trust over time, between real profiles: first use pins B's key; comparing fingerprints marks B
// verified; B then makes a new key in a fresh profile and puts it in the bio. A's next send is
// blocked with the key-change explanation and nothing reaches X; A rejects (still blocked), then
// accepts, and the message goes out encrypted to B's new key, which B's new profile reads. Old
// messages say they were signed by B's previous key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import { type Onboarded, openAs, typeInComposer } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';
import { ERROR, STATUS, secureComposer } from './scenario.ts';
import {
  clickInFrame,
  frameWith,
  groups,
  nextMessage,
  nodeKey,
  onboardWith,
  sentTokens,
  setToken,
  waitForContact,
  waitForShown,
} from './trustFlows.ts';

const secret = () => Math.random().toString(36).slice(2, 10);

describe.each(browserKinds)('trust and key changes in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let bob: UserBrowser;
  let bob2: UserBrowser | undefined;
  let aliceKey: Onboarded;
  let bobKey: Onboarded;
  let alicePage: TestPage;
  let conversation: string;
  const oldText = `from bob's first key ${secret()}`;
  // A fresh tab on the conversation (as a user coming back to it).
  const reopen = async () => {
    await alicePage.close();
    alicePage = await openAs(alice, 'alice', `/messages/${conversation}`);
  };

  beforeAll(async () => {
    fakex = await startFakeX();
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    bob = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    [aliceKey, bobKey] = await Promise.all([
      onboardWith(alice, 'Alice', 'alice@example.org'),
      onboardWith(bob, 'Bob', 'bob@example.org'),
    ]);
    setToken(fakex, 'alice', aliceKey.bioToken);
    setToken(fakex, 'bob', bobKey.bioToken);
    conversation = fakex.conversationId(['alice', 'bob']);
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close(), bob2?.close()]);
    await fakex?.close();
  });

  it('pins on first use, and comparing fingerprints marks the contact verified everywhere', async () => {
    const bobPage = await openAs(bob, 'bob', `/messages/${conversation}`);
    const bobComposer = await secureComposer(bobPage);
    await typeInComposer(bobComposer, oldText);
    await bobComposer.press('Enter');
    await nextMessage(fakex, conversation, 0);
    await bobPage.close();

    alicePage = await openAs(alice, 'alice', `/messages/${conversation}`);
    expect(await waitForShown(alicePage, oldText)).toContain('signed by @bob · key pinned, not compared');
    const trust = await frameWith(alicePage, '[data-testid="sotto-trust-bob"]');
    expect(trust.text).toContain('@bob · pinned, not compared');
    expect(trust.text).toContain('Compare keys');

    // Compare keys on the options page (the composer's button opens the same panel).
    const options = aliceKey.options;
    await waitForContact(options, 'bob');
    await options.click('[data-testid="contact-bob"] [data-testid="contact-compare"]');
    await options.waitForSelector('[data-testid="sotto-compare"]');
    expect(await options.text('[data-testid="sotto-compare-own"]')).toBe(groups(aliceKey.fingerprint));
    expect(await options.text('[data-testid="sotto-compare-theirs"]')).toBe(groups(bobKey.fingerprint));
    const qrCodes = await options.evaluate(
      () => document.querySelectorAll('[data-testid="sotto-compare"] svg[role="img"] path').length,
    );
    expect(qrCodes).toBe(2);
    await options.click('[data-testid="sotto-compare-verify"]');
    await frameWith(alicePage, '[data-testid="sotto-trust-bob"]', (t) => t.includes('verified'));
    expect(await waitForShown(alicePage, oldText)).toContain('signed by @bob · verified');
    const contact = await waitForContact(aliceKey.options, 'bob', (c) => c.trust === 'verified');
    expect(contact.fingerprint).toBe(groups(bobKey.fingerprint));
  });

  it('blocks sending after B’s bio names a new key, until A accepts; then B’s new profile reads it', async () => {
    // B sets Sotto up again in a fresh profile (a new device) and puts the new key in the bio.
    await bob.close();
    bob2 = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    const bob2Key = await onboardWith(bob2, 'Bob', 'bob@example.org');
    expect(bob2Key.fingerprint).not.toBe(bobKey.fingerprint);
    setToken(fakex, 'bob', bob2Key.bioToken);

    await reopen();
    const change = await frameWith(alicePage, '[data-testid="sotto-keychange"]');
    expect(change.text).toContain('The key of @bob has changed');
    expect(change.text).toContain('new device');
    expect(change.text).toContain('impersonating');
    expect((await frameWith(alicePage, '[data-testid="sotto-keychange-old"]')).text).toBe(
      groups(bobKey.fingerprint),
    );
    expect((await frameWith(alicePage, '[data-testid="sotto-keychange-new"]')).text).toBe(
      groups(bob2Key.fingerprint),
    );
    // The tall panel scrolls inside the composer: X's message list keeps half the window.
    const sizes = await alicePage.evaluate(() => ({
      composer: document.querySelector('iframe[data-sotto="composer"]')?.getBoundingClientRect().height ?? 0,
      window: innerHeight,
    }));
    expect(sizes.composer).toBeGreaterThan(0);
    expect(sizes.composer).toBeLessThanOrEqual(Math.max(160, Math.round(sizes.window / 2)));

    // A writes anyway: refused, the text is kept, and nothing reaches X.
    const blocked = `blocked ${secret()}`;
    const tokensBefore = sentTokens(fakex);
    const messagesBefore = fakex.messages(conversation).length;
    let composer = await secureComposer(alicePage);
    await typeInComposer(composer, blocked);
    await composer.press('Enter');
    await composer.waitForSelector(ERROR, { timeoutMs: 30_000 });
    expect(await composer.text(ERROR)).toContain('Nothing was sent');
    expect(sentTokens(fakex)).toBe(tokensBefore);
    expect(fakex.messages(conversation)).toHaveLength(messagesBefore);
    expect(fakex.recordedText()).not.toContain(blocked);

    // Rejecting keeps it blocked and says how to resolve it.
    await clickInFrame(alicePage, '[data-testid="sotto-keychange-reject"]');
    const rejected = await frameWith(alicePage, '[data-testid="sotto-keychange-rejected"]');
    expect(rejected.text).toContain('stays blocked');
    expect(sentTokens(fakex)).toBe(tokensBefore);

    // Accepting fetches the new key, checks it against the bio and pins it.
    await clickInFrame(alicePage, '[data-testid="sotto-keychange-accept"]');
    await poll('the key-change panel to go away', 30_000, async () => {
      for (const f of await alicePage.extensionFrames()) {
        const state = await f
          .evaluate(() => ({
            status: document.querySelector('[data-testid="sotto-composer-status"]')?.textContent ?? null,
            change: document.querySelector('[data-testid="sotto-keychange"]') !== null,
          }))
          .catch(() => null);
        if (state?.status?.includes('@bob') && !state.change) return true;
      }
      return undefined;
    });
    composer = await secureComposer(alicePage);
    const text = `after accepting ${secret()}`;
    await composer.evaluate(() => {
      const input = document.querySelector('[data-testid="sotto-composer-input"]') as HTMLTextAreaElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await typeInComposer(composer, text);
    await composer.press('Enter');
    expect(await nextMessage(fakex, conversation, messagesBefore)).toMatch(/SOTTO1:/);
    expect(await composer.text(STATUS)).toContain('@bob');

    const bob2Page = await openAs(bob2, 'bob', `/messages/${conversation}`);
    expect(await waitForShown(bob2Page, text)).toContain('@alice');
    expect(fakex.recordedText()).not.toContain(text);

    // B's new key writes back; A's frames tell the two keys apart.
    const reply = `reply from the new key ${secret()}`;
    const bobComposer = await secureComposer(bob2Page);
    const before = fakex.messages(conversation).length;
    await typeInComposer(bobComposer, reply);
    await bobComposer.press('Enter');
    await nextMessage(fakex, conversation, before);
    expect(await waitForShown(alicePage, reply)).toContain('signed by @bob · key pinned, not compared');
    await reopen();
    expect(await waitForShown(alicePage, oldText)).toContain("@bob's previous key");

    const contact = await waitForContact(
      aliceKey.options,
      'bob',
      (c) => c.fingerprint === groups(bob2Key.fingerprint),
    );
    expect(contact.trust).toBe('pinned');
    expect(contact.text).toContain(groups(bobKey.fingerprint));
  });

  it('refuses to accept a new bio key that the keyserver cannot provide', async () => {
    const unknown = await nodeKey('Bob', 'bob@example.org'); // never uploaded
    setToken(fakex, 'bob', unknown.token);
    await reopen();
    await frameWith(alicePage, '[data-testid="sotto-keychange"]');
    await clickInFrame(alicePage, '[data-testid="sotto-keychange-accept"]');
    const error = await frameWith(alicePage, '[data-testid="sotto-keychange-error"]');
    expect(error.text).toContain('no key with the fingerprint in their bio was found');
    await alicePage.close();
  });
});
