// Bringing an existing secret key (e.g. from `gpg --export-secret-keys`) into Sotto, and changing
// the passphrase that protects a stored key. A key is taken only if Sotto can use it fully: the
// secret parts are present, it can sign and decrypt, others can encrypt to it, and the passphrase
// it came with opens it. It is then protected again with the passphrase the user chose for Sotto.

import * as openpgp from 'openpgp';
import { fingerprintOf, readAnyKey, unlockPrivateKey, WrongPassphraseError } from './keys.ts';

export type ImportFailure =
  | 'unreadable'
  | 'too-large'
  | 'no-key'
  | 'multiple-keys'
  | 'stub-secret-key'
  | 'public-key-only'
  | 'expired-or-revoked'
  | 'cannot-sign'
  | 'cannot-encrypt'
  | 'no-user-id'
  | 'wrong-passphrase'
  | 'empty-passphrase';

export interface ImportedKey {
  /** Protected with the new passphrase. */
  armoredPrivate: string;
  armoredPublic: string;
  fingerprint: string;
  name: string;
  email?: string;
}

export type ImportResult =
  | { ok: true; key: ImportedKey }
  | { ok: false; reason: ImportFailure; detail?: string };

/**
 * Reads one secret key (armored or binary), checks it, opens it with `currentPassphrase` (ignored
 * for an unprotected export) and protects it with `newPassphrase`.
 */
export async function importSecretKey(opts: {
  data: string | Uint8Array;
  currentPassphrase: string;
  newPassphrase: string;
}): Promise<ImportResult> {
  if (opts.newPassphrase.length === 0) return { ok: false, reason: 'empty-passphrase' };
  const read = await readAnyKey(opts.data);
  if (!read.ok) return { ok: false, reason: read.reason, detail: read.detail };
  if (!read.isPrivate) return { ok: false, reason: 'public-key-only' };
  const key = read.key as openpgp.PrivateKey;

  try {
    await key.verifyPrimaryKey();
  } catch (e) {
    return { ok: false, reason: 'expired-or-revoked', detail: errorText(e) };
  }
  // Others must be able to encrypt to it (OpenPGP.js needs a user ID on a v4 key for that).
  if (key.keyPacket.version !== 6 && key.users.length === 0) return { ok: false, reason: 'no-user-id' };
  try {
    await key.getSigningKey();
  } catch (e) {
    return { ok: false, reason: 'cannot-sign', detail: errorText(e) };
  }
  try {
    await key.getEncryptionKey();
  } catch (e) {
    return { ok: false, reason: 'cannot-encrypt', detail: errorText(e) };
  }

  let opened: openpgp.PrivateKey;
  if (key.isDecrypted()) opened = key;
  else {
    try {
      opened = await openpgp.decryptKey({ privateKey: key, passphrase: opts.currentPassphrase });
    } catch {
      return { ok: false, reason: 'wrong-passphrase' };
    }
  }
  const protectedKey = await openpgp.encryptKey({ privateKey: opened, passphrase: opts.newPassphrase });
  const user = await opened.getPrimaryUser().catch(() => null);
  const userID = user?.user.userID;
  return {
    ok: true,
    key: {
      armoredPrivate: protectedKey.armor(),
      armoredPublic: opened.toPublic().armor(),
      fingerprint: fingerprintOf(opened),
      name: userID?.name || userID?.userID.replace(/<[^>]*>/g, '').trim() || userID?.email || 'Sotto user',
      ...(userID?.email ? { email: userID.email } : {}),
    },
  };
}

/** The stored key protected with a new passphrase, if `current` opens it. */
export async function changePassphrase(
  armoredPrivate: string,
  current: string,
  next: string,
): Promise<
  { ok: true; armoredPrivate: string } | { ok: false; reason: 'wrong-passphrase' | 'empty-passphrase' }
> {
  if (next.length === 0) return { ok: false, reason: 'empty-passphrase' };
  let opened: openpgp.PrivateKey;
  try {
    opened = await unlockPrivateKey(armoredPrivate, current);
  } catch (e) {
    if (e instanceof WrongPassphraseError) return { ok: false, reason: 'wrong-passphrase' };
    throw e;
  }
  const protectedKey = await openpgp.encryptKey({ privateKey: opened, passphrase: next });
  return { ok: true, armoredPrivate: protectedKey.armor() };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
