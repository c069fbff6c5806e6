// The user's private key. At rest: passphrase-protected in storage.local. Unlocked: in memory and,
// so that a service worker the browser stops and restarts stays unlocked, in storage.session.
// Auto-lock runs on an alarm (timers die with the worker).
import * as openpgp from 'openpgp';
import browser from 'webextension-polyfill';
import { formatBioToken } from '../core/bioToken';
import { generateKey, unlockPrivateKey, WrongPassphraseError } from '../core/keys';
import type { VaultStatus } from '../shared/protocol';
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
  await setSession('unlockedKey', unlocked.armor());
  await touch();
  notify();
  return { ok: true };
}

export async function lock(): Promise<void> {
  unlocked = null;
  await removeSession('unlockedKey');
  await browser.alarms.clear(AUTO_LOCK_ALARM);
  notify();
}

/** The unlocked key, restored from session storage after a worker restart. */
export async function unlockedKey(): Promise<openpgp.PrivateKey | null> {
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
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
}

export function handleAlarm(alarm: { name: string }): Promise<void> | undefined {
  return alarm.name === AUTO_LOCK_ALARM ? lock() : undefined;
}
