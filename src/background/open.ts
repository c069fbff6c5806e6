// Decrypting a registered message for its frame. Results are cached per ciphertext in memory
// (cleared when the vault locks) so re-mounted frames and repeated bubbles cost nothing.
import { decryptMessage } from '../core/message';
import type { MessageView } from '../shared/protocol';
import type { MessageRecord } from './handles';
import { allKeys } from './keyring';
import * as vault from './vault';

const MAX_CACHED = 2000;
const cache = new Map<string, MessageView>();

vault.onVaultChange(() => cache.clear());

export async function openMessage(record: MessageRecord): Promise<MessageView> {
  const cacheKey = `${record.conversationId}\n${record.ciphertext}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const decryptionKey = await vault.unlockedKey();
  const [contacts, own] = await Promise.all([allKeys(), vault.ownPublicKey()]);
  const verificationKeys = contacts.map((c) => c.key);
  if (own) verificationKeys.push(own.key);
  const result = await decryptMessage({
    input: record.ciphertext,
    decryptionKey,
    verificationKeys,
    context: { site: 'x.com', conversation: record.conversationId },
  });
  if (result.state === 'locked') return result; // never cache: unlocking changes it
  await vault.touch();
  let view: MessageView = result;
  if (result.state === 'ok') {
    const fpr = result.signer.fingerprint;
    if (own?.fingerprint === fpr) view = { ...result, signerIsSelf: true };
    else {
      const signerHandle = contacts.find((c) => c.fingerprint === fpr)?.handle;
      if (signerHandle) view = { ...result, signerHandle };
    }
  }
  cache.set(cacheKey, view);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return view;
}
