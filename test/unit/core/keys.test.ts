import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkPublicKey,
  exportPublic,
  fingerprintOf,
  generateKey,
  readAnyKey,
  UnusableKeyError,
  unlockPrivateKey,
  WrongPassphraseError,
} from '../../../src/core/keys.ts';
import { MAX_KEY_INPUT } from '../../../src/core/limits.ts';
import { makePerson, PASSPHRASE, type Person } from './helpers.ts';

let v4: Person;
let v6: Person;
let other: Person;
beforeAll(async () => {
  [v4, v6, other] = await Promise.all([makePerson('Vera'), makePerson('Sixten', 'v6'), makePerson('Otto')]);
});

/** A copy of `key` keeping only the packets `keep` accepts (user IDs and subkeys travel with their signatures). */
function stripPackets(key: openpgp.PublicKey, drop: 'user-ids' | 'subkeys'): string {
  const out = new openpgp.PacketList<openpgp.AnyPacket>();
  let section: 'primary' | 'user' | 'subkey' = 'primary';
  for (const p of key.toPacketList()) {
    if (p instanceof openpgp.UserIDPacket) section = 'user';
    else if (p instanceof openpgp.PublicSubkeyPacket) section = 'subkey';
    if ((drop === 'user-ids' && section === 'user') || (drop === 'subkeys' && section === 'subkey')) continue;
    out.push(p);
  }
  return openpgp.armor(openpgp.enums.armor.publicKey, out.write());
}

describe('generateKey', () => {
  it('v4 (default): Ed25519/Cv25519 legacy, passphrase-protected, 40-hex fingerprint', async () => {
    const priv = await openpgp.readPrivateKey({ armoredKey: v4.armoredPrivate });
    expect(priv.isDecrypted()).toBe(false);
    expect(priv.keyPacket.version).toBe(4);
    expect(priv.getAlgorithmInfo()).toMatchObject({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
    expect(priv.subkeys[0]!.getAlgorithmInfo()).toMatchObject({
      algorithm: 'ecdh',
      curve: 'curve25519Legacy',
    });
    expect(v4.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(v4.armoredPublic).not.toContain('PRIVATE');
  });

  it('v6: RFC 9580 Ed25519/X25519 advertising SEIPDv2, 64-hex fingerprint', async () => {
    const priv = await openpgp.readPrivateKey({ armoredKey: v6.armoredPrivate });
    expect(priv.isDecrypted()).toBe(false);
    expect(priv.keyPacket.version).toBe(6);
    expect(priv.getAlgorithmInfo().algorithm).toBe('ed25519');
    expect(priv.subkeys[0]!.getAlgorithmInfo().algorithm).toBe('x25519');
    // Not in OpenPGP.js's typings: the self-signature's Features subpacket (0x08 = SEIPDv2).
    const sig = await (
      priv as unknown as { getPrimarySelfSignature(): Promise<{ features: number[] }> }
    ).getPrimarySelfSignature();
    expect(sig.features[0]! & 0x08).toBe(0x08);
    expect(v6.fingerprint).toMatch(/^[0-9A-F]{64}$/);
  });

  it('refuses an empty passphrase (the key would be stored in clear)', async () => {
    await expect(generateKey({ name: 'x', passphrase: '' })).rejects.toThrow(/passphrase/);
  });
});

describe('unlockPrivateKey', () => {
  it.each(['v4', 'v6'] as const)('%s: opens with the right passphrase', async (profile) => {
    const p = profile === 'v4' ? v4 : v6;
    const key = await unlockPrivateKey(p.armoredPrivate, PASSPHRASE);
    expect(key.isDecrypted()).toBe(true);
    expect(fingerprintOf(key)).toBe(p.fingerprint);
  });
  it.each(['v4', 'v6'] as const)('%s: throws WrongPassphraseError on a wrong passphrase', async (profile) => {
    const p = profile === 'v4' ? v4 : v6;
    await expect(unlockPrivateKey(p.armoredPrivate, 'nope')).rejects.toBeInstanceOf(WrongPassphraseError);
  });
  it('throws UnusableKeyError for a public key, garbage, or a stub', async () => {
    await expect(unlockPrivateKey(v4.armoredPublic, PASSPHRASE)).rejects.toBeInstanceOf(UnusableKeyError);
    await expect(unlockPrivateKey('hello', PASSPHRASE)).rejects.toBeInstanceOf(UnusableKeyError);
    const stub = await openpgp.readPrivateKey({ armoredKey: v4.armoredPrivate });
    (stub.subkeys[0]!.keyPacket as openpgp.SecretSubkeyPacket).makeDummy();
    await expect(unlockPrivateKey(stub.armor(), PASSPHRASE)).rejects.toBeInstanceOf(UnusableKeyError);
  });
});

describe('readAnyKey', () => {
  it('reads armored public and private keys, and binary ones', async () => {
    const pub = await readAnyKey(v4.armoredPublic);
    expect(pub).toMatchObject({ ok: true, isPrivate: false, fingerprint: v4.fingerprint });
    const priv = await readAnyKey(v6.armoredPrivate);
    expect(priv).toMatchObject({ ok: true, isPrivate: true, fingerprint: v6.fingerprint });
    const bin = await readAnyKey(v4.privateKey.write());
    expect(bin).toMatchObject({ ok: true, isPrivate: true, fingerprint: v4.fingerprint });
    const armoredBytes = await readAnyKey(new TextEncoder().encode(v4.armoredPublic));
    expect(armoredBytes).toMatchObject({ ok: true, isPrivate: false, fingerprint: v4.fingerprint });
  });
  it('refuses gnu-dummy stubs (primary or subkey) with a clear reason', async () => {
    for (const which of ['primary', 'subkey'] as const) {
      const k = await openpgp.readPrivateKey({ armoredKey: v4.armoredPrivate });
      const packet = which === 'primary' ? k.keyPacket : k.subkeys[0]!.keyPacket;
      (packet as openpgp.SecretKeyPacket | openpgp.SecretSubkeyPacket).makeDummy();
      const r = await readAnyKey(k.armor());
      expect(r).toMatchObject({ ok: false, reason: 'stub-secret-key' });
      if (!r.ok) expect(r.detail).toMatch(/export-secret-keys/);
    }
  });
  it('refuses several keys at once, garbage, and oversized input', async () => {
    const two = new Uint8Array([...v4.publicKey.write(), ...other.publicKey.write()]);
    expect(await readAnyKey(two)).toMatchObject({ ok: false, reason: 'multiple-keys' });
    expect(await readAnyKey('not a key')).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await readAnyKey(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await readAnyKey('x'.repeat(MAX_KEY_INPUT + 1))).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('checkPublicKey', () => {
  it.each(['v4', 'v6'] as const)(
    '%s: accepts the key whose primary fingerprint is expected',
    async (profile) => {
      const p = profile === 'v4' ? v4 : v6;
      const r = await checkPublicKey(p.armoredPublic, p.fingerprint.toLowerCase());
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(fingerprintOf(r.key)).toBe(p.fingerprint);
        expect(r.key.isPrivate()).toBe(false);
        expect(r.armored).toContain('BEGIN PGP PUBLIC KEY BLOCK');
      }
    },
  );
  it('accepts binary input and a private key (returning only its public part)', async () => {
    expect((await checkPublicKey(v4.publicKey.write(), v4.fingerprint)).ok).toBe(true);
    const r = await checkPublicKey(v4.armoredPrivate, v4.fingerprint);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.armored).not.toContain('PRIVATE');
  });
  it('picks the matching key out of several', async () => {
    const two = new Uint8Array([...other.publicKey.write(), ...v4.publicKey.write()]);
    const r = await checkPublicKey(two, v4.fingerprint);
    expect(r.ok && fingerprintOf(r.key)).toBe(v4.fingerprint);
  });
  it('fingerprint-mismatch: another key, or a subkey fingerprint', async () => {
    expect(await checkPublicKey(v4.armoredPublic, other.fingerprint)).toEqual({
      ok: false,
      reason: 'fingerprint-mismatch',
    });
    const subFpr = v4.publicKey.subkeys[0]!.getFingerprint();
    expect(await checkPublicKey(v4.armoredPublic, subFpr)).toEqual({
      ok: false,
      reason: 'fingerprint-mismatch',
    });
    expect(await checkPublicKey(v4.armoredPublic, 'garbage')).toEqual({
      ok: false,
      reason: 'fingerprint-mismatch',
    });
  });
  it('unreadable', async () => {
    expect(await checkPublicKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n', v4.fingerprint)).toEqual({
      ok: false,
      reason: 'unreadable',
    });
  });
  it('no-user-id: a v4 key stripped of user IDs (as keys.openpgp.org serves it)', async () => {
    const stripped = stripPackets(v4.publicKey, 'user-ids');
    expect(await checkPublicKey(stripped, v4.fingerprint)).toEqual({ ok: false, reason: 'no-user-id' });
    // The reason is real: OpenPGP.js cannot encrypt to it.
    const key = await openpgp.readKey({ armoredKey: stripped });
    await expect(
      openpgp.encrypt({ message: await openpgp.createMessage({ text: 'x' }), encryptionKeys: key }),
    ).rejects.toThrow(/primary user/);
  });
  it('a v6 key without user IDs is fine (preferences live on a direct-key signature)', async () => {
    const stripped = stripPackets(v6.publicKey, 'user-ids');
    expect((await checkPublicKey(stripped, v6.fingerprint)).ok).toBe(true);
  });
  it('no-encryption-key: a key without its encryption subkey', async () => {
    const stripped = stripPackets(v4.publicKey, 'subkeys');
    expect(await checkPublicKey(stripped, v4.fingerprint)).toEqual({
      ok: false,
      reason: 'no-encryption-key',
    });
  });
  it('expired-or-revoked', async () => {
    const old = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'old' }],
      date: new Date(Date.now() - 10 * 86_400_000),
      keyExpirationTime: 86_400,
    });
    const oldFpr = (await openpgp.readKey({ armoredKey: old.publicKey })).getFingerprint();
    expect(await checkPublicKey(old.publicKey, oldFpr)).toEqual({ ok: false, reason: 'expired-or-revoked' });
    const { publicKey: revoked } = await openpgp.revokeKey({ key: v4.privateKey });
    expect(await checkPublicKey(revoked, v4.fingerprint)).toEqual({
      ok: false,
      reason: 'expired-or-revoked',
    });
  });
});

describe('fingerprintOf / exportPublic', () => {
  it('fingerprint is uppercase; export drops secrets and reads back to the same key', async () => {
    expect(fingerprintOf(v4.privateKey)).toBe(v4.privateKey.getFingerprint().toUpperCase());
    const armored = exportPublic(v4.privateKey);
    expect(armored).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    const back = await openpgp.readKey({ armoredKey: armored });
    expect(back.isPrivate()).toBe(false);
    expect(fingerprintOf(back)).toBe(v4.fingerprint);
    expect(exportPublic(v4.publicKey)).toBe(v4.publicKey.armor());
  });
});
