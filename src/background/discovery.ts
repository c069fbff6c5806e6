// Finding a participant's key. The trust anchor is the fingerprint in their bio; a key from any
// source is accepted only if its primary fingerprint equals it and it can encrypt.
import { parseBioFingerprint } from '../core/bioToken';
import { checkPublicKey } from '../core/keys';
import type { ParticipantStatus } from '../shared/protocol';
import { lastSeen, remember } from './bios';
import { pin, pinned } from './keyring';

const VKS = 'https://keys.openpgp.org/vks/v1/by-fingerprint/';
const FETCH_TIMEOUT_MS = 10_000;
const NEGATIVE_TTL_MS = 60_000;

const inFlight = new Map<string, Promise<ParticipantStatus>>();
const misses = new Map<string, { at: number; status: ParticipantStatus }>();

async function fetchFromKeyserver(handle: string, fingerprint: string): Promise<ParticipantStatus> {
  let response: Response;
  try {
    response = await fetch(VKS + fingerprint, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      credentials: 'omit',
    });
  } catch {
    return { handle, state: 'key-not-found', fingerprint, detail: 'keyserver-unreachable' };
  }
  if (response.status === 404) return { handle, state: 'key-not-found', fingerprint };
  if (!response.ok)
    return { handle, state: 'key-not-found', fingerprint, detail: `keyserver-${response.status}` };
  const text = await response.text();
  const checked = await checkPublicKey(text, fingerprint);
  if (!checked.ok) return { handle, state: 'key-unusable', fingerprint, detail: checked.reason };
  await pin(handle, fingerprint, checked.armored);
  return { handle, state: 'ready', fingerprint };
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
  const bio = shownBio ?? (await lastSeen(handle));
  const contact = await pinned(handle);
  const bioFingerprint = bio === null ? null : parseBioFingerprint(bio);
  if (contact) {
    if (bioFingerprint && bioFingerprint !== contact.fingerprint) {
      return {
        handle,
        state: 'key-changed',
        fingerprint: bioFingerprint,
        pinnedFingerprint: contact.fingerprint,
      };
    }
    return { handle, state: 'ready', fingerprint: contact.fingerprint };
  }
  if (!bioFingerprint) return { handle, state: 'no-bio-token' };

  const cacheKey = `${handle.toLowerCase()}:${bioFingerprint}`;
  const miss = misses.get(cacheKey);
  if (miss && Date.now() - miss.at < NEGATIVE_TTL_MS) return miss.status;
  let pending = inFlight.get(cacheKey);
  if (!pending) {
    pending = fetchFromKeyserver(handle, bioFingerprint).finally(() => inFlight.delete(cacheKey));
    inFlight.set(cacheKey, pending);
  }
  const result = await pending;
  if (result.state !== 'ready') misses.set(cacheKey, { at: Date.now(), status: result });
  return result;
}
