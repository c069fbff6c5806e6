// The in-band key exchange between two real profiles: B's key is served by keys.openpgp.org
// without user IDs (B gave no e-mail), so A cannot encrypt to it. A asks through X; B's Sotto shows
// the request and, when B agrees, answers with a key card; A's Sotto checks the card against B's
// bio, pins it, and A's next message goes out encrypted to B. A card for another key is rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKeyCard } from '../../src/core/keyCard.ts';
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import { type Onboarded, openAs, typeInComposer } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';
import { secureComposer } from './scenario.ts';
import {
  contactsShown,
  expectNoPlaintext,
  frameWith,
  groups,
  nextMessage,
  nodeKey,
  onboardWith,
  sendAs,
  setToken,
  waitForContact,
  waitForShown,
} from './trustFlows.ts';

describe.each(browserKinds)('key request and key card in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let bob: UserBrowser;
  let aliceKey: Onboarded;
  let bobKey: Onboarded;
  let alicePage: TestPage;
  let conversation: string;

  beforeAll(async () => {
    fakex = await startFakeX();
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    bob = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    [aliceKey, bobKey] = await Promise.all([
      onboardWith(alice, 'Alice', 'alice@example.org'),
      onboardWith(bob, 'Bob', null),
    ]);
    setToken(fakex, 'alice', aliceKey.bioToken);
    setToken(fakex, 'bob', bobKey.bioToken);
    conversation = fakex.conversationId(['alice', 'bob']);
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await fakex?.close();
  });

  it('A asks for the key the keyserver serves without user IDs, B consents, and A then writes to B encrypted', async () => {
    alicePage = await openAs(alice, 'alice', `/messages/${conversation}`);
    const ask = await frameWith(alicePage, '[data-testid="sotto-askkey-reason"]');
    expect(ask.text).toContain('@bob');
    expect(ask.text).toContain('without a user ID');
    await ask.frame.click('[data-testid="sotto-askkey-button"]');
    const request = await poll(
      'the key request to reach X',
      30_000,
      async () => fakex.messages(conversation).at(-1)?.text,
    );
    expect(request).toBe(`Sotto key request (answer it with Sotto): SOTTOKR1:${aliceKey.fingerprint}~`);
    // A's own request is shown as such, without an answer button.
    const own = await frameWith(alicePage, '[data-testid="sotto-keyrequest-text"]');
    expect(own.text).toContain('You asked');

    // B sees who asks and decides; nothing is sent before B clicks.
    const bobPage = await openAs(bob, 'bob', `/messages/${conversation}`);
    const asked = await frameWith(bobPage, '[data-testid="sotto-keyrequest-send"]');
    expect(await asked.frame.text('[data-testid="sotto-keyrequest-text"]')).toContain(
      '@alice asks for your Sotto key',
    );
    expect(fakex.messages(conversation)).toHaveLength(1);
    await asked.frame.click('[data-testid="sotto-keyrequest-send"]');
    // (The frame itself may be re-mounted as X re-renders the list: watch what reaches X.)
    const card = await poll('B’s key card to reach X', 30_000, async () => {
      const last = fakex.messages(conversation).at(-1)?.text ?? '';
      return last.includes('SOTTOKC1:') ? last : undefined;
    });
    expect(card).toMatch(
      /^Sotto key card \(OpenPGP public key, add it with Sotto\): SOTTOKC1:[A-Za-z0-9+/]+=*~$/,
    );
    expect(card).not.toMatch(/PRIVATE/);
    // A's Sotto checks the card against B's bio and pins it; the conversation becomes sealed.
    const pinned = await frameWith(alicePage, '[data-testid="sotto-keycard-status"]', (t) =>
      t.includes('Pinned'),
    );
    expect(pinned.text).toContain('@bob');
    expect(
      await pinned.frame.evaluate(
        () =>
          document.querySelector('[data-testid="sotto-keycard-status"]')?.getAttribute('data-outcome') ?? '',
      ),
    ).toBe('pinned');
    const contact = await waitForContact(aliceKey.options, 'bob');
    expect(contact.fingerprint).toBe(groups(bobKey.fingerprint));
    expect(contact.text).toContain('from a key card');

    const secret = `card-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const composer = await secureComposer(alicePage);
    await poll('the composer to say the conversation is encrypted to @bob', 30_000, async () =>
      (await composer.text('[data-testid="sotto-composer-status"]')).includes('@bob') ? true : undefined,
    );
    const before = fakex.messages(conversation).length;
    await typeInComposer(composer, `hello ${secret}`);
    await composer.press('Enter');
    expect(await nextMessage(fakex, conversation, before)).toMatch(/SOTTO1:/);
    expect(await waitForShown(bobPage, `hello ${secret}`)).toContain('@alice');
    expectNoPlaintext(fakex, secret);
    await bobPage.close();
  });

  it('rejects a key card whose fingerprint is not the one in the sender’s bio', async () => {
    const mallory = await nodeKey('Bob', 'bob@example.org');
    await sendAs(fakex, 'bob', conversation, await formatKeyCard(mallory.publicKey));
    const rejected = await frameWith(alicePage, '[data-testid="sotto-keycard-status"]', (t) =>
      t.includes('rejected'),
    );
    expect(rejected.text).toContain('does not match the bio of @bob');
    const shown = await rejected.frame.evaluate(() => document.body.textContent ?? '');
    expect(shown).toContain(groups(mallory.fingerprint));
    expect(shown).toContain(groups(bobKey.fingerprint));
    // Bob's pinned key is unchanged.
    const contacts = await contactsShown(aliceKey.options);
    expect(contacts.find((c) => c.handle === 'bob')?.fingerprint).toBe(groups(bobKey.fingerprint));
    await alicePage.close();
  });
});
