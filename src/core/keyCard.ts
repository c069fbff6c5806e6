// In-band key exchange through DMs, for when a participant's key cannot be fetched or used (e.g.
// keys.openpgp.org serves v4 keys without user IDs until an address is verified):
//
//   Sotto key request (answer it with Sotto): SOTTOKR1:<requester's primary fingerprint>~
//   Sotto key card (OpenPGP public key, add it with Sotto): SOTTOKC1:<base64>~
//
// The card is the smallest public key that can be encrypted to: the primary key, its direct-key
// signatures (v6), one user ID with its self-signature, and one encryption subkey with its binding
// signature. A card proves nothing by itself: it is accepted only if its primary fingerprint equals
// the one in the claimed owner's bio (`checkPublicKey`). Like the message token, neither line needs a
// character X turns into a link, mention, hashtag or image.

import * as openpgp from 'openpgp';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { normalizeFingerprint } from './bioToken.ts';
import { MAX_KEY_INPUT } from './limits.ts';

export const KEY_REQUEST_LEAD = 'Sotto key request (answer it with Sotto):';
export const KEY_REQUEST_PREFIX = 'SOTTOKR1:';
export const KEY_CARD_LEAD = 'Sotto key card (OpenPGP public key, add it with Sotto):';
export const KEY_CARD_PREFIX = 'SOTTOKC1:';
const END = '~';

export function formatKeyRequest(fingerprint: string): string {
  const fpr = normalizeFingerprint(fingerprint);
  if (fpr === null) throw new Error('not a v4 or v6 fingerprint');
  return `${KEY_REQUEST_LEAD} ${KEY_REQUEST_PREFIX}${fpr}${END}`;
}

const REQUEST = /SOTTOKR1:([0-9A-Fa-f]{64}|[0-9A-Fa-f]{40})(?![0-9A-Fa-f])/;

/** The requester's fingerprint (UPPERCASE) from a key request, or null. */
export function parseKeyRequest(text: string): string | null {
  return REQUEST.exec(text)?.[1]?.toUpperCase() ?? null;
}

const CARD = /SOTTOKC1:([A-Za-z0-9+/]+={0,2})(?![A-Za-z0-9+/=])/;

/** The binary key from a key card token, or null when there is none or it is not valid base64. */
export function decodeKeyCard(text: string): Uint8Array | null {
  const b64 = CARD.exec(text)?.[1];
  if (!b64 || b64.length > (MAX_KEY_INPUT * 4) / 3) return null;
  return base64ToBytes(b64);
}

export function isKeyCard(text: string): boolean {
  return text.includes(KEY_CARD_PREFIX);
}

export function isKeyRequest(text: string): boolean {
  return text.includes(KEY_REQUEST_PREFIX);
}

function newest(signatures: openpgp.SignaturePacket[]): openpgp.SignaturePacket[] {
  const sorted = [...signatures].sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0));
  return sorted.slice(0, 1);
}

/**
 * The minimal binary public key of `key` (private parts never included). Throws if the key has no
 * user ID or cannot be encrypted to.
 */
export async function minimalPublicKey(key: openpgp.Key): Promise<Uint8Array> {
  const pub = key.isPrivate() ? key.toPublic() : (key as openpgp.PublicKey);
  const { user, selfCertification } = await pub.getPrimaryUser();
  const encryption = await pub.getEncryptionKey();
  const packets = new openpgp.PacketList<openpgp.AnyPacket>();
  // directSignatures exists at runtime but is missing from OpenPGP.js's typings (v6 preferences).
  const direct = (pub as unknown as { directSignatures?: openpgp.SignaturePacket[] }).directSignatures ?? [];
  packets.push(pub.keyPacket, ...newest(direct));
  if (user.userID) packets.push(user.userID, selfCertification);
  if (encryption !== pub) {
    const subkey = encryption as openpgp.Subkey;
    packets.push(subkey.keyPacket, ...newest(subkey.bindingSignatures));
  }
  return packets.write();
}

/** The one-line key card for `key`. */
export async function formatKeyCard(key: openpgp.Key): Promise<string> {
  return `${KEY_CARD_LEAD} ${KEY_CARD_PREFIX}${bytesToBase64(await minimalPublicKey(key))}${END}`;
}
