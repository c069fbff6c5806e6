// Finding a participant's key. The trust anchor is the fingerprint in their bio; a key from any
// source is accepted only if its primary fingerprint equals it and it can encrypt.
// Sources, in order: the pinned key, an in-band key card seen in a conversation, keys.openpgp.org
// (VKS by fingerprint), then what the user imports by hand on the options page. (No WKD yet.)
import { parseBioFingerprint } from '../core/bioToken';
import { checkPublicKey } from '../core/keys';
import type { ParticipantStatus } from '../shared/protocol';
import type { KeySource, TrustFailure } from '../shared/trust';
import { lastSeen, remember } from './bios';
import { cardFor } from './cardCache';
import { trustChanged } from './changes';
import { pin, pinned } from './keyring';

const VKS = 'https://keys.openpgp.org/vks/v1/by-fingerprint/';
const FETCH_TIMEOUT_MS = 10_000;
const NEGATIVE_TTL_MS = 60_000;

const inFlight = new Map<string, Promise<ParticipantStatus>>();
const misses = new Map<string, { at: number; status: ParticipantStatus }>();

export type Found = { ok: true; armored: string; source: KeySource } | { ok: false; reason: TrustFailure };

async function fromKeyserver(fingerprint: string): Promise<Found> {
  let response: Response;
  try {
    response = await fetch(VKS + fingerprint, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      credentials: 'omit',
    });
  } catch {
    return { ok: false, reason: 'keyserver-unreachable' };
  }
  if (response.status === 404) return { ok: false, reason: 'key-not-found' };
  if (!response.ok) return { ok: false, reason: 'keyserver-unreachable' };
  const checked = await checkPublicKey(await response.text(), fingerprint);
  return checked.ok ? { ok: true, armored: checked.armored, source: 'keyserver' } : checked;
}

async function fromCard(fingerprint: string): Promise<Found | null> {
  const card = cardFor(fingerprint);
  if (!card) return null;
  const checked = await checkPublicKey(card, fingerprint);
  return checked.ok ? { ok: true, armored: checked.armored, source: 'key-card' } : checked;
}

/** A usable key whose primary fingerprint is `fingerprint`, from a key card or the keyserver. Pins nothing. */
export async function findKey(fingerprint: string): Promise<Found> {
  const card = await fromCard(fingerprint);
  if (card?.ok) return card;
  const served = await fromKeyserver(fingerprint);
  // A keyserver miss says less than a card that was seen but is unusable.
  if (!served.ok && card && served.reason === 'key-not-found') return card;
  return served;
}

function failureStatus(handle: string, fingerprint: string, reason: TrustFailure): ParticipantStatus {
  if (reason === 'key-not-found') return { handle, state: 'key-not-found', fingerprint };
  if (reason === 'keyserver-unreachable')
    return { handle, state: 'key-not-found', fingerprint, detail: 'keyserver-unreachable' };
  return { handle, state: 'key-unusable', fingerprint, detail: reason };
}

async function discover(handle: string, fingerprint: string): Promise<ParticipantStatus> {
  const found = await findKey(fingerprint);
  if (!found.ok) return failureStatus(handle, fingerprint, found.reason);
  await pin(handle, fingerprint, found.armored, found.source);
  // Messages already on screen from this person may now verify: frames look again.
  trustChanged();
  return { handle, state: 'ready', fingerprint, verified: false };
}

/** The fingerprint in the bio shown now, else in the last bio seen for `handle`, else null. */
export async function bioFingerprintOf(handle: string, shownBio: string | null): Promise<string | null> {
  const bio = shownBio ?? (await lastSeen(handle));
  return bio === null ? null : parseBioFingerprint(bio);
}

/**
 * The state of one participant, given the bio we saw for them (null: not seen on this page).
 * Looks the key up when needed and pins it on first use.
 */
export async function resolveParticipant(
  handle: string,
  shownBio: string | null,
): Promise<ParticipantStatus> {
  if (shownBio !== null) await remember([{ handle, bio: shownBio }]);
  const bioFingerprint = await bioFingerprintOf(handle, shownBio);
  const contact = await pinned(handle);
  if (contact) {
    if (bioFingerprint && bioFingerprint !== contact.fingerprint) {
      return {
        handle,
        state: 'key-changed',
        fingerprint: bioFingerprint,
        pinnedFingerprint: contact.fingerprint,
        rejected: contact.rejectedFingerprint === bioFingerprint,
      };
    }
    return { handle, state: 'ready', fingerprint: contact.fingerprint, verified: contact.verified };
  }
  if (!bioFingerprint) return { handle, state: 'no-bio-token' };

  const cacheKey = `${handle.toLowerCase()}:${bioFingerprint}`;
  const miss = misses.get(cacheKey);
  if (miss && Date.now() - miss.at < NEGATIVE_TTL_MS && !cardFor(bioFingerprint)) return miss.status;
  let pending = inFlight.get(cacheKey);
  if (!pending) {
    pending = discover(handle, bioFingerprint).finally(() => inFlight.delete(cacheKey));
    inFlight.set(cacheKey, pending);
  }
  const result = await pending;
  if (result.state !== 'ready') misses.set(cacheKey, { at: Date.now(), status: result });
  else misses.delete(cacheKey);
  return result;
}
