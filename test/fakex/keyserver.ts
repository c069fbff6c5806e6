import { randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import type { IncomingCall, Reply } from './types.ts';
import { json, text } from './types.ts';

/** keys.openpgp.org answers every VKS endpoint with an open CORS policy; so does the fake. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

interface Entry {
  key: openpgp.PublicKey;
  /** Primary and subkey fingerprints, uppercase hex. */
  fingerprints: string[];
  keyIds: string[];
}

type Status = 'unpublished' | 'pending' | 'published';

export interface FakeKeyserver {
  /** When true (the default) an upload counts as e-mail-verified, so user IDs are served at once. */
  autoVerify: boolean;
  /** Every stored key with all its (self-certified) user IDs, fingerprint uppercase. */
  keys(): Array<{ fingerprint: string; armored: string }>;
  /** The keytext of every upload, as received. */
  uploads: string[];
  /** Mark an address verified, as if its owner clicked the e-mail link. */
  verify(email: string): void;
  /** Store a key directly (verified unless told otherwise); returns its fingerprint. */
  add(armored: string, verified?: boolean): Promise<string>;
}

const upper = (s: string) => s.toUpperCase();

function emailsOf(key: openpgp.PublicKey): string[] {
  return [...new Set(key.users.map((u) => u.userID?.email ?? '').filter((e) => e !== ''))];
}

/**
 * A local keys.openpgp.org with the real VKS API (https://keys.openpgp.org/about/api). Like Hagrid it
 * serves a key's identity-less part (primary key, subkeys, their binding and revocation signatures)
 * until an address is verified, and then only the verified user IDs with their self-signatures.
 */
export class Keyserver implements FakeKeyserver {
  autoVerify = true;
  uploads: string[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly tokens = new Map<string, string>();
  private readonly verified = new Set<string>();

  keys(): Array<{ fingerprint: string; armored: string }> {
    return [...this.entries.entries()].map(([fingerprint, e]) => ({ fingerprint, armored: e.key.armor() }));
  }

  verify(email: string): void {
    this.verified.add(email.toLowerCase());
  }

  async add(armored: string, verified = true): Promise<string> {
    const key = await openpgp.readKey({ armoredKey: armored });
    const fpr = await this.store(key.toPublic());
    if (verified) for (const e of emailsOf(key)) this.verify(e);
    return fpr;
  }

  async handle(call: IncomingCall): Promise<Reply> {
    const reply = await this.route(call);
    reply.headers = { ...CORS, ...reply.headers };
    return reply;
  }

  private async route({ method, path, body }: IncomingCall): Promise<Reply> {
    if (method === 'OPTIONS') return { status: 204 };
    if (method === 'GET' && path === '/') return text(200, 'keys.openpgp.org (fake)');
    if (method === 'POST' && path === '/vks/v1/upload') return this.upload(body);
    if (method === 'POST' && path === '/vks/v1/request-verify') return this.requestVerify(body);
    if (method !== 'GET') return json(404, { error: 'Not found' });

    let m = /^\/vks\/v1\/by-fingerprint\/(.*)$/.exec(path);
    if (m) {
      if (!/^([0-9A-F]{40}|[0-9A-F]{64})$/.test(m[1]!)) return json(400, { error: 'Invalid fingerprint' });
      return this.serve([...this.entries.values()].find((e) => e.fingerprints.includes(m![1]!)));
    }
    m = /^\/vks\/v1\/by-keyid\/(.*)$/.exec(path);
    if (m) {
      if (!/^([0-9A-F]{16})$/.test(m[1]!)) return json(400, { error: 'Invalid key id' });
      return this.serve([...this.entries.values()].find((e) => e.keyIds.includes(m![1]!)));
    }
    m = /^\/vks\/v1\/by-email\/(.*)$/.exec(path);
    if (m) {
      const email = decodeURIComponent(m[1]!).toLowerCase();
      const found = this.verified.has(email)
        ? [...this.entries.values()].find((e) => emailsOf(e.key).some((x) => x.toLowerCase() === email))
        : undefined;
      return this.serve(found);
    }
    return json(404, { error: 'Not found' });
  }

  private async store(key: openpgp.PublicKey): Promise<string> {
    const fpr = upper(key.getFingerprint());
    const old = this.entries.get(fpr);
    // A re-upload merges new signatures and subkeys into what is stored, as Hagrid does.
    const merged = old ? await old.key.update(key) : key;
    this.entries.set(fpr, {
      key: merged,
      fingerprints: [fpr, ...merged.getSubkeys().map((s) => upper(s.getFingerprint()))],
      keyIds: [merged, ...merged.getSubkeys()].map((k) => upper(k.getKeyID().toHex())),
    });
    return fpr;
  }

  private statusOf(fpr: string, addresses: string[], unverified: Status): Record<string, Status> {
    const key = this.entries.get(fpr)!.key;
    const known = emailsOf(key);
    const out: Record<string, Status> = {};
    for (const a of addresses.length ? addresses : known) {
      if (!known.includes(a)) continue;
      out[a] = this.verified.has(a.toLowerCase()) ? 'published' : unverified;
    }
    return out;
  }

  private async upload(body: string): Promise<Reply> {
    let keytext: unknown;
    try {
      keytext = JSON.parse(body).keytext;
    } catch {
      return json(400, { error: 'Invalid JSON' });
    }
    if (typeof keytext !== 'string') return json(400, { error: 'Missing keytext' });
    this.uploads.push(keytext);
    let key: openpgp.Key;
    try {
      key = await openpgp.readKey({ armoredKey: keytext });
    } catch {
      return json(400, { error: 'Failed to parse key' });
    }
    if (key.isPrivate()) return json(400, { error: 'Whoops, please don’t upload secret keys!' });
    const fpr = await this.store(key as openpgp.PublicKey);
    if (this.autoVerify) for (const e of emailsOf(key)) this.verify(e);
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, fpr);
    return json(200, { key_fpr: fpr, token, status: this.statusOf(fpr, [], 'unpublished') });
  }

  private requestVerify(body: string): Reply {
    let parsed: { token?: unknown; addresses?: unknown };
    try {
      parsed = JSON.parse(body);
    } catch {
      return json(400, { error: 'Invalid JSON' });
    }
    const fpr = typeof parsed.token === 'string' ? this.tokens.get(parsed.token) : undefined;
    if (!fpr) return json(400, { error: 'Upload session expired. Please try again.' });
    const addresses = Array.isArray(parsed.addresses)
      ? parsed.addresses.filter((a) => typeof a === 'string')
      : [];
    return json(200, { key_fpr: fpr, token: parsed.token, status: this.statusOf(fpr, addresses, 'pending') });
  }

  /** What Hagrid publishes: the key material always, user IDs only once their address is verified. */
  private serve(entry: Entry | undefined): Reply {
    if (!entry) return text(404, 'No key found for the given query');
    const key = entry.key;
    const packets = new openpgp.PacketList<openpgp.AnyPacket>();
    // directSignatures exists at runtime but is missing from openpgp's typings; v6 keys keep their
    // preferences there, so it must be served.
    const direct =
      (key as unknown as { directSignatures?: openpgp.SignaturePacket[] }).directSignatures ?? [];
    packets.push(key.keyPacket, ...key.revocationSignatures, ...direct);
    for (const user of key.users) {
      const email = user.userID?.email?.toLowerCase();
      if (!user.userID || !email || !this.verified.has(email)) continue;
      // Third-party certifications are dropped, as Hagrid does.
      packets.push(user.userID, ...user.selfCertifications, ...user.revocationSignatures);
    }
    for (const sub of key.getSubkeys()) {
      packets.push(sub.keyPacket, ...sub.bindingSignatures, ...sub.revocationSignatures);
    }
    const armored = openpgp.armor(openpgp.enums.armor.publicKey, packets.write());
    return { status: 200, headers: { 'content-type': 'application/pgp-keys' }, body: armored };
  }
}
