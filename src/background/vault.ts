// The user's private key. At rest: passphrase-protected in storage.local. Unlocked: in memory and,
// so that a service worker the browser stops and restarts stays unlocked, in storage.session.
// Auto-lock runs on an alarm (timers die with the worker).
import * as openpgp from 'openpgp';
import browser from 'webextension-polyfill';
import { base64ToBytes } from '../core/base64';
import { formatBioToken } from '../core/bioToken';
import { importSecretKey, changePassphrase as reprotect } from '../core/importKey';
import { generateKey, unlockPrivateKey, WrongPassphraseError } from '../core/keys';
import type { ImportKeyFailure, VaultStatus } from '../shared/protocol';
import {
  DEFAULT_SETTINGS,
  getLocal,
  getSession,
  removeSession,
  setLocal,
  setSession,
  type VaultRecord,
} from './store';

const AUTO_LOCK_ALARM = 'sotto-auto-lock';

let unlocked: openpgp.PrivateKey | null = null;
let ownPublic: { fingerprint: string; key: openpgp.PublicKey } | null = null;
const lockListeners = new Set<() => void>();

export function onVaultChange(listener: () => void): void {
  lockListeners.add(listener);
}

function notify(): void {
  for (const l of lockListeners) l();
}

async function settings() {
  return (await getLocal('settings')) ?? DEFAULT_SETTINGS;
}

export async function vaultRecord(): Promise<VaultRecord | undefined> {
  return getLocal('vault');
}

export async function status(): Promise<VaultStatus> {
  const record = await vaultRecord();
  const { autoLockMinutes } = await settings();
  if (!record) return { state: 'none', autoLockMinutes };
  const key = await unlockedKey();
  return {
    state: key ? 'unlocked' : 'locked',
    fingerprint: record.fingerprint,
    bioToken: formatBioToken(record.fingerprint),
    publicKey: record.armoredPublic,
    name: record.name,
    autoLockMinutes,
  };
}

/** The user's bio token (public), for the publish button on X's edit-profile page. */
export async function publishToken(): Promise<{ token: string } | { none: true }> {
  const record = await vaultRecord();
  return record ? { token: formatBioToken(record.fingerprint) } : { none: true };
}

export async function create(name: string, email: string, passphrase: string): Promise<VaultStatus> {
  const made = await generateKey({ name, email: email || undefined, passphrase });
  await setLocal('vault', {
    armoredPrivate: made.armoredPrivate,
    armoredPublic: made.armoredPublic,
    fingerprint: made.fingerprint,
    name,
    createdAt: Date.now(),
  });
  ownPublic = null;
  await unlock(passphrase);
  return status();
}

/** Onboarding with an existing key (e.g. from GnuPG): refused when Sotto already has one. */
export async function importKey(opts: {
  data: string;
  encoding: 'armored' | 'base64';
  currentPassphrase: string;
  passphrase: string;
}): Promise<{ ok: true } | { ok: false; reason: ImportKeyFailure; detail?: string }> {
  if (await vaultRecord()) return { ok: false, reason: 'key-exists' };
  const data = opts.encoding === 'base64' ? base64ToBytes(opts.data) : opts.data;
  if (data === null) return { ok: false, reason: 'unreadable' };
  const result = await importSecretKey({
    data,
    currentPassphrase: opts.currentPassphrase,
    newPassphrase: opts.passphrase,
  });
  if (!result.ok) return result.detail ? { ok: false, reason: result.reason, detail: result.detail } : result;
  await install(
    {
      armoredPrivate: result.key.armoredPrivate,
      armoredPublic: result.key.armoredPublic,
      fingerprint: result.key.fingerprint,
      name: result.key.name,
      createdAt: Date.now(),
    },
    opts.passphrase,
  );
  return { ok: true };
}

/** Stores a key record (new, imported or restored) and unlocks it with `passphrase`. */
export async function install(record: VaultRecord, passphrase: string): Promise<void> {
  unlocked = null;
  await removeSession('unlockedKey');
  await setLocal('vault', record);
  ownPublic = null;
  const opened = await unlock(passphrase);
  if (!opened.ok) notify();
}

export async function changePassphrase(
  current: string,
  next: string,
): Promise<{ ok: true } | { ok: false; reason: 'wrong-passphrase' | 'no-key' }> {
  const record = await vaultRecord();
  if (!record) return { ok: false, reason: 'no-key' };
  const result = await reprotect(record.armoredPrivate, current, next);
  if (!result.ok) return { ok: false, reason: 'wrong-passphrase' };
  await setLocal('vault', { ...record, armoredPrivate: result.armoredPrivate });
  return { ok: true };
}

export async function setAutoLock(minutes: number): Promise<void> {
  await setLocal('settings', { ...(await settings()), autoLockMinutes: minutes });
  if (await unlockedKey()) await touch();
  notify();
}

export async function unlock(
  passphrase: string,
): Promise<{ ok: true } | { ok: false; reason: 'wrong-passphrase' | 'no-key' }> {
  const record = await vaultRecord();
  if (!record) return { ok: false, reason: 'no-key' };
  try {
    unlocked = await unlockPrivateKey(record.armoredPrivate, passphrase);
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, reason: 'wrong-passphrase' };
    throw error;
  }
  await touch();
  await setSession('unlockedKey', unlocked.armor());
  notify();
  return { ok: true };
}

export async function lock(): Promise<void> {
  unlocked = null;
  await removeSession('unlockedKey');
  await removeSession('lockAt');
  await browser.alarms.clear(AUTO_LOCK_ALARM);
  notify();
}

/**
 * The unlocked key, restored from session storage after a worker restart. The auto-lock alarm is
 * what locks; the deadline kept beside the key is a second guard in case the alarm is late.
 */
export async function unlockedKey(): Promise<openpgp.PrivateKey | null> {
  const lockAt = await getSession('lockAt');
  if (lockAt !== undefined && Date.now() >= lockAt) {
    if (unlocked || (await getSession('unlockedKey'))) await lock();
    return null;
  }
  if (unlocked) return unlocked;
  const armored = await getSession('unlockedKey');
  if (!armored) return null;
  unlocked = await openpgp.readPrivateKey({ armoredKey: armored });
  return unlocked;
}

export async function ownPublicKey(): Promise<{ fingerprint: string; key: openpgp.PublicKey } | null> {
  const record = await vaultRecord();
  if (!record) return null;
  if (ownPublic?.fingerprint !== record.fingerprint) {
    ownPublic = {
      fingerprint: record.fingerprint,
      key: await openpgp.readKey({ armoredKey: record.armoredPublic }),
    };
  }
  return ownPublic;
}

/** Restart the idle timer: called whenever the unlocked key is used. */
export async function touch(): Promise<void> {
  const { autoLockMinutes } = await settings();
  await setSession('lockAt', Date.now() + autoLockMinutes * 60_000);
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
}

export function handleAlarm(alarm: { name: string }): Promise<void> | undefined {
  return alarm.name === AUTO_LOCK_ALARM ? lock() : undefined;
}
