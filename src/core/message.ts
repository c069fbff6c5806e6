// Encrypt+sign a text into a wire token, and decrypt+verify a token or an
// armored block into a DecryptResult. decryptMessage never throws: every
// failure is one of the states in result.ts.

import * as openpgp from 'openpgp';
import { normalizeFingerprint } from './bioToken.ts';
import { buildEnvelope, type Envelope, isEnvelope, parseEnvelope } from './envelope.ts';
import { errorText, fingerprintOf } from './keys.ts';
import {
  MAX_ARMORED_INPUT,
  MAX_DECOMPRESSED_BYTES,
  MAX_ENVELOPE_OVERHEAD,
  MAX_PLAINTEXT_BYTES,
  MAX_RECIPIENTS,
  MAX_SIGNATURES,
  MAX_TOKEN_CHARS,
} from './limits.ts';
import type { Binding, DecryptResult } from './result.ts';
import { decodeToken, encodeToken } from './wireToken.ts';

export interface MessageContext {
  /** Site host, e.g. 'x.com'. */
  site: string;
  /** The site's conversation id. */
  conversation: string;
  /** Encrypt: the sender's own handle. Decrypt: the handle the site shows as this message's sender. */
  senderHandle?: string;
  /** Decrypt: every participant's primary fingerprint, self included. Enables the recipient check. */
  participants?: string[];
}

/** Thrown by encryptMessage when the text or the resulting token is over a limit. */
export class MessageTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageTooLargeError';
  }
}

const encoder = new TextEncoder();

type VerificationResult = openpgp.DecryptMessageResult['signatures'][number];

// Our messages are never compressed (length leaks, CRIME-like issues, bombs).
const ENCRYPT_CONFIG: Partial<openpgp.Config> = {
  preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed,
};

// OpenPGP.js's defaults already refuse most legacy crypto, but openpgp.config is
// global and mutable, so the policy is spelled out here; plus the decompression
// cap it lacks (unlimited by default).
const DECRYPT_CONFIG: Partial<openpgp.Config> = {
  maxDecompressedMessageSize: MAX_DECOMPRESSED_BYTES,
  allowUnauthenticatedMessages: false,
  allowUnauthenticatedStream: false,
  allowInsecureDecryptionWithSigningKeys: false,
  allowInsecureVerificationWithReformattedKeys: false,
  rejectMessageHashAlgorithms: new Set([
    openpgp.enums.hash.md5,
    openpgp.enums.hash.ripemd,
    openpgp.enums.hash.sha1,
  ]),
  rejectPublicKeyAlgorithms: new Set([openpgp.enums.publicKey.elgamal, openpgp.enums.publicKey.dsa]),
  minRSABits: 2047,
};

const ACCEPTED_CIPHERS = new Set(['aes128', 'aes192', 'aes256']);

/**
 * Builds the signed envelope and encrypts it to every recipient (the signing key's
 * own public key is added if missing, so the sender can read what they sent).
 * SEIPDv1 is used unless every recipient advertises SEIPDv2 (v6 keys), so v4
 * messages stay readable by gpg 2.2 and sq 0.27.
 */
export async function encryptMessage(opts: {
  text: string;
  signingKey: openpgp.PrivateKey;
  recipientKeys: openpgp.PublicKey[];
  context: MessageContext;
  now?: Date;
}): Promise<string> {
  const now = opts.now ?? new Date();
  if (encoder.encode(opts.text).length > MAX_PLAINTEXT_BYTES) {
    throw new MessageTooLargeError(`text longer than ${MAX_PLAINTEXT_BYTES} bytes`);
  }
  const senderFpr = fingerprintOf(opts.signingKey);
  const recipients = new Map<string, openpgp.PublicKey>();
  for (const k of opts.recipientKeys) recipients.set(fingerprintOf(k), k);
  if (!recipients.has(senderFpr)) recipients.set(senderFpr, opts.signingKey.toPublic());
  if (recipients.size > MAX_RECIPIENTS)
    throw new MessageTooLargeError(`more than ${MAX_RECIPIENTS} recipients`);

  const env: Envelope = {
    from: senderFpr,
    to: [...recipients.keys()],
    site: opts.context.site,
    conversation: opts.context.conversation,
    date: now.getTime(),
    text: opts.text,
  };
  if (opts.context.senderHandle !== undefined) env.handle = opts.context.senderHandle;

  // Binary literal data carrying UTF-8: bytes round-trip exactly (no CRLF rewriting).
  const message = await openpgp.createMessage({ binary: buildEnvelope(env), format: 'utf8' });
  const bytes = await openpgp.encrypt({
    message,
    encryptionKeys: [...recipients.values()],
    signingKeys: opts.signingKey,
    format: 'binary',
    date: now,
    config: ENCRYPT_CONFIG,
  });
  const token = encodeToken(bytes);
  if (token.length > MAX_TOKEN_CHARS) {
    throw new MessageTooLargeError(`message is ${token.length} characters; X allows ${MAX_TOKEN_CHARS}`);
  }
  return token;
}

export async function decryptMessage(opts: {
  input: string;
  decryptionKey: openpgp.PrivateKey | null;
  /** Trusted (pinned) keys: a signature by one gives signer.known = true. */
  verificationKeys: openpgp.PublicKey[];
  /** Other keys that may verify (e.g. fetched, not yet pinned): signer.known = false. */
  otherKeys?: openpgp.PublicKey[];
  context: MessageContext;
}): Promise<DecryptResult> {
  try {
    return await decryptUnsafe(opts);
  } catch (e) {
    // Defence in depth: a bug or an unexpected library error is still a state.
    return { state: 'malformed', reason: errorText(e) };
  }
}

type DecryptOpts = Parameters<typeof decryptMessage>[0];

const ARMOR_BLOCK = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/;

async function decryptUnsafe(opts: DecryptOpts): Promise<DecryptResult> {
  const { input } = opts;
  if (input.length > MAX_ARMORED_INPUT) return { state: 'too-large' };

  // 1. Unwrap the text into a parsed (but still encrypted) message.
  let message: openpgp.Message<Uint8Array>;
  const armor = ARMOR_BLOCK.exec(input);
  try {
    if (armor) {
      // Once read, an armored message holds the same binary packets as a token's.
      message = (await openpgp.readMessage({
        armoredMessage: armor[0],
        config: DECRYPT_CONFIG,
      })) as unknown as openpgp.Message<Uint8Array>;
    } else {
      const decoded = decodeToken(input);
      if (!decoded.ok) {
        return decoded.state === 'too-large'
          ? { state: 'too-large' }
          : { state: decoded.state, reason: decoded.reason };
      }
      message = await openpgp.readMessage({ binaryMessage: decoded.bytes, config: DECRYPT_CONFIG });
    }
  } catch (e) {
    return libraryFailure(e);
  }

  // 2. Structure checks that need no key.
  const structure = checkStructure(message);
  if (structure) return structure;
  const { decryptionKey } = opts;
  if (!decryptionKey?.isDecrypted()) return { state: 'locked' };
  if (!addressedTo(message, decryptionKey)) return { state: 'not-for-me' };

  // 3. Session key, then the data.
  let sessionKeys: openpgp.DecryptedSessionKey[];
  try {
    sessionKeys = await openpgp.decryptSessionKeys({
      message,
      decryptionKeys: decryptionKey,
      config: DECRYPT_CONFIG,
    });
  } catch {
    return { state: 'not-for-me' };
  }
  const weak = sessionKeys.find((k) => k.algorithm !== null && !ACCEPTED_CIPHERS.has(k.algorithm));
  if (weak) return { state: 'unsupported', reason: `legacy cipher ${weak.algorithm}` };

  const trusted = opts.verificationKeys;
  const others = opts.otherKeys ?? [];
  let decrypted: { data: Uint8Array; signatures: VerificationResult[] };
  try {
    decrypted = await openpgp.decrypt({
      message,
      // v6 PKESKs yield algorithm null (it lives in SEIPDv2); OpenPGP.js accepts that.
      sessionKeys: sessionKeys as openpgp.SessionKey[],
      verificationKeys: [...trusted, ...others],
      format: 'binary',
      config: DECRYPT_CONFIG,
    });
  } catch (e) {
    return libraryFailure(e);
  }
  const data = decrypted.data;
  if (data.length > MAX_PLAINTEXT_BYTES + MAX_ENVELOPE_OVERHEAD) return { state: 'too-large' };
  let plain: string;
  try {
    plain = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { state: 'unsupported', reason: 'content is not UTF-8 text' };
  }

  // 4. Signatures: text is released only with a valid one from a key we hold.
  const sig = await checkSignatures(decrypted.signatures, trusted, others);
  if (sig.kind === 'unsigned') return { state: 'unsigned' };
  if (sig.kind === 'bad') return { state: 'bad-signature', reason: sig.reason };
  const env = isEnvelope(plain) ? parseEnvelope(plain) : null;
  if (sig.kind === 'unknown') {
    const r: DecryptResult = { state: 'unknown-signer', signerKeyId: sig.keyId.toUpperCase() };
    if (env && !('error' in env)) r.claimedFingerprint = env.from; // a lookup hint, not a claim we trust
    return r;
  }
  if (env && 'error' in env) return { state: env.error, reason: env.reason };

  // 5. Plain gpg/sq message: nothing more to check.
  if (!env) {
    if (data.length > MAX_PLAINTEXT_BYTES) return { state: 'too-large' };
    // gpg's text mode stores CRLF line ends; show them as the sender typed them.
    return { state: 'ok', text: plain.replace(/\r\n/g, '\n'), signer: sig.signer, binding: 'none' };
  }
  if (env.from !== sig.signer.fingerprint) {
    return { state: 'bad-signature', reason: 'envelope sender is not the signer' };
  }
  if (encoder.encode(env.text).length > MAX_PLAINTEXT_BYTES) return { state: 'too-large' };
  const result: DecryptResult = {
    state: 'ok',
    text: env.text,
    signer: sig.signer,
    binding: bindingOf(env, opts.context, fingerprintOf(decryptionKey)),
    sentAt: env.date,
  };
  if (env.handle !== undefined) result.senderHandle = env.handle;
  return result;
}

/** Refusals decided from the packet list alone, before any private-key work. */
function checkStructure(message: openpgp.Message<Uint8Array>): DecryptResult | null {
  const tag = openpgp.enums.packet;
  const count = (t: number) => message.packets.filterByTag(t).length;
  if (count(tag.symmetricallyEncryptedData) > 0) {
    return { state: 'unsupported', reason: 'unauthenticated encryption (SED, no integrity protection)' };
  }
  const pkesk = count(tag.publicKeyEncryptedSessionKey);
  if (pkesk > MAX_RECIPIENTS) return { state: 'too-large' };
  const encrypted = count(tag.symEncryptedIntegrityProtectedData) + count(tag.aeadEncryptedData);
  if (encrypted !== 1) return { state: 'unsupported', reason: 'not a public-key encrypted message' };
  if (pkesk === 0) return { state: 'unsupported', reason: 'password-encrypted message' };
  return null;
}

/** Whether any PKESK names one of our (sub)keys or is anonymous (wildcard). */
function addressedTo(message: openpgp.Message<Uint8Array>, key: openpgp.PrivateKey): boolean {
  const ours = key.getKeys().map((k) => k.getKeyID());
  // publicKeyID is public at runtime but missing from OpenPGP.js's typings.
  const pkesks = message.packets.filterByTag(
    openpgp.enums.packet.publicKeyEncryptedSessionKey,
  ) as unknown as {
    publicKeyID: openpgp.KeyID;
  }[];
  // equals(_, true) also matches the all-zero wildcard ID of anonymous recipients.
  return pkesks.some((p) => ours.some((id) => id.equals(p.publicKeyID, true)));
}

type SignatureCheck =
  | { kind: 'unsigned' }
  | { kind: 'bad'; reason: string }
  | { kind: 'unknown'; keyId: string }
  | { kind: 'ok'; signer: { fingerprint: string; known: boolean } };

/** Any bad signature wins; else the first valid one; else the first unknown issuer. */
async function checkSignatures(
  sigs: VerificationResult[],
  trusted: openpgp.PublicKey[],
  others: openpgp.PublicKey[],
): Promise<SignatureCheck> {
  if (sigs.length === 0) return { kind: 'unsigned' };
  if (sigs.length > MAX_SIGNATURES) return { kind: 'bad', reason: 'too many signatures' };
  const outcomes = await Promise.all(
    sigs.map(async (s) => {
      try {
        await s.verified;
        return { keyId: s.keyID, error: null };
      } catch (e) {
        return { keyId: s.keyID, error: errorText(e) };
      }
    }),
  );
  const bad = outcomes.find((o) => o.error !== null && !/Could not find signing key/.test(o.error));
  if (bad) return { kind: 'bad', reason: bad.error ?? 'invalid signature' };
  for (const o of outcomes) {
    if (o.error !== null) continue;
    const inTrusted = trusted.find((k) => k.getKeys(o.keyId).length > 0);
    const key = inTrusted ?? others.find((k) => k.getKeys(o.keyId).length > 0);
    if (key)
      return { kind: 'ok', signer: { fingerprint: fingerprintOf(key), known: inTrusted !== undefined } };
  }
  return { kind: 'unknown', keyId: outcomes[0]!.keyId.toHex() };
}

/** Order: wrong place first (replay), then wrong sender, then wrong audience. */
function bindingOf(env: Envelope, ctx: MessageContext, self: string): Binding {
  if (env.site !== ctx.site || env.conversation !== ctx.conversation) return 'other-conversation';
  if (ctx.senderHandle !== undefined && env.handle !== undefined) {
    if (normalizeHandle(ctx.senderHandle) !== normalizeHandle(env.handle)) return 'other-sender';
  }
  if (!env.to.includes(self)) return 'other-recipients';
  if (ctx.participants) {
    const want = new Set(ctx.participants.map((p) => normalizeFingerprint(p) ?? p));
    const got = new Set(env.to);
    if (want.size !== got.size || [...want].some((f) => !got.has(f))) return 'other-recipients';
  }
  return 'match';
}

function normalizeHandle(h: string): string {
  return h.trim().replace(/^@/, '').toLowerCase();
}

/** Maps an OpenPGP.js error to a state; its messages are the only signal it gives. */
function libraryFailure(e: unknown): DecryptResult {
  const msg = errorText(e);
  if (/Maximum decompressed (message )?size exceeded/i.test(msg)) return { state: 'too-large' };
  if (/not supported|unsupported|unknown|version/i.test(msg)) return { state: 'unsupported', reason: msg };
  return { state: 'malformed', reason: msg };
}
