import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { changePassphrase, importSecretKey } from '../../../src/core/importKey.ts';
import { unlockPrivateKey, WrongPassphraseError } from '../../../src/core/keys.ts';
import { makePerson, PASSPHRASE, type Person } from './helpers.ts';

const NEW = 'a new sotto passphrase';
let vera: Person;

beforeAll(async () => {
  vera = await makePerson('Vera');
});

describe('importSecretKey', () => {
  it('opens the key with its old passphrase and protects it with the new one', async () => {
    const r = await importSecretKey({
      data: vera.armoredPrivate,
      currentPassphrase: PASSPHRASE,
      newPassphrase: NEW,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.key.fingerprint).toBe(vera.fingerprint);
    expect(r.key.name).toBe('Vera');
    await expect(unlockPrivateKey(r.key.armoredPrivate, PASSPHRASE)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const opened = await unlockPrivateKey(r.key.armoredPrivate, NEW);
    expect(opened.getFingerprint().toUpperCase()).toBe(vera.fingerprint);
    expect((await openpgp.readKey({ armoredKey: r.key.armoredPublic })).isPrivate()).toBe(false);
  });

  it('reads binary exports and unprotected keys', async () => {
    const binary = vera.privateKey.write(); // unprotected, binary
    const r = await importSecretKey({ data: binary, currentPassphrase: '', newPassphrase: NEW });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect((await openpgp.readPrivateKey({ armoredKey: r.key.armoredPrivate })).isDecrypted()).toBe(false);
  });

  it('refuses a wrong current passphrase and an empty new one', async () => {
    expect(
      await importSecretKey({ data: vera.armoredPrivate, currentPassphrase: 'nope', newPassphrase: NEW }),
    ).toEqual({
      ok: false,
      reason: 'wrong-passphrase',
    });
    expect(
      await importSecretKey({ data: vera.armoredPrivate, currentPassphrase: PASSPHRASE, newPassphrase: '' }),
    ).toEqual({ ok: false, reason: 'empty-passphrase' });
  });

  it('refuses public keys, stubs, garbage, and keys that cannot encrypt', async () => {
    const pub = await importSecretKey({
      data: vera.armoredPublic,
      currentPassphrase: '',
      newPassphrase: NEW,
    });
    expect(pub).toMatchObject({ ok: false, reason: 'public-key-only' });

    const stub = await openpgp.readPrivateKey({ armoredKey: vera.armoredPrivate });
    (stub.keyPacket as openpgp.SecretKeyPacket).makeDummy();
    const s = await importSecretKey({
      data: stub.armor(),
      currentPassphrase: PASSPHRASE,
      newPassphrase: NEW,
    });
    expect(s).toMatchObject({ ok: false, reason: 'stub-secret-key' });

    const junk = await importSecretKey({ data: 'not a key', currentPassphrase: '', newPassphrase: NEW });
    expect(junk).toMatchObject({ ok: false, reason: 'unreadable' });

    const signOnly = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Sig' }],
      subkeys: [],
      format: 'armored',
    });
    const so = await importSecretKey({
      data: signOnly.privateKey,
      currentPassphrase: '',
      newPassphrase: NEW,
    });
    expect(so).toMatchObject({ ok: false, reason: 'cannot-encrypt' });
  });
});

describe('changePassphrase', () => {
  it('re-protects the key only when the current passphrase is right', async () => {
    expect(await changePassphrase(vera.armoredPrivate, 'wrong', NEW)).toEqual({
      ok: false,
      reason: 'wrong-passphrase',
    });
    const r = await changePassphrase(vera.armoredPrivate, PASSPHRASE, NEW);
    if (!r.ok) throw new Error(r.reason);
    await expect(unlockPrivateKey(r.armoredPrivate, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect((await unlockPrivateKey(r.armoredPrivate, NEW)).getFingerprint().toUpperCase()).toBe(
      vera.fingerprint,
    );
  });
});
