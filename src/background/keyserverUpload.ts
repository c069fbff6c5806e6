// Optional publication of the user's public key to keys.openpgp.org (VKS upload API). The server
// serves the key without user IDs until an address on it is verified, so after the upload Sotto
// asks the server to e-mail a verification link to each address not yet published; the user then
// clicks the link in their mail. Until then, in-band key cards cover the gap.
import * as vault from './vault';

const VKS = 'https://keys.openpgp.org/vks/v1';

type AddressStatus = 'unpublished' | 'pending' | 'published' | 'revoked';

interface VksReply {
  key_fpr?: unknown;
  token?: unknown;
  status?: unknown;
}

async function post(
  path: string,
  body: unknown,
): Promise<{ ok: true; reply: VksReply } | { ok: false; reason: string }> {
  try {
    const response = await fetch(`${VKS}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) return { ok: false, reason: `keyserver-${response.status}` };
    return { ok: true, reply: (await response.json()) as VksReply };
  } catch {
    return { ok: false, reason: 'keyserver-unreachable' };
  }
}

function statuses(reply: VksReply): Record<string, AddressStatus> {
  const out: Record<string, AddressStatus> = {};
  if (reply.status && typeof reply.status === 'object') {
    for (const [address, state] of Object.entries(reply.status as Record<string, unknown>)) {
      if (state === 'unpublished' || state === 'pending' || state === 'published' || state === 'revoked')
        out[address] = state;
    }
  }
  return out;
}

export async function uploadOwnKey(): Promise<
  | { ok: true; fingerprint: string; verification: { sent: string[]; published: string[] } }
  | { ok: false; reason: string }
> {
  const record = await vault.vaultRecord();
  if (!record) return { ok: false, reason: 'no-key' };
  const upload = await post('upload', { keytext: record.armoredPublic });
  if (!upload.ok) return upload;
  const fingerprint = String(upload.reply.key_fpr ?? record.fingerprint).toUpperCase();
  const uploaded = statuses(upload.reply);
  const published = Object.keys(uploaded).filter((a) => uploaded[a] === 'published');
  const toVerify = Object.keys(uploaded).filter((a) => uploaded[a] === 'unpublished');
  if (toVerify.length === 0 || typeof upload.reply.token !== 'string')
    return { ok: true, fingerprint, verification: { sent: [], published } };
  const verify = await post('request-verify', { token: upload.reply.token, addresses: toVerify });
  if (!verify.ok) return verify;
  const after = statuses(verify.reply);
  const sent = toVerify.filter((a) => after[a] === 'pending');
  return { ok: true, fingerprint, verification: { sent, published } };
}
