// Backup and restore of the user's key and pinned contacts (the format is src/core/backup.ts).
// The recovery code is made here, shown once to the options page for the user to write down,
// and never stored.
import { type BackupContents, makeBackup, readBackup } from '../core/backup';
import { unlockPrivateKey, WrongPassphraseError } from '../core/keys';
import { generateRecoveryCode } from '../core/recoveryCode';
import type { BackupCreated, RestoreFailure } from '../shared/protocol';
import { type ContactRecord, getLocal, setLocal } from './store';
import * as vault from './vault';

export async function createBackup(): Promise<BackupCreated | { ok: false; reason: 'no-key' }> {
  const record = await vault.vaultRecord();
  if (!record) return { ok: false, reason: 'no-key' };
  const createdAt = Date.now();
  const contents: BackupContents = {
    createdAt,
    key: {
      armoredPrivate: record.armoredPrivate,
      armoredPublic: record.armoredPublic,
      fingerprint: record.fingerprint,
      name: record.name,
    },
    contacts: ((await getLocal('contacts')) ?? {}) as unknown as BackupContents['contacts'],
  };
  const code = generateRecoveryCode();
  const file = await makeBackup(contents, code);
  return { ok: true, code, file, fingerprint: record.fingerprint, createdAt };
}

/** Restores into an empty Sotto: the recovery code opens the file, the passphrase opens the key. */
export async function restoreBackup(
  file: string,
  code: string,
  passphrase: string,
): Promise<{ ok: true } | { ok: false; reason: RestoreFailure }> {
  if (await vault.vaultRecord()) return { ok: false, reason: 'key-exists' };
  const read = await readBackup(file, code);
  if (!read.ok) return read;
  const { key, contacts, createdAt } = read.contents;
  try {
    await unlockPrivateKey(key.armoredPrivate, passphrase);
  } catch (e) {
    return { ok: false, reason: e instanceof WrongPassphraseError ? 'wrong-passphrase' : 'damaged' };
  }
  const existing = (await getLocal('contacts')) ?? {};
  await setLocal('contacts', { ...(contacts as unknown as Record<string, ContactRecord>), ...existing });
  await vault.install(
    {
      armoredPrivate: key.armoredPrivate,
      armoredPublic: key.armoredPublic,
      fingerprint: key.fingerprint,
      name: key.name,
      createdAt,
    },
    passphrase,
  );
  return { ok: true };
}
