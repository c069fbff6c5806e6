// Sealed exchanges on every DM surface X has, in both browsers: the classic page, XChat, the
// floating drawer over another page, and a group of four where one member has no Sotto (they see
// the ciphertext with its human-readable lead and can still read it with their own OpenPGP key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, generateKey, unlockPrivateKey } from '../../src/core/keys.ts';
import { decryptMessage } from '../../src/core/message.ts';
import { composerValue, openAs, typeInComposer, waitForDecrypted } from './flows.ts';
import { poll, sleep } from './harness/common.ts';
import { browserKinds, type TestPage } from './harness/index.ts';
import { type Cast, castOf, plainBrowser, STATUS, secureComposer } from './scenario.ts';

async function sendFrom(page: TestPage, text: string): Promise<void> {
  const composer = await secureComposer(page);
  await typeInComposer(composer, text);
  await composer.press('Enter');
  await poll('the secure composer to clear after sending', 30_000, async () =>
    (await composerValue(composer)) === '' ? true : undefined,
  );
}

describe.each(browserKinds)('DM surfaces in %s', (kind) => {
  let cast: Cast;
  const one = () => cast.fakex.conversationId(['alice', 'bob']);

  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob', 'carol']);
  });
  afterAll(() => cast?.close());

  it('classic page: a sealed exchange', async () => {
    const text = `classic ${kind} ${Date.now()}`;
    const alice = await openAs(cast.members.alice!.browser, 'alice', `/messages/${one()}`);
    await sendFrom(alice, text);
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/messages/${one()}`);
    expect(await waitForDecrypted(bob, text)).toContain('@alice');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('XChat: a sealed exchange through its React textarea', async () => {
    const text = `xchat ${kind} ${Date.now()}`;
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/i/chat/${one()}`);
    await sendFrom(bob, text);
    const stored = cast.fakex.messages(one()).at(-1)?.text ?? '';
    expect(stored).toMatch(/^Encrypted message \(OpenPGP, read it with Sotto\): SOTTO1:/);
    const alice = await openAs(cast.members.alice!.browser, 'alice', `/i/chat/${one()}`);
    expect(await waitForDecrypted(alice, text)).toContain('@bob');
    expect(cast.fakex.recordedText()).not.toContain(text);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('the DM drawer over the home timeline: a sealed exchange', async () => {
    const text = `drawer ${kind} ${Date.now()}`;
    const alice = await openAs(cast.members.alice!.browser, 'alice', '/home');
    await alice.click('[data-testid="DMDrawerHeader"]');
    await alice.click('[data-testid="DMDrawer"] [data-testid="conversation"]');
    await sendFrom(alice, text);
    expect(alice.url()).toMatch(/\/home$/);
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/messages/${one()}`);
    expect(await waitForDecrypted(bob, text)).toContain('@alice');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('a group of four, one of them without Sotto', async () => {
    // Dave has an OpenPGP key and its token in his bio, but no Sotto.
    const dave = await generateKey({
      name: 'Dave',
      email: 'dave@example.org',
      passphrase: 'dave passphrase',
    });
    cast.fakex.keyserver.add(dave.armoredPublic, true);
    cast.fakex.setBio('dave', `Here for the birds. openpgp4fpr:${dave.fingerprint.toLowerCase()}`);
    const group = cast.fakex.createGroup(['alice', 'bob', 'carol', 'dave'], 'Birders');

    // Alice has seen the members' profiles (their bios) and the group's member list.
    const alice = await openAs(cast.members.alice!.browser, 'alice', '/home');
    for (const path of ['/carol', '/dave', `/messages/${group}/info`]) {
      await alice.goto(`https://x.com${path}`);
      await alice.waitForSelector('[data-testid="UserDescription"], [data-testid="UserCell"]');
      await sleep(1000); // a reader's glance: Sotto reads what the page shows
    }
    await alice.goto(`https://x.com/messages/${group}`);
    const composer = await secureComposer(alice);
    await poll('the group composer to name every member', 30_000, async () => {
      const status = await composer.text(STATUS);
      return /@bob/.test(status) && /@carol/.test(status) && /@dave/.test(status) ? status : undefined;
    });
    const text = `group ${kind} ${Date.now()}`;
    await typeInComposer(composer, text);
    await composer.press('Enter');
    await poll('the group message to go out', 30_000, async () =>
      (await composerValue(composer)) === '' ? true : undefined,
    );

    for (const reader of ['bob', 'carol'] as const) {
      const page = await openAs(cast.members[reader]!.browser, reader, '/alice');
      await page.waitForSelector('[data-testid="UserDescription"]');
      await page.goto(`https://x.com/messages/${group}`);
      expect(await waitForDecrypted(page, text)).toContain('@alice');
      await page.close();
    }

    // Dave, without Sotto, sees the token with its lead, and his own key reads it.
    const plain = await plainBrowser(cast.fakex, 'dave');
    try {
      await plain.page.goto(`https://x.com/messages/${group}`);
      const shown = (await plain.page.locator('[data-testid="tweetText"]').last().textContent()) ?? '';
      expect(shown).toMatch(/^Encrypted message \(OpenPGP, read it with Sotto\): SOTTO1:/);
      const alice = cast.members.alice!.key.fingerprint;
      const alicePublic = cast.fakex.keyserver.keys().find((k) => k.fingerprint === alice)?.armored ?? '';
      const checked = await checkPublicKey(alicePublic, alice);
      if (!checked.ok) throw new Error(`Alice's key: ${checked.reason}`);
      const result = await decryptMessage({
        input: shown,
        decryptionKey: await unlockPrivateKey(dave.armoredPrivate, 'dave passphrase'),
        verificationKeys: [checked.key],
        context: { site: 'x.com', conversation: group },
      });
      expect(result).toMatchObject({ state: 'ok', text, signer: { fingerprint: alice } });
    } finally {
      await plain.close();
    }
    expect(cast.fakex.recordedText()).not.toContain(text);
    await alice.close();
  });
});
