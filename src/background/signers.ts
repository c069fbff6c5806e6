// Who signed a decrypted message, in the words the message frame uses: the user, a contact (with
// how far the user trusts that contact's key), or a contact's key from before a key change.
import type { DecryptResult } from '../core/result';
import type { MessageView } from '../shared/protocol';
import { bioFingerprintOf } from './discovery';
import type { KnownKey } from './keyring';

export async function labelSigner(
  result: DecryptResult,
  ownFingerprint: string | null,
  keys: KnownKey[],
): Promise<MessageView> {
  if (result.state !== 'ok') return result;
  const fpr = result.signer.fingerprint;
  if (ownFingerprint === fpr) return { ...result, signerIsSelf: true };
  const known = keys.find((k) => k.fingerprint === fpr);
  if (!known) return result;
  if (known.previous) return { ...result, signerHandle: known.handle, signerKey: 'previous' };
  const bioFingerprint = await bioFingerprintOf(known.handle, null);
  const changed = bioFingerprint !== null && bioFingerprint !== fpr;
  return {
    ...result,
    signerHandle: known.handle,
    signerKey: 'current',
    signerTrust: changed ? 'changed' : known.verified ? 'verified' : 'pinned',
  };
}
