// What the user decides about other people's keys: accept or reject a key change, mark a contact
// verified after comparing fingerprints, import or remove a key by hand. Every decision is about a
// participant of the conversation whose composer asked (frames) or is made on the options page.
import { parseBioFingerprint } from '../core/bioToken';
import { checkPublicKey, readAnyKey } from '../core/keys';
import type { CompareView, ContactSummary, TrustResult } from '../shared/trust';
import { lastSeen, remember } from './bios';
import { trustChanged } from './changes';
import { participantsOf } from './conversation';
import { bioFingerprintOf, findKey, resolveParticipant } from './discovery';
import type { ComposerRecord } from './handles';
import { contacts, pin, pinned, remove, setRejected, setVerified } from './keyring';
import * as vault from './vault';

const MAX_DISCOVERIES_PER_BATCH = 8;

/** The participant of the record's conversation called `handle`, or null. */
async function participant(
  record: ComposerRecord,
  handle: string,
): Promise<{ handle: string; bio: string | null } | null> {
  const { participants } = await participantsOf(record);
  return participants.find((p) => p.handle.toLowerCase() === handle.toLowerCase()) ?? null;
}

/** The user accepts the key their bio now names: fetch it, check it, pin it (the old key goes to history). */
export async function acceptKeyChange(record: ComposerRecord, handle: string): Promise<TrustResult> {
  const p = await participant(record, handle);
  if (!p) return { ok: false, reason: 'not-participant' };
  const fingerprint = await bioFingerprintOf(p.handle, p.bio);
  if (!fingerprint) return { ok: false, reason: 'no-bio-token' };
  const contact = await pinned(p.handle);
  if (contact?.fingerprint === fingerprint) return { ok: true };
  const found = await findKey(fingerprint);
  if (!found.ok) return found;
  await pin(contact?.handle ?? p.handle, fingerprint, found.armored, found.source);
  trustChanged();
  return { ok: true };
}

/** The user rejects the new key: sending to them stays blocked, and the composer says how to resolve it. */
export async function rejectKeyChange(record: ComposerRecord, handle: string): Promise<void> {
  const p = await participant(record, handle);
  if (!p) return;
  const fingerprint = await bioFingerprintOf(p.handle, p.bio);
  if (fingerprint && (await setRejected(p.handle, fingerprint))) trustChanged();
}

export async function compareView(handle: string): Promise<CompareView | null> {
  const [contact, own] = await Promise.all([pinned(handle), vault.vaultRecord()]);
  if (!contact || !own) return null;
  return {
    handle: contact.handle,
    ownFingerprint: own.fingerprint,
    theirFingerprint: contact.fingerprint,
    verified: contact.verified,
  };
}

export async function compareInConversation(
  record: ComposerRecord,
  handle: string,
): Promise<CompareView | null> {
  const p = await participant(record, handle);
  return p ? compareView(p.handle) : null;
}

export async function verify(handle: string, verified: boolean): Promise<void> {
  if (await setVerified(handle, verified)) trustChanged();
}

export async function verifyInConversation(record: ComposerRecord, handle: string, verified: boolean) {
  const p = await participant(record, handle);
  if (p) await verify(p.handle, verified);
}

export async function listContacts(): Promise<{ contacts: ContactSummary[]; ownFingerprint: string | null }> {
  const all = Object.values(await contacts());
  const list = await Promise.all(
    all.map(async (c): Promise<ContactSummary> => {
      const bioFingerprint = await bioFingerprintOf(c.handle, null);
      const changed = bioFingerprint !== null && bioFingerprint !== c.fingerprint;
      return {
        handle: c.handle,
        fingerprint: c.fingerprint,
        trust: changed ? 'changed' : c.verified ? 'verified' : 'pinned',
        pinnedAt: c.pinnedAt,
        source: c.source ?? 'keyserver',
        bioFingerprint,
        previous: (c.previous ?? []).map(({ fingerprint, pinnedAt, replacedAt }) => ({
          fingerprint,
          pinnedAt,
          replacedAt,
        })),
      };
    }),
  );
  list.sort((a, b) => a.handle.localeCompare(b.handle));
  return { contacts: list, ownFingerprint: (await vault.vaultRecord())?.fingerprint ?? null };
}

/**
 * A public key pasted on the options page for `handle`. When their bio was seen, the key must be the
 * one it names; otherwise it must at least be a usable public key.
 */
export async function importContact(handle: string, armored: string): Promise<TrustResult> {
  const read = await readAnyKey(armored);
  if (!read.ok) return { ok: false, reason: 'unreadable' };
  const bioFingerprint = await bioFingerprintOf(handle, null);
  const checked = await checkPublicKey(armored, bioFingerprint ?? read.fingerprint);
  if (!checked.ok) return checked;
  const existing = await pinned(handle);
  await pin(existing?.handle ?? handle, bioFingerprint ?? read.fingerprint, checked.armored, 'manual');
  trustChanged();
  return { ok: true };
}

export async function removeContact(handle: string): Promise<void> {
  await remove(handle);
  trustChanged();
}

/**
 * Bios seen anywhere on X (profile page, hover card). A bio whose token differs from the pinned key
 * refreshes what frames and pages show; a token of someone not yet pinned starts discovery.
 */
export async function seeBios(bios: Array<{ handle: string; bio: string }>): Promise<void> {
  const before = await Promise.all(bios.map(async (b) => (await lastSeen(b.handle)) ?? null));
  await remember(bios);
  const own = (await vault.vaultRecord())?.fingerprint;
  let changed = false;
  let started = 0;
  for (const [i, { handle, bio }] of bios.entries()) {
    const fingerprint = parseBioFingerprint(bio);
    const contact = await pinned(handle);
    if (contact) {
      const was = before[i] ? parseBioFingerprint(before[i]) : null;
      if (fingerprint !== was && (fingerprint !== null || was !== null)) changed = true;
    } else if (fingerprint && fingerprint !== own && started < MAX_DISCOVERIES_PER_BATCH) {
      started++;
      void resolveParticipant(handle, bio);
    }
  }
  if (changed) trustChanged();
}
