// Contacts: one pinned public key per X handle (trust on first use).
import * as openpgp from 'openpgp';
import { type ContactRecord, getLocal, setLocal } from './store';

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

export async function pin(handle: string, fingerprint: string, armoredPublic: string): Promise<void> {
  const all = await contacts();
  all[keyOf(handle)] = { handle, fingerprint, armoredPublic, pinnedAt: Date.now(), verified: false };
  await setLocal('contacts', all);
}

export async function publicKey(contact: ContactRecord): Promise<openpgp.PublicKey> {
  let key = parsed.get(contact.fingerprint);
  if (!key) {
    key = await openpgp.readKey({ armoredKey: contact.armoredPublic });
    parsed.set(contact.fingerprint, key);
  }
  return key;
}

/** Every pinned key, for verifying signatures, with the handle it belongs to. */
export async function allKeys(): Promise<
  Array<{ handle: string; fingerprint: string; key: openpgp.PublicKey }>
> {
  const list = Object.values(await contacts());
  return Promise.all(
    list.map(async (c) => ({ handle: c.handle, fingerprint: c.fingerprint, key: await publicKey(c) })),
  );
}
