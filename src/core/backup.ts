// The backup file: an OpenPGP password-encrypted message (readable with `gpg --decrypt` and the
// recovery code) holding a small versioned JSON document: the user's key, still protected by their
// passphrase, and the contacts they pinned. Reading it is capped in size before and after
// decryption, and every field is checked before anything is restored.

import * as openpgp from 'openpgp';
import { readAnyKey } from './keys.ts';
import { parseRecoveryCode } from './recoveryCode.ts';

export const BACKUP_FORMAT = 'sotto-backup';
export const BACKUP_VERSION = 1;
/** Largest backup file we read (armored text). */
export const MAX_BACKUP_FILE_CHARS = 2 * 1024 * 1024;
/** Largest decrypted document we accept. */
export const MAX_BACKUP_JSON_BYTES = 1024 * 1024;

export interface BackupKey {
  /** Passphrase-protected, as stored in the vault. */
  armoredPrivate: string;
  armoredPublic: string;
  fingerprint: string;
  name: string;
}

export interface BackupContents {
  createdAt: number;
  key: BackupKey;
  /** Pinned contacts as the keyring stores them, keyed as it keys them (opaque here beyond being objects). */
  contacts: Record<string, Record<string, unknown>>;
}

export type ReadBackupResult =
  | { ok: true; contents: BackupContents }
  | {
      ok: false;
      reason:
        | 'code-bad-character'
        | 'code-wrong-length'
        | 'code-typo'
        | 'wrong-code'
        | 'not-a-backup'
        | 'too-large'
        | 'unsupported-version'
        | 'damaged';
    };

const COMMENT = 'Sotto backup: restore it in Sotto with your recovery code';

/** Encrypts the backup document with the recovery code (display form or as typed). */
export async function makeBackup(contents: BackupContents, recoveryCode: string): Promise<string> {
  const parsed = parseRecoveryCode(recoveryCode);
  if (!parsed.ok) throw new Error(`not a valid recovery code (${parsed.reason})`);
  const document = JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: contents.createdAt,
    key: contents.key,
    contacts: contents.contacts,
  });
  return openpgp.encrypt({
    message: await openpgp.createMessage({ text: document }),
    passwords: [parsed.code],
    format: 'armored',
    config: { showComment: true, commentString: COMMENT },
  });
}

/** Decrypts and checks a backup file. Never throws for bad input. */
export async function readBackup(fileText: string, recoveryCodeInput: string): Promise<ReadBackupResult> {
  const code = parseRecoveryCode(recoveryCodeInput);
  if (!code.ok) {
    const reason =
      code.reason === 'checksum'
        ? 'code-typo'
        : code.reason === 'wrong-length'
          ? 'code-wrong-length'
          : 'code-bad-character';
    return { ok: false, reason };
  }
  if (fileText.length > MAX_BACKUP_FILE_CHARS) return { ok: false, reason: 'too-large' };
  let message: openpgp.Message<string>;
  try {
    message = await openpgp.readMessage({ armoredMessage: fileText });
  } catch {
    return { ok: false, reason: 'not-a-backup' };
  }
  const passwordProtected = message.packets.some((p) => p instanceof openpgp.SymEncryptedSessionKeyPacket);
  if (!passwordProtected) return { ok: false, reason: 'not-a-backup' };
  let text: string;
  try {
    const result = await openpgp.decrypt({
      message,
      passwords: [code.code],
      config: { maxDecompressedMessageSize: MAX_BACKUP_JSON_BYTES },
    });
    text = result.data;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/decompress|too large|size/i.test(detail)) return { ok: false, reason: 'too-large' };
    return { ok: false, reason: 'wrong-code' };
  }
  if (new TextEncoder().encode(text).length > MAX_BACKUP_JSON_BYTES)
    return { ok: false, reason: 'too-large' };
  return checkDocument(text);
}

async function checkDocument(text: string): Promise<ReadBackupResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-a-backup' };
  }
  if (!isObject(doc) || doc.format !== BACKUP_FORMAT) return { ok: false, reason: 'not-a-backup' };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1)
    return { ok: false, reason: 'damaged' };
  if (doc.version > BACKUP_VERSION) return { ok: false, reason: 'unsupported-version' };
  const key = doc.key;
  if (
    !isObject(key) ||
    typeof key.armoredPrivate !== 'string' ||
    typeof key.armoredPublic !== 'string' ||
    typeof key.fingerprint !== 'string' ||
    typeof key.name !== 'string' ||
    typeof doc.createdAt !== 'number'
  )
    return { ok: false, reason: 'damaged' };
  // The key inside must be the private key it claims to be, with its public half beside it.
  const priv = await readAnyKey(key.armoredPrivate);
  const pub = await readAnyKey(key.armoredPublic);
  if (!priv.ok || !priv.isPrivate || !pub.ok || pub.isPrivate) return { ok: false, reason: 'damaged' };
  if (priv.fingerprint !== key.fingerprint.toUpperCase() || pub.fingerprint !== priv.fingerprint)
    return { ok: false, reason: 'damaged' };
  const contacts: Record<string, Record<string, unknown>> = {};
  if (doc.contacts !== undefined) {
    if (!isObject(doc.contacts)) return { ok: false, reason: 'damaged' };
    for (const [handle, contact] of Object.entries(doc.contacts)) {
      if (handle.length === 0 || handle.length > 200 || !isObject(contact))
        return { ok: false, reason: 'damaged' };
      contacts[handle] = contact;
    }
  }
  return {
    ok: true,
    contents: {
      createdAt: doc.createdAt,
      key: {
        armoredPrivate: key.armoredPrivate,
        armoredPublic: key.armoredPublic,
        fingerprint: priv.fingerprint,
        name: key.name,
      },
      contacts,
    },
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
