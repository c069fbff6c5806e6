// Key discovery from bios, with the built extension. A finds each contact's key from where X shows
// their bio — B's profile page, the partner card at the top of a conversation, the hover card — and
// the key from the local keys.openpgp.org is pinned only when its primary fingerprint is the bio's
// and it can encrypt. Each found key ends in a sealed composer whose message the contact's own key
// opens (checked outside the browser). XChat shows no bio, so a sealed XChat conversation proves the
// key came from where the bio was seen before. A key served without user IDs is not usable (the
// composer offers "Ask for their key"); a keyserver answer for another primary key is rejected; in
// both cases nothing is sent.
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptMessage } from '../../src/core/message.ts';
import { DEFAULT_USERS, type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import { type Onboarded, openAs, typeInComposer } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';
import { ERROR, STATUS, secureComposer } from './scenario.ts';
import {
  contactsShown,
  expectNoPlaintext,
  frameWith,
  groups,
  nextMessage,
  nodeKey,
  onboardWith,
  sentTokens,
  setToken,
  waitForContact,
} from './trustFlows.ts';

type NodeKey = Awaited<ReturnType<typeof nodeKey>>;

const USERS = [
  ...DEFAULT_USERS,
  { id: '1005', handle: 'erin', name: 'Erin', bio: 'Collects stamps.' },
  { id: '1006', handle: 'frank', name: 'Frank', bio: 'Plays chess on Sundays.' },
];

const secret = () => Math.random().toString(36).slice(2, 10);

describe.each(browserKinds)('key discovery from bios in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let aliceKey: Onboarded;
  let alicePublic: openpgp.PublicKey;
  // Contacts with keys made outside any browser: only their bios and the keyserver tell A about them.
  const keys: Record<string, NodeKey> = {};
  const pages: TestPage[] = [];

  const open = async (path: string) => {
    const page = await openAs(alice, 'alice', path);
    pages.push(page);
    return page;
  };
  const conversationWith = (handle: string) => fakex.conversationId(['alice', handle]);

  /** Nothing about `handle` on the contact list (yet). */
  const notAContact = async (handle: string) =>
    expect((await contactsShown(aliceKey.options)).map((c) => c.handle)).not.toContain(handle);

  /** The composer says the conversation is sealed to `handle`; a message goes out that their key opens. */
  async function sendsSealedTo(page: TestPage, handle: string): Promise<void> {
    const composer = await secureComposer(page);
    const status = await poll(`the composer to be sealed to @${handle}`, 30_000, async () => {
      const text = await composer.text(STATUS).catch(() => '');
      return text.includes(`End-to-end encrypted to @${handle}`) ? text : undefined;
    });
    expect(status).toContain('and you');
    const conversation = conversationWith(handle);
    const text = `hello ${handle} ${secret()}`;
    const before = fakex.messages(conversation).length;
    await typeInComposer(composer, text);
    await composer.press('Enter');
    const sent = await nextMessage(fakex, conversation, before);
    expect(sent).toMatch(/SOTTO1:/);
    const opened = await decryptMessage({
      input: sent,
      decryptionKey: keys[handle]!.privateKey,
      verificationKeys: [alicePublic],
      context: { site: 'x.com', conversation },
    });
    expect(opened.state).toBe('ok');
    if (opened.state !== 'ok') return;
    expect(opened.text).toBe(text);
    expect(opened.signer.fingerprint).toBe(aliceKey.fingerprint);
    expectNoPlaintext(fakex, text);
  }

  /** The composer is not sealed, says why, offers the key request; forcing it still sends nothing. */
  async function refusesToSend(page: TestPage, handle: string, reason: string): Promise<void> {
    const composer = await page.waitForExtensionFrame('/extension/composer.html', { timeoutMs: 30_000 });
    const status = await poll(`the composer to say @${handle} has no usable key`, 30_000, async () => {
      const text = await composer.text(STATUS).catch(() => '');
      return text.includes(`No usable Sotto key for @${handle}`) ? text : undefined;
    });
    expect(status).toContain('Not encrypted');
    const ask = await frameWith(page, '[data-testid="sotto-askkey-reason"]');
    expect(ask.text).toContain(`The key of @${handle} cannot be used yet`);
    expect(ask.text).toContain(reason);
    expect(await ask.frame.text('[data-testid="sotto-askkey-button"]')).toBe(`Ask @${handle} for their key`);

    // The user insists on encrypting anyway: the text stays with them and nothing reaches X.
    const conversation = conversationWith(handle);
    const tokensBefore = sentTokens(fakex);
    const messagesBefore = fakex.messages(conversation).length;
    await composer.click('[data-testid="sotto-composer-seal"]');
    const sealed = await secureComposer(page);
    const text = `not for ${handle} ${secret()}`;
    await typeInComposer(sealed, text);
    await sealed.press('Enter');
    await sealed.waitForSelector(ERROR, { timeoutMs: 30_000 });
    expect(await sealed.text(ERROR)).toContain('Nothing was sent');
    expect(await sealed.text(STATUS)).toContain(`no usable key for @${handle}`);
    expect(sentTokens(fakex)).toBe(tokensBefore);
    expect(fakex.messages(conversation)).toHaveLength(messagesBefore);
    expectNoPlaintext(fakex, text);
    await notAContact(handle);
  }

  beforeAll(async () => {
    fakex = await startFakeX({ users: USERS });
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    const made = Promise.all(
      ['bob', 'carol', 'dave', 'erin', 'frank'].map(async (h) => {
        keys[h] = await nodeKey(h[0]!.toUpperCase() + h.slice(1), `${h}@example.org`);
      }),
    );
    aliceKey = await onboardWith(alice, 'Alice', 'alice@example.org');
    await made;
    setToken(fakex, 'alice', aliceKey.bioToken);
    const served = fakex.keyserver.keys().find((k) => k.fingerprint === aliceKey.fingerprint);
    alicePublic = await openpgp.readKey({ armoredKey: served!.armored });
    // Published with verified e-mail addresses: the keyserver serves them whole.
    for (const h of ['bob', 'carol', 'dave', 'frank']) await fakex.keyserver.add(keys[h]!.armored, true);
    // Erin's address is not verified yet: keys.openpgp.org serves her key without user IDs.
    await fakex.keyserver.add(keys.erin!.armored, false);
    for (const h of ['bob', 'carol', 'dave', 'erin']) setToken(fakex, h, keys[h]!.token);
    // Frank's bio names his encryption subkey: the keyserver finds the key by it, but its primary
    // fingerprint is another one.
    const subkey = keys.frank!.publicKey.getSubkeys()[0]!.getFingerprint();
    setToken(fakex, 'frank', `openpgp4fpr:${subkey}`);
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((p) => p.close()));
    await alice?.close();
    await fakex?.close();
  });

  it('finds B’s key from B’s profile page and seals a conversation that shows no bio', async () => {
    await notAContact('bob');
    const profile = await open('/bob');
    const contact = await waitForContact(aliceKey.options, 'bob');
    expect(contact.fingerprint).toBe(groups(keys.bob!.fingerprint));
    expect(contact.trust).toBe('pinned');
    await profile.close();
    // XChat shows no bio: what seals it is the key found on the profile page.
    const chat = await open(`/i/chat/${conversationWith('bob')}`);
    await sendsSealedTo(chat, 'bob');
    await chat.close();
  });

  it('finds C’s key from the partner card at the top of the conversation', async () => {
    // In XChat, with no bio seen yet, there is nothing to seal with.
    const chat = await open(`/i/chat/${conversationWith('carol')}`);
    const unsealed = await chat.waitForExtensionFrame('/extension/composer.html', { timeoutMs: 30_000 });
    await poll('the composer to say @carol has no key', 30_000, async () =>
      (await unsealed.text(STATUS).catch(() => '')).includes('No usable Sotto key for @carol')
        ? true
        : undefined,
    );
    await chat.close();
    await notAContact('carol');

    const page = await open(`/messages/${conversationWith('carol')}`);
    await sendsSealedTo(page, 'carol');
    const contact = await waitForContact(aliceKey.options, 'carol');
    expect(contact.fingerprint).toBe(groups(keys.carol!.fingerprint));
    await page.close();
  });

  it('finds D’s key from the hover card over a link to D in the inbox', async () => {
    const conversation = conversationWith('dave');
    fakex.seed(conversation, [{ from: 'dave', text: 'Saw a heron today.' }]);
    await notAContact('dave');
    const inbox = await open('/messages');
    await inbox.waitForSelector('[data-testid="conversation"] a[href="/dave"]');
    await inbox.evaluate(() => {
      const link = document.querySelector('[data-testid="conversation"] a[href="/dave"]')!;
      link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, cancelable: true }));
    });
    await inbox.waitForSelector('#layers [data-testid="HoverCard"] [data-testid="UserDescription"]');
    expect(await inbox.text('#layers [data-testid="HoverCard"]')).toContain(keys.dave!.token);
    const contact = await waitForContact(aliceKey.options, 'dave');
    expect(contact.fingerprint).toBe(groups(keys.dave!.fingerprint));
    await inbox.close();

    const chat = await open(`/i/chat/${conversation}`);
    await sendsSealedTo(chat, 'dave');
    await chat.close();
  });

  it('does not use a key the keyserver serves without user IDs, offers the key request, sends nothing', async () => {
    const page = await open(`/messages/${conversationWith('erin')}`);
    await refusesToSend(page, 'erin', 'without a user ID');
    await page.close();
  });

  it('rejects a keyserver answer whose primary fingerprint is not the one in the bio', async () => {
    const page = await open(`/messages/${conversationWith('frank')}`);
    await refusesToSend(page, 'frank', 'does not match the one in their bio, so it was rejected');
    await page.close();
  });
});
