// Contacts: one pinned public key per X handle (trust on first use), plus the keys pinned before a
// key change, so that messages signed by them still verify and say which key signed them.
import * as openpgp from 'openpgp';
import type { KeySource } from '../shared/trust';
import { type ContactRecord, getLocal, setLocal } from './store';

const MAX_PREVIOUS = 8;
const parsed = new Map<string, openpgp.PublicKey>();

function keyOf(handle: string): string {
  return handle.toLowerCase();
}

export async function contacts(): Promise<Record<string, ContactRecord>> {
  return (await getLocal('contacts')) ?? {};
}

export async function pinned(handle: string): Promise<ContactRecord | undefined> {
  return (await contacts())[keyOf(handle)];
}

async function update(handle: string, change: (c: ContactRecord) => void): Promise<boolean> {
  const all = await contacts();
  const contact = all[keyOf(handle)];
  if (!contact) return false;
  change(contact);
  await setLocal('contacts', all);
  return true;
}

/**
 * Pins `armoredPublic` (already checked against the bio) for `handle`. A different key replaces the
 * pinned one, which moves to the contact's history; verification belongs to a key and is reset.
 */
export async function pin(
  handle: string,
  fingerprint: string,
  armoredPublic: string,
  source: KeySource = 'keyserver',
): Promise<void> {
  const all = await contacts();
  const old = all[keyOf(handle)];
  const now = Date.now();
  if (old && old.fingerprint === fingerprint) {
    all[keyOf(handle)] = { ...old, armoredPublic, rejectedFingerprint: undefined };
  } else {
    const previous = old
      ? [
          {
            fingerprint: old.fingerprint,
            armoredPublic: old.armoredPublic,
            pinnedAt: old.pinnedAt,
            replacedAt: now,
          },
          ...(old.previous ?? []).filter((p) => p.fingerprint !== fingerprint),
        ].slice(0, MAX_PREVIOUS)
      : [];
    all[keyOf(handle)] = {
      handle,
      fingerprint,
      armoredPublic,
      pinnedAt: now,
      verified: false,
      source,
      previous,
    };
  }
  await setLocal('contacts', all);
}

export function setVerified(handle: string, verified: boolean): Promise<boolean> {
  return update(handle, (c) => {
    c.verified = verified;
  });
}

export function setRejected(handle: string, fingerprint: string): Promise<boolean> {
  return update(handle, (c) => {
    c.rejectedFingerprint = fingerprint;
  });
}

export async function remove(handle: string): Promise<void> {
  const all = await contacts();
  delete all[keyOf(handle)];
  await setLocal('contacts', all);
}

export async function publicKey(contact: {
  fingerprint: string;
  armoredPublic: string;
}): Promise<openpgp.PublicKey> {
  let key = parsed.get(contact.fingerprint);
  if (!key) {
    key = await openpgp.readKey({ armoredKey: contact.armoredPublic });
    parsed.set(contact.fingerprint, key);
  }
  return key;
}

export interface KnownKey {
  handle: string;
  fingerprint: string;
  key: openpgp.PublicKey;
  /** True for a key the contact had before a key change. */
  previous: boolean;
  verified: boolean;
}

/** Every pinned key and every previous key, for verifying signatures, with the handle it belongs to. */
export async function allKeys(): Promise<KnownKey[]> {
  const out: Array<Promise<KnownKey>> = [];
  for (const c of Object.values(await contacts())) {
    out.push(
      publicKey(c).then((key) => ({
        handle: c.handle,
        fingerprint: c.fingerprint,
        key,
        previous: false,
        verified: c.verified,
      })),
    );
    for (const p of c.previous ?? []) {
      out.push(
        publicKey(p).then((key) => ({
          handle: c.handle,
          fingerprint: p.fingerprint,
          key,
          previous: true,
          verified: false,
        })),
      );
    }
  }
  return Promise.all(out);
}
