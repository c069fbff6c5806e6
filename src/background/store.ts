// Typed access to extension storage. `local` survives restarts (only passphrase-protected key
// material and public data); `session` lives until the browser closes and is readable only by
// trusted extension contexts, never by content scripts.
import browser from 'webextension-polyfill';
import type { KeySource } from '../shared/trust';
import type { HandleRecord } from './handleRecord';

export interface VaultRecord {
  armoredPrivate: string; // passphrase-protected
  armoredPublic: string;
  fingerprint: string;
  name: string;
  createdAt: number;
}

export interface ContactRecord {
  handle: string;
  fingerprint: string;
  armoredPublic: string;
  pinnedAt: number;
  verified: boolean;
  /** Where the key came from (absent on records made before sources were kept). */
  source?: KeySource;
  /** Keys pinned before a key change, newest first: old messages still verify against them. */
  previous?: Array<{ fingerprint: string; armoredPublic: string; pinnedAt: number; replacedAt: number }>;
  /** A new bio fingerprint the user looked at and rejected: sending stays blocked. */
  rejectedFingerprint?: string;
}

export interface Settings {
  autoLockMinutes: number;
}

interface LocalSchema {
  vault: VaultRecord;
  contacts: Record<string, ContactRecord>;
  settings: Settings;
  /** Conversations the user has sealed ('x.com:<id>' → when). */
  sealed: Record<string, number>;
  /** Group members as last read from X's group info page ('x.com:<id>' → handles). */
  groups: Record<string, string[]>;
}

interface SessionSchema {
  unlockedKey: string; // armored, decrypted: only ever in session storage (trusted contexts)
  lockAt: number; // when the vault auto-locks (ms since epoch); the alarm normally gets there first
  bios: Record<string, { bio: string; seenAt: number }>; // public bios seen this browser session
  handles: Record<string, HandleRecord>; // ciphertext and routing only, no plaintext
}

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 30 };

export async function getLocal<K extends keyof LocalSchema>(key: K): Promise<LocalSchema[K] | undefined> {
  const got = await browser.storage.local.get(key);
  return got[key] as LocalSchema[K] | undefined;
}

export async function setLocal<K extends keyof LocalSchema>(key: K, value: LocalSchema[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

export async function getSession<K extends keyof SessionSchema>(
  key: K,
): Promise<SessionSchema[K] | undefined> {
  const got = await browser.storage.session.get(key);
  return got[key] as SessionSchema[K] | undefined;
}

export async function setSession<K extends keyof SessionSchema>(
  key: K,
  value: SessionSchema[K],
): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

export async function removeSession(key: keyof SessionSchema): Promise<void> {
  await browser.storage.session.remove(key);
}

/** Keep session storage away from content scripts (Chrome's default, made explicit). */
export async function restrictSessionStorage(): Promise<void> {
  const session = (
    globalThis as { chrome?: { storage?: { session?: { setAccessLevel?: (o: object) => Promise<void> } } } }
  ).chrome?.storage?.session;
  await session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
