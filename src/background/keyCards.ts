// The in-band key exchange. When a participant's key cannot be found or used, the user can send a
// key request through X; the other side's Sotto shows it and, when its user agrees, answers with a
// key card (their public key). A card is only a candidate: it is pinned only when its primary
// fingerprint equals the bio fingerprint of a participant of the conversation it arrived in.

import { decodeKeyCard, formatKeyCard, formatKeyRequest, parseKeyRequest } from '../core/keyCard';
import { checkPublicKey, fingerprintOf, readAnyKey } from '../core/keys';
import type { SendResult } from '../shared/protocol';
import type { KeyCardView, KeyRequestView } from '../shared/trust';
import { rememberCard } from './cardCache';
import { trustChanged } from './changes';
import { participantsOf } from './conversation';
import { deliverToTab } from './deliver';
import { bioFingerprintOf } from './discovery';
import { type ComposerRecord, composerFor, type MessageRecord } from './handles';
import { pin, pinned } from './keyring';
import * as vault from './vault';

/** Each participant of the record's conversation with the fingerprint their bio names (or null). */
async function bioFingerprints(
  record: ComposerRecord,
): Promise<Array<{ handle: string; fingerprint: string | null }>> {
  const { participants } = await participantsOf(record);
  return Promise.all(
    participants.map(async (p) => ({
      handle: p.handle,
      fingerprint: await bioFingerprintOf(p.handle, p.bio),
    })),
  );
}

async function deliver(
  tabId: number,
  composerHandle: string,
  text: string,
  kind: 'key-request' | 'key-card',
): Promise<SendResult> {
  const result = await deliverToTab(
    tabId,
    {
      type: 'composer.deliver',
      composerHandle,
      ciphertext: text,
      kind,
    },
    async () => true,
  ); // public text the user asked for from a button: no composer to agree
  return result.ok ? { ok: true } : { ok: false, reason: result.reason };
}

/** "Ask @bob for their key": sends a key request naming the user's fingerprint. */
export async function sendKeyRequest(
  composerHandle: string,
  record: ComposerRecord,
  participant: string,
): Promise<SendResult> {
  const own = await vault.vaultRecord();
  if (!own) return { ok: false, reason: 'locked' };
  const { participants } = await participantsOf(record);
  if (!participants.some((p) => p.handle.toLowerCase() === participant.toLowerCase()))
    return { ok: false, reason: 'expired' };
  return deliver(record.tabId, composerHandle, formatKeyRequest(own.fingerprint), 'key-request');
}

export async function openKeyRequest(record: MessageRecord): Promise<KeyRequestView> {
  const fingerprint = parseKeyRequest(record.ciphertext) ?? '';
  const own = await vault.vaultRecord();
  if (own?.fingerprint === fingerprint) return { state: 'key-request', fingerprint, from: 'self' };
  const composer = composerFor(record.tabId, record.conversationId);
  const match = composer
    ? (await bioFingerprints(composer[1])).find((p) => p.fingerprint === fingerprint)
    : undefined;
  return match
    ? { state: 'key-request', fingerprint, from: 'participant', requesterHandle: match.handle }
    : { state: 'key-request', fingerprint, from: 'unknown' };
}

/** "Send my key": the user agreed to answer a key request; the card goes out through this tab's composer. */
export async function answerKeyRequest(record: MessageRecord): Promise<SendResult> {
  const request = await openKeyRequest(record);
  if (request.from === 'self') return { ok: false, reason: 'expired' };
  const own = await vault.ownPublicKey();
  if (!own) return { ok: false, reason: 'locked' };
  const composer = composerFor(record.tabId, record.conversationId);
  if (!composer) return { ok: false, reason: 'composer-missing' };
  let card: string;
  try {
    card = await formatKeyCard(own.key);
  } catch {
    return { ok: false, reason: 'encrypt-failed' };
  }
  return deliver(record.tabId, composer[0], card, 'key-card');
}

/** Checks a key card against the bios of the conversation's participants, and pins it if it matches. */
export async function openKeyCard(record: MessageRecord): Promise<KeyCardView> {
  const bytes = decodeKeyCard(record.ciphertext);
  if (!bytes) return { state: 'key-card', outcome: 'malformed' };
  const own = await vault.vaultRecord();
  const composer = composerFor(record.tabId, record.conversationId);
  const bios = composer ? await bioFingerprints(composer[1]) : [];
  // Which key does the card carry? Read only its fingerprint before checking it against the bios.
  const fingerprint = await primaryFingerprint(bytes);
  if (!fingerprint) return { state: 'key-card', outcome: 'malformed' };
  if (own?.fingerprint === fingerprint) return { state: 'key-card', outcome: 'own', fingerprint };
  const owner = bios.find((p) => p.fingerprint === fingerprint);
  if (!owner) {
    return {
      state: 'key-card',
      outcome: 'mismatch',
      fingerprint,
      ...(bios.length === 1 && bios[0] ? { handle: bios[0].handle } : {}),
      bioFingerprints: bios.flatMap((p) => (p.fingerprint ? [p.fingerprint] : [])),
    };
  }
  const checked = await checkPublicKey(bytes, fingerprint);
  if (!checked.ok)
    return {
      state: 'key-card',
      outcome: 'unusable',
      fingerprint,
      handle: owner.handle,
      detail: checked.reason,
    };
  rememberCard(fingerprint, bytes);
  const contact = await pinned(owner.handle);
  if (contact && contact.fingerprint !== fingerprint)
    return { state: 'key-card', outcome: 'changed', fingerprint, handle: owner.handle };
  if (!contact) {
    await pin(owner.handle, fingerprint, checked.armored, 'key-card');
    trustChanged();
  }
  return { state: 'key-card', outcome: 'pinned', fingerprint, handle: owner.handle };
}

async function primaryFingerprint(bytes: Uint8Array): Promise<string | null> {
  const read = await readAnyKey(bytes);
  return read.ok && !read.isPrivate ? fingerprintOf(read.key) : null;
}
