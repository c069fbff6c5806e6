// Key generation, unlocking, import and acceptance checks. Keys stay OpenPGP.js
// objects; the background keeps them, the core never stores anything.

import * as openpgp from 'openpgp';
import { normalizeFingerprint } from './bioToken.ts';
import { MAX_KEY_INPUT } from './limits.ts';

export type KeyProfile = 'v4' | 'v6';

/** Thrown by unlockPrivateKey when the passphrase does not decrypt the key. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

/** Thrown by unlockPrivateKey for keys the core cannot use (unreadable, stub, public). */
export class UnusableKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableKeyError';
  }
}

export interface GeneratedKey {
  /** Passphrase-encrypted (OpenPGP S2K). */
  armoredPrivate: string;
  armoredPublic: string;
  /** Primary fingerprint, UPPERCASE hex. */
  fingerprint: string;
}

/**
 * v4 (default): Ed25519/Cv25519 "curve25519Legacy", read by gpg 2.2+ and sq.
 * v6: RFC 9580 X25519/Ed25519 with SEIPDv2 advertised; OpenPGP.js-only today.
 */
export async function generateKey(opts: {
  name: string;
  /** Optional: keys.openpgp.org publishes a key's user IDs only for verified e-mail addresses. */
  email?: string;
  passphrase: string;
  profile?: KeyProfile;
}): Promise<GeneratedKey> {
  // A key at rest must be protected; an empty passphrase would store it in clear.
  if (opts.passphrase.length === 0) throw new Error('a passphrase is required');
  const userID = opts.email ? { name: opts.name, email: opts.email } : { name: opts.name };
  const common = { userIDs: [userID], passphrase: opts.passphrase, format: 'armored' as const };
  const { privateKey, publicKey } =
    opts.profile === 'v6'
      ? await openpgp.generateKey({
          ...common,
          type: 'curve25519',
          config: { v6Keys: true, aeadProtect: true },
        })
      : await openpgp.generateKey({ ...common, type: 'ecc', curve: 'curve25519Legacy' });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { armoredPrivate: privateKey, armoredPublic: publicKey, fingerprint: fingerprintOf(key) };
}

/** Decrypts a stored private key. Throws WrongPassphraseError or UnusableKeyError. */
export async function unlockPrivateKey(
  armoredPrivate: string,
  passphrase: string,
): Promise<openpgp.PrivateKey> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: armoredPrivate });
  } catch (e) {
    throw new UnusableKeyError(`unreadable private key: ${errorText(e)}`);
  }
  const stub = stubReason(key);
  if (stub) throw new UnusableKeyError(stub);
  if (key.isDecrypted()) return key; // imported without protection
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch {
    // OpenPGP.js reports a wrong passphrase as a checksum or AEAD failure; either
    // way this passphrase does not open this key.
    throw new WrongPassphraseError();
  }
}

export type ReadKeyResult =
  | { ok: true; key: openpgp.Key; isPrivate: boolean; fingerprint: string }
  | {
      ok: false;
      reason: 'unreadable' | 'too-large' | 'no-key' | 'multiple-keys' | 'stub-secret-key';
      detail: string;
    };

/**
 * Reads one key as exported by GnuPG/sq/OpenPGP.js: public or secret, armored or
 * binary, any algorithm OpenPGP.js supports. Secret keys whose secret parts are
 * missing (gnu-dummy stubs, smartcard stubs) are refused: they cannot decrypt here.
 */
export async function readAnyKey(data: string | Uint8Array): Promise<ReadKeyResult> {
  let keys: openpgp.Key[];
  try {
    keys = await readKeysLoose(data);
  } catch (e) {
    const detail = errorText(e);
    if (e instanceof KeyTooLarge) return { ok: false, reason: 'too-large', detail };
    // Divert-to-card stubs (GNU S2K mode 1002) are not parsed by OpenPGP.js at all.
    if (/gnu/i.test(detail)) return { ok: false, reason: 'stub-secret-key', detail: STUB_DETAIL };
    return { ok: false, reason: 'unreadable', detail };
  }
  if (keys.length === 0) return { ok: false, reason: 'no-key', detail: 'no key found' };
  if (keys.length > 1) {
    return { ok: false, reason: 'multiple-keys', detail: `${keys.length} keys found; export just one` };
  }
  const key = keys[0]!;
  if (key.isPrivate()) {
    const stub = stubReason(key);
    if (stub) return { ok: false, reason: 'stub-secret-key', detail: stub };
  }
  return { ok: true, key, isPrivate: key.isPrivate(), fingerprint: fingerprintOf(key) };
}

export type CheckPublicKeyResult =
  | { ok: true; key: openpgp.PublicKey; armored: string }
  | {
      ok: false;
      reason:
        | 'unreadable'
        | 'fingerprint-mismatch'
        | 'no-encryption-key'
        | 'no-user-id'
        | 'expired-or-revoked';
    };

/**
 * Accepts a key for a contact only if its PRIMARY fingerprint is the expected one
 * (from the bio) and it can be encrypted to today. A subkey with that fingerprint
 * does not count.
 */
export async function checkPublicKey(
  data: string | Uint8Array,
  expectedFingerprint: string,
): Promise<CheckPublicKeyResult> {
  const expected = normalizeFingerprint(expectedFingerprint);
  let keys: openpgp.Key[];
  try {
    keys = await readKeysLoose(data);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (keys.length === 0) return { ok: false, reason: 'unreadable' };
  const found = keys.find((k) => fingerprintOf(k) === expected);
  if (!found || expected === null) return { ok: false, reason: 'fingerprint-mismatch' };
  const key = found.isPrivate() ? found.toPublic() : (found as openpgp.PublicKey);
  // OpenPGP.js needs a primary user to encrypt to a v4 key (keys.openpgp.org strips
  // unverified user IDs); v6 keys carry their preferences on a direct-key signature.
  if (key.keyPacket.version !== 6 && key.users.length === 0) return { ok: false, reason: 'no-user-id' };
  try {
    await key.verifyPrimaryKey();
  } catch {
    return { ok: false, reason: 'expired-or-revoked' };
  }
  try {
    await key.getEncryptionKey();
  } catch {
    return { ok: false, reason: 'no-encryption-key' };
  }
  return { ok: true, key, armored: key.armor() };
}

/** Primary fingerprint, UPPERCASE hex (40 digits for v4, 64 for v6). */
export function fingerprintOf(key: openpgp.Key): string {
  return key.getFingerprint().toUpperCase();
}

/** Armored public key (the private parts are dropped if given a private key). */
export function exportPublic(key: openpgp.Key): string {
  return (key.isPrivate() ? key.toPublic() : key).armor();
}

const STUB_DETAIL =
  'this secret key has no secret key material (a smartcard stub or `gpg --export-secret-subkeys`); ' +
  'export the full key with `gpg --export-secret-keys`';

/** Why a private key cannot both sign (primary) and decrypt here, or null if it can. */
function stubReason(key: openpgp.PrivateKey): string | null {
  if ((key.keyPacket as openpgp.SecretKeyPacket).isDummy()) return STUB_DETAIL;
  if (key.subkeys.some((s) => s.keyPacket instanceof openpgp.SecretSubkeyPacket && s.keyPacket.isDummy())) {
    return STUB_DETAIL;
  }
  return null;
}

class KeyTooLarge extends Error {}

const ARMOR_START = '-----BEGIN PGP';

/** Every key in `data`, armored (string or bytes) or binary. Throws on unreadable input. */
async function readKeysLoose(data: string | Uint8Array): Promise<openpgp.Key[]> {
  if (data.length > MAX_KEY_INPUT) throw new KeyTooLarge(`key data larger than ${MAX_KEY_INPUT} bytes`);
  let text: string | null = typeof data === 'string' ? data : null;
  if (typeof data !== 'string') {
    const head = new TextDecoder().decode(data.subarray(0, 64));
    if (head.trimStart().startsWith(ARMOR_START)) text = new TextDecoder().decode(data);
  }
  // Strict parsing surfaces the GNU S2K error of smartcard stubs instead of silently
  // dropping the secret packet; fall back to lenient parsing for everything else
  // (e.g. keyrings with a subkey of an algorithm OpenPGP.js does not know).
  const strict = { ignoreUnsupportedPackets: false };
  const read = (config?: Partial<openpgp.Config>) =>
    text !== null
      ? openpgp.readKeys({ armoredKeys: text, ...(config ? { config } : {}) })
      : openpgp.readKeys({ binaryKeys: data as Uint8Array, ...(config ? { config } : {}) });
  try {
    return await read(strict);
  } catch (e) {
    if (/gnu/i.test(errorText(e))) throw e;
    return await read();
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
