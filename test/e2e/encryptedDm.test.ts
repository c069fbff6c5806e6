// The walking skeleton, end to end, in real Chromium and Firefox with the built extension:
// two users set up Sotto, publish their keys, and exchange an encrypted DM on the fake x.com.
// The headline property: the other side reads the text, and X (its backend, DOM and storage)
// never sees it.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import {
  composerValue,
  type Onboarded,
  onboard,
  openAs,
  PASSPHRASE,
  pageSnapshot,
  putTokenInBio,
  storedSecretKey,
  typeInComposer,
  waitForDecrypted,
} from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type UserBrowser } from './harness/index.ts';

describe.each(browserKinds)('encrypted DM in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let bob: UserBrowser;
  let aliceKey: Onboarded;
  let bobKey: Onboarded;

  beforeAll(async () => {
    fakex = await startFakeX();
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    bob = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await fakex?.close();
  });

  it('onboards both users and publishes their bio tokens', async () => {
    [aliceKey, bobKey] = await Promise.all([onboard(alice, 'Alice'), onboard(bob, 'Bob')]);
    expect(aliceKey.fingerprint).not.toBe(bobKey.fingerprint);
    expect(fakex.keyserver.keys().map((k) => k.fingerprint)).toEqual(
      expect.arrayContaining([aliceKey.fingerprint, bobKey.fingerprint]),
    );
    const [alicePage, bobPage] = await Promise.all([
      openAs(alice, 'alice', '/home'),
      openAs(bob, 'bob', '/home'),
    ]);
    await putTokenInBio(alicePage, fakex, 'alice', aliceKey.bioToken);
    await putTokenInBio(bobPage, fakex, 'bob', bobKey.bioToken);
    await Promise.all([alicePage.close(), bobPage.close()]);
  });

  it('sends a sealed message that B reads in place and X never sees', async () => {
    const secret = `s3cr3t-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const text = `Meet at the old mill ${secret}\nbring the map 🗺️😀`;
    const conversation = fakex.conversationId(['alice', 'bob']);

    const alicePage = await openAs(alice, 'alice', `/messages/${conversation}`);
    const composer = await alicePage.waitForExtensionFrame('/extension/composer.html');
    await composer.waitForSelector('[data-testid="sotto-composer-input"]', { timeoutMs: 30_000 });
    expect(await composer.text('[data-testid="sotto-composer-status"]')).toContain('@bob');

    // Sample the page while the user types: the secret must never reach it.
    const samples: string[] = [];
    await typeInComposer(composer, text, async () => {
      samples.push(await pageSnapshot(alicePage));
    });
    expect(await composerValue(composer)).toBe(text);
    await composer.press('Enter');
    await poll('the composer to clear after sending', 30_000, async () =>
      (await composerValue(composer)) === '' ? true : undefined,
    );
    expect(fakex.messages(conversation)).toHaveLength(1);

    // B reads exactly the text, in place; A sees it in their own sent bubble.
    const bobPage = await openAs(bob, 'bob', `/messages/${conversation}`);
    const bobStatus = await waitForDecrypted(bobPage, text);
    expect(bobStatus).toContain('@alice');
    const aliceStatus = await waitForDecrypted(alicePage, text);
    expect(aliceStatus).toContain('you');

    samples.push(await pageSnapshot(alicePage), await pageSnapshot(bobPage));
    for (const sample of samples) expect(sample).not.toContain(secret);
    expect(fakex.recordedText()).not.toContain(secret);
    expect(fakex.recordedText()).toContain('SOTTO1:');
    // What X stores is the token with its human-readable lead.
    expect(fakex.messages(conversation)[0]?.text).toMatch(
      /^Encrypted message \(OpenPGP, read it with Sotto\): SOTTO1:/,
    );
  });

  it('produces ciphertext that gpg decrypts and verifies with B’s exported key', async () => {
    const token = fakex.messages(fakex.conversationId(['alice', 'bob']))[0]?.text ?? '';
    const alicePublic =
      fakex.keyserver.keys().find((k) => k.fingerprint === aliceKey.fingerprint)?.armored ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'sotto-gpg-'));
    const env = { ...process.env, GNUPGHOME: join(dir, 'gnupg') };
    const gpg = (args: string[]) =>
      execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', PASSPHRASE, ...args], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    try {
      mkdirSync(env.GNUPGHOME, { mode: 0o700 });
      writeFileSync(join(dir, 'bob.sec.asc'), await storedSecretKey(bobKey.options));
      writeFileSync(join(dir, 'alice.pub.asc'), alicePublic);
      writeFileSync(join(dir, 'token.txt'), token);
      gpg(['--import', join(dir, 'bob.sec.asc')]);
      gpg(['--import', join(dir, 'alice.pub.asc')]);
      // The shell line from the README that turns a token into a binary OpenPGP message.
      execSync(`sed -n 's/.*SOTTO1:\\([A-Za-z0-9+/=]*\\).*/\\1/p' token.txt | base64 -d > msg.gpg`, {
        cwd: dir,
      });
      const out = gpg(['--status-fd', '1', '--trust-model', 'always', '--decrypt', join(dir, 'msg.gpg')]);
      expect(out).toContain(`[GNUPG:] VALIDSIG ${aliceKey.fingerprint}`);
      expect(out).toContain('[GNUPG:] DECRYPTION_OKAY');
      expect(out).toContain('bring the map');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
