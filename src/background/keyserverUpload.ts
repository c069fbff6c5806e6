// Optional publication of the user's public key to keys.openpgp.org (VKS upload API). The server
// then e-mails a verification link for each address on the key; until one is confirmed it serves
// the key without user IDs, which is why Sotto also supports in-band key cards.
import * as vault from './vault';

const UPLOAD = 'https://keys.openpgp.org/vks/v1/upload';

export async function uploadOwnKey(): Promise<
  { ok: true; fingerprint: string } | { ok: false; reason: string }
> {
  const record = await vault.vaultRecord();
  if (!record) return { ok: false, reason: 'no-key' };
  try {
    const response = await fetch(UPLOAD, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keytext: record.armoredPublic }),
      credentials: 'omit',
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) return { ok: false, reason: `keyserver-${response.status}` };
    const body = (await response.json()) as { key_fpr?: string };
    return { ok: true, fingerprint: String(body.key_fpr ?? record.fingerprint).toUpperCase() };
  } catch {
    return { ok: false, reason: 'keyserver-unreachable' };
  }
}
