// Importing keys made by GnuPG (`gpg --batch --quick-gen-key`), in real Chromium and Firefox with
// the built extension: an ECC key (ed25519 + cv25519) exported armored and an RSA key (rsa3072)
// exported binary are imported through the options page, published, and used to send and read
// messages. Keys Sotto cannot use are refused with the reason.
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { Gpg } from '../interop/tools.ts';
import { extensionDir } from '../support/dist.ts';
import { openAs, PASSPHRASE, putTokenInBio, storedSecretKey, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';
import { chooseFile, sendAs } from './vaultFlows.ts';

const GPG_PASSPHRASE = 'gnupg passphrase of mine';

interface Exported {
  fingerprint: string;
  file: { name: string; base64: string };
}

const made: Record<string, Exported | string> = {};

/** What `gpg` exports: secret keys (armored or binary), a public key, a stub. */
function makeKeys(gpg: Gpg): void {
  const ecc = gpg.genKey('Alice <alice@example.org>', 'ed25519');
  const armored = gpg.must(['--armor', '--export-secret-keys', ecc]).stdout;
  made.ecc = {
    fingerprint: ecc,
    file: { name: 'alice.sec.asc', base64: Buffer.from(armored).toString('base64') },
  };
  const rsa = gpg.genKey('Bob <bob@example.org>', 'rsa3072');
  const binary = gpg.must(['--export-secret-keys', rsa]).stdoutBytes;
  made.rsa = { fingerprint: rsa, file: { name: 'bob.gpg', base64: Buffer.from(binary).toString('base64') } };
  made.public = gpg.must(['--armor', '--export', ecc]).stdout;
  made.stub = Buffer.from(gpg.must(['--armor', '--export-secret-subkeys', ecc]).stdout).toString('base64');
  // A primary key that may only certify, with an encryption subkey: nothing can sign.
  gpg.must(['--quick-gen-key', 'Certify Only <c@example.org>', 'ed25519', 'cert', 'never']);
  const certOnly = gpg.fingerprint('Certify Only <c@example.org>');
  gpg.must(['--quick-add-key', certOnly, 'cv25519', 'encr', 'never']);
  made.cannotSign = Buffer.from(gpg.must(['--armor', '--export-secret-keys', certOnly]).stdout).toString(
    'base64',
  );
  // A signing key without an encryption subkey: nobody could write to it.
  gpg.must(['--quick-gen-key', 'Sign Only <s@example.org>', 'ed25519', 'sign', 'never']);
  const signOnly = gpg.fingerprint('Sign Only <s@example.org>');
  made.cannotEncrypt = Buffer.from(gpg.must(['--armor', '--export-secret-keys', signOnly]).stdout).toString(
    'base64',
  );
}

const exported = (name: 'ecc' | 'rsa') => made[name] as Exported;

async function openImport(user: UserBrowser): Promise<TestPage> {
  const options = await user.waitForPage((url) => url.includes('/extension/options.html'), 30_000);
  await options.click('[data-testid="onboard-import"]');
  await options.waitForSelector('[data-testid="import-file"]');
  return options;
}

async function fill(page: TestPage, selector: string, value: string): Promise<void> {
  await page.click(selector);
  await page.press('Control+a');
  await page.press('Backspace');
  if (value) await page.type(selector, value);
}

async function submitImport(options: TestPage, current: string, passphrase: string): Promise<void> {
  await fill(options, '[data-testid="import-current-passphrase"]', current);
  await fill(options, '[data-testid="import-passphrase"]', passphrase);
  await fill(options, '[data-testid="import-passphrase-repeat"]', passphrase);
  await options.click('[data-testid="import-submit"]');
}

async function refusal(options: TestPage, previous: string): Promise<string> {
  return poll('the import to be refused with a reason', 30_000, async () => {
    const text = await options.text('[data-testid="import-error"]').catch(() => '');
    return text && text !== previous ? text : undefined;
  });
}

/** Imports a file, checks the options page now shows the key, publishes it, and sets the bio. */
async function importAndPublish(
  options: TestPage,
  user: UserBrowser,
  fakex: FakeX,
  handle: string,
  key: Exported,
  passphrase: string,
): Promise<void> {
  await chooseFile(options, '[data-testid="import-file"]', key.file.name, key.file.base64);
  await submitImport(options, GPG_PASSPHRASE, passphrase);
  await options.waitForSelector('[data-testid="bio-token"]', { timeoutMs: 30_000 });
  expect((await options.text('[data-testid="fingerprint"]')).replace(/\s/g, '')).toBe(key.fingerprint);
  await options.click('[data-testid="upload-key"]');
  await poll('the keyserver upload to finish', 30_000, async () =>
    (await options.text('[data-testid="upload-status"]').catch(() => '')).includes('Published')
      ? true
      : undefined,
  );
  const page = await openAs(user, handle, '/home');
  await putTokenInBio(page, fakex, handle, `openpgp4fpr:${key.fingerprint.toLowerCase()}`);
  await page.close();
}

let gpg: Gpg;
beforeAll(() => {
  gpg = new Gpg(GPG_PASSPHRASE);
  makeKeys(gpg);
}, 120_000);
afterAll(() => gpg?.dispose());

describe.each(browserKinds)('importing GnuPG keys in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let bob: UserBrowser;
  let aliceOptions: TestPage;

  beforeAll(async () => {
    fakex = await startFakeX();
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    bob = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await fakex?.close();
  });

  it('refuses, with the reason, a public key, a stub, keys that cannot sign or encrypt, and a wrong passphrase', async () => {
    aliceOptions = await openImport(alice);
    // Pasted text (a public key, not the secret one).
    await aliceOptions.evaluate((text) => {
      const area = document.querySelector('[data-testid="import-text"]') as HTMLTextAreaElement;
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, made.public as string);
    await submitImport(aliceOptions, '', PASSPHRASE);
    let shown = await refusal(aliceOptions, '');
    expect(shown).toContain('This is a public key');

    const cases: Array<[string, string, string]> = [
      ['stub.asc', made.stub as string, 'no secret parts'],
      ['certify-only.asc', made.cannotSign as string, 'cannot sign'],
      ['sign-only.asc', made.cannotEncrypt as string, 'no encryption subkey'],
    ];
    for (const [name, base64, reason] of cases) {
      await chooseFile(aliceOptions, '[data-testid="import-file"]', name, base64);
      await submitImport(aliceOptions, GPG_PASSPHRASE, PASSPHRASE);
      shown = await refusal(aliceOptions, shown);
      expect(shown).toContain(reason);
    }

    await chooseFile(
      aliceOptions,
      '[data-testid="import-file"]',
      'alice.sec.asc',
      exported('ecc').file.base64,
    );
    await submitImport(aliceOptions, 'not the gnupg passphrase', PASSPHRASE);
    shown = await refusal(aliceOptions, shown);
    expect(shown).toContain("not the key's current passphrase");
    // Nothing was imported.
    expect(await aliceOptions.evaluate(() => !!document.querySelector('[data-testid="bio-token"]'))).toBe(
      false,
    );
  });

  it('imports the ECC key (armored) and the RSA key (binary), protected with the Sotto passphrase', async () => {
    // Alice picks a new passphrase for Sotto; Bob keeps his GnuPG one (allowed).
    await importAndPublish(aliceOptions, alice, fakex, 'alice', exported('ecc'), PASSPHRASE);
    const bobOptions = await openImport(bob);
    await importAndPublish(bobOptions, bob, fakex, 'bob', exported('rsa'), GPG_PASSPHRASE);
    // Stored protected by the Sotto passphrase: the GnuPG one no longer opens it.
    const stored = await openpgp.readPrivateKey({ armoredKey: await storedSecretKey(aliceOptions) });
    expect(stored.isDecrypted()).toBe(false);
    await expect(openpgp.decryptKey({ privateKey: stored, passphrase: GPG_PASSPHRASE })).rejects.toThrow();
    const opened = await openpgp.decryptKey({ privateKey: stored, passphrase: PASSPHRASE });
    expect(opened.getFingerprint().toUpperCase()).toBe(exported('ecc').fingerprint);
  });

  it('sends and reads messages both ways with the imported keys', async () => {
    const conversation = fakex.conversationId(['alice', 'bob']);
    const hello = `hello from an ed25519 key ${kind}`;
    await (await sendAs(alice, 'alice', conversation, hello)).close();
    const bobPage = await openAs(bob, 'bob', `/messages/${conversation}`);
    expect(await waitForDecrypted(bobPage, hello)).toContain('@alice');
    const reply = `and back from rsa3072 ${kind}`;
    await (await sendAs(bob, 'bob', conversation, reply)).close();
    const alicePage = await openAs(alice, 'alice', `/messages/${conversation}`);
    expect(await waitForDecrypted(alicePage, reply)).toContain('@bob');
    expect(await waitForDecrypted(alicePage, hello)).toContain('you');
    expect(fakex.recordedText()).not.toContain(hello);
    expect(fakex.recordedText()).not.toContain(reply);
  });
});
