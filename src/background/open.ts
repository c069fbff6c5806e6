// Decrypting a registered message for its frame. Results are cached per ciphertext in memory
// (cleared when the vault locks or trust changes) so re-mounted frames and repeated bubbles cost
// nothing. Key requests and key cards are not encrypted: they get their own views.
import { isKeyCard, isKeyRequest } from '../core/keyCard';
import { decryptMessage } from '../core/message';
import type { DecryptResult } from '../core/result';
import type { MessageView } from '../shared/protocol';
import { onTrustChange } from './changes';
import type { MessageRecord } from './handles';
import { openKeyCard, openKeyRequest } from './keyCards';
import { allKeys, type KnownKey } from './keyring';
import { labelSigner } from './signers';
import * as vault from './vault';

const MAX_CACHED = 2000;
const cache = new Map<string, MessageView>();

vault.onVaultChange(() => cache.clear());
onTrustChange(() => cache.clear());

export async function openMessage(record: MessageRecord): Promise<MessageView> {
  if (isKeyRequest(record.ciphertext)) return openKeyRequest(record);
  if (isKeyCard(record.ciphertext)) return openKeyCard(record);

  const cacheKey = `${record.conversationId}\n${record.ciphertext}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const decryptionKey = await vault.unlockedKey();
  const [contacts, own] = await Promise.all([allKeys(), vault.ownPublicKey()]);
  const verificationKeys = contacts.map((c) => c.key);
  if (own) verificationKeys.push(own.key);
  const result: DecryptResult = await decryptMessage({
    input: record.ciphertext,
    decryptionKey,
    verificationKeys,
    context: { site: 'x.com', conversation: record.conversationId },
  });
  if (result.state === 'locked') return result; // never cache: unlocking changes it
  await vault.touch();
  const view = await labelSigner(result, own?.fingerprint ?? null, contacts as KnownKey[]);
  // The signer's key may arrive any moment (discovery, a key card): do not remember "unknown".
  if (result.state === 'unknown-signer') return view;
  cache.set(cacheKey, view);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return view;
}
