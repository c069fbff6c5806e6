// The vault in real Chromium and Firefox with the built extension: locked state and its unlock
// path in the composer and the message frames, a wrong passphrase refused, unlocked across a
// service-worker restart (Chromium), change of passphrase, public-key export, and auto-lock after
// the idle time the user picks.
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAs, PASSPHRASE, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, type TestPage } from './harness/index.ts';
import { type Cast, castOf, type Member } from './scenario.ts';
import {
  choose,
  composerShows,
  downloadText,
  lockNow,
  messageStatuses,
  sendAs,
  sendIn,
  UNLOCK,
  unlockInComposer,
  waitForComposer,
  waitForText,
} from './vaultFlows.ts';

/** The user clicks into the conversation's message list (the tab had been opened behind the options tab). */
async function lookAt(page: TestPage): Promise<void> {
  await page.waitForSelector('[data-testid="DmActivityViewport"]');
  await page.click('[data-testid="DmActivityViewport"]');
}

const NEW_PASSPHRASE = 'a brand new passphrase 42';
const words = (what: string) => `${what} ${Math.random().toString(36).slice(2, 10)}`;

describe.each(browserKinds)('the vault in %s', (kind) => {
  let cast: Cast;
  let alice: Member;
  let bob: Member;
  let conversation: string;
  let alicePage: TestPage;
  let bobPage: TestPage;
  let passphrase = PASSPHRASE;

  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob']);
    alice = cast.members.alice!;
    bob = cast.members.bob!;
    conversation = cast.fakex.conversationId(['alice', 'bob']);
  });

  afterAll(async () => {
    await cast?.close();
  });

  it('shows the locked state in the composer and message frames, refuses a wrong passphrase, and unlocks in the composer', async () => {
    const first = words('first');
    bobPage = await sendAs(bob.browser, 'bob', conversation, first);
    await lockNow(alice.key.options);

    alicePage = await openAs(alice.browser, 'alice', `/messages/${conversation}`);
    await waitForComposer(alicePage, 'unlock');
    await poll('the message frame to say Sotto is locked', 30_000, async () =>
      (await messageStatuses(alicePage)).some((s) => s.includes('locked')) ? true : undefined,
    );

    const composer = await unlockInComposer(alicePage, 'not my passphrase');
    expect(await waitForText(composer, UNLOCK.error)).toContain('Wrong passphrase');
    expect(await composerShows(alicePage)).toBe('unlock');
    expect(await alice.key.options.text('[data-testid="lock-state"]')).toMatch(/locked/i);

    await composer.click(UNLOCK.passphrase);
    await composer.press('Control+a');
    await composer.type(UNLOCK.passphrase, passphrase);
    await composer.click(UNLOCK.submit);
    // The frame that said "locked" refreshes by itself and shows the text; the composer opens.
    await waitForDecrypted(alicePage, first);
    await waitForComposer(alicePage, 'input');
    await poll(
      'the options page to show the vault unlocked',
      10_000,
      async () =>
        (await alice.key.options.evaluate(() => !!document.querySelector('[data-testid="lock-now"]'))) ||
        undefined,
    );
  });

  it('stays unlocked when the browser stops the background: a new message decrypts with no prompt', async () => {
    await alice.browser.stopBackground();
    const second = words('after restart');
    await sendIn(bobPage, second);
    await waitForDecrypted(alicePage, second);
    expect(await composerShows(alicePage)).toBe('input');
    // Signing works too: the restored key sends, and bob reads it.
    await alice.browser.stopBackground();
    const reply = words('reply after restart');
    await sendIn(alicePage, reply);
    expect(await waitForDecrypted(bobPage, reply)).toContain('@alice');
    expect(await composerShows(alicePage)).toBe('input');
  });

  it('changes the passphrase: a wrong current one is refused, then only the new one unlocks', async () => {
    const options = alice.key.options;
    await options.type('[data-testid="change-current"]', 'wrong current passphrase');
    await options.type('[data-testid="change-next"]', NEW_PASSPHRASE);
    await options.type('[data-testid="change-repeat"]', NEW_PASSPHRASE);
    await options.click('[data-testid="change-submit"]');
    expect(await waitForText(options, '[data-testid="change-error"]')).toContain('Wrong current passphrase');

    await options.click('[data-testid="change-current"]');
    await options.press('Control+a');
    await options.type('[data-testid="change-current"]', passphrase);
    await options.click('[data-testid="change-submit"]');
    expect(await waitForText(options, '[data-testid="change-done"]')).toContain('Passphrase changed');

    await lockNow(options);
    await options.type('[data-testid="unlock-passphrase"]', passphrase);
    await options.click('[data-testid="unlock-submit"]');
    expect(await waitForText(options, '[data-testid="unlock-error"]')).toContain('Wrong passphrase');
    await options.click('[data-testid="unlock-passphrase"]');
    await options.press('Control+a');
    await options.type('[data-testid="unlock-passphrase"]', NEW_PASSPHRASE);
    await options.click('[data-testid="unlock-submit"]');
    await options.waitForSelector('[data-testid="lock-now"]');
    passphrase = NEW_PASSPHRASE;
  });

  it('exports the public key as an .asc file holding no secret', async () => {
    const { name, text } = await downloadText(alice.key.options, '[data-testid="export-public-download"]');
    expect(name).toMatch(/^sotto-[0-9a-f]{16}\.asc$/);
    expect(text).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(text).not.toContain('PRIVATE');
    const key = await openpgp.readKey({ armoredKey: text });
    expect(key.isPrivate()).toBe(false);
    expect(key.getFingerprint().toUpperCase()).toBe(alice.key.fingerprint);
  });

  it('auto-locks after the idle time chosen in the options page, and then asks again', async () => {
    const options = alice.key.options;
    await choose(options, '[data-testid="autolock-select"]', '1');
    await waitForText(options, '[data-testid="autolock-saved"]');
    const before = words('before auto-lock');
    await sendIn(bobPage, before);
    // Alice opens the conversation afresh (the options tab had the focus).
    await alicePage.close();
    alicePage = await openAs(alice.browser, 'alice', `/messages/${conversation}`);
    await lookAt(alicePage);
    await waitForDecrypted(alicePage, before);
    expect(await composerShows(alicePage)).toBe('input');

    // Nothing uses the key now; the one-minute alarm locks the vault (waiting, not timing).
    await waitForComposer(alicePage, 'unlock', 180_000);
    await poll(
      'the options page to show the vault locked',
      20_000,
      async () =>
        (await options.evaluate(() => !!document.querySelector('[data-testid="unlock-passphrase"]'))) ||
        undefined,
    );
    const after = words('while locked');
    await sendIn(bobPage, after);
    await alicePage.close();
    alicePage = await openAs(alice.browser, 'alice', `/messages/${conversation}`);
    await lookAt(alicePage);
    await waitForComposer(alicePage, 'unlock');
    await poll('the message frames to say Sotto is locked', 30_000, async () =>
      (await messageStatuses(alicePage)).some((s) => s.includes('locked')) ? true : undefined,
    );

    await unlockInComposer(alicePage, passphrase);
    await waitForDecrypted(alicePage, after);
    await waitForComposer(alicePage, 'input');
  }, 300_000);
});
