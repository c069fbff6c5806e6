// The signed plaintext inside every Sotto message. Plain "Key: value" header
// lines, a blank line, then the text, so a person who decrypts it with
// `gpg --decrypt` reads it without Sotto:
//
//   Sotto-Envelope: 1
//   From: <sender fingerprint>
//   Handle: <sender handle>            (only if known)
//   To: <fingerprint> <fingerprint> …  (every recipient, sorted)
//   Site: x.com
//   Conversation: <site's conversation id>
//   Date: 2025-01-01T12:00:00.000Z
//   Padding: ....                      (dots: text + dots = the text's length bucket)
//
//   <text>

import { normalizeFingerprint } from './bioToken.ts';
import { MAX_HEADER_VALUE_CHARS, MAX_RECIPIENTS } from './limits.ts';
import { paddedLength } from './padding.ts';

const MAGIC_NAME = 'Sotto-Envelope:';
const MAGIC = `${MAGIC_NAME} 1`;
const encoder = new TextEncoder();

export interface Envelope {
  from: string;
  handle?: string;
  to: string[];
  site: string;
  conversation: string;
  date: number;
  text: string;
}

/** Raised when the caller passes a header value that cannot be written on one line. */
export class EnvelopeInputError extends Error {}

export function buildEnvelope(env: Envelope): Uint8Array {
  const lines = [MAGIC, `From: ${env.from}`];
  if (env.handle !== undefined) lines.push(`Handle: ${headerValue(env.handle)}`);
  lines.push(
    `To: ${[...env.to].sort().join(' ')}`,
    `Site: ${headerValue(env.site)}`,
    `Conversation: ${headerValue(env.conversation)}`,
    `Date: ${new Date(env.date).toISOString()}`,
  );
  // Only the text is bucketed: the headers' length follows from public facts (the
  // number of PKESKs, the handle and conversation id X shows). Dots are one UTF-8
  // byte each, so text + padding lands exactly on the bucket.
  const textBytes = encoder.encode(env.text).length;
  lines.push(`Padding: ${'.'.repeat(paddedLength(textBytes) - textBytes)}`);
  return encoder.encode(`${lines.join('\n')}\n\n${env.text}`);
}

/** Whether the plaintext claims to be a Sotto envelope (of any version or line ending). */
export function isEnvelope(text: string): boolean {
  return text.startsWith(MAGIC_NAME);
}

export type EnvelopeError = { error: 'malformed' | 'unsupported'; reason: string };

/** Parses a plaintext for which isEnvelope is true. */
export function parseEnvelope(text: string): Envelope | EnvelopeError {
  const bad = (reason: string): EnvelopeError => ({ error: 'malformed', reason });
  const split = text.indexOf('\n\n');
  if (split < 0) return bad('envelope has no body');
  const lines = text.slice(0, split).split('\n');
  if (lines[0] !== MAGIC) {
    return /^Sotto-Envelope: \d+$/.test(lines[0] ?? '')
      ? { error: 'unsupported', reason: `envelope version ${lines[0]?.slice(MAGIC_NAME.length + 1)}` }
      : bad('bad envelope first line');
  }
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(': ');
    if (colon <= 0) return bad('bad envelope header line');
    const name = line.slice(0, colon);
    if (headers.has(name)) return bad(`repeated envelope header ${name}`);
    headers.set(name, line.slice(colon + 2));
  }
  const from = normalizeFingerprint(headers.get('From') ?? '');
  if (!from) return bad('envelope has no valid From');
  const toField = headers.get('To') ?? '';
  const to = toField.split(' ').map(normalizeFingerprint);
  if (toField === '' || to.length > MAX_RECIPIENTS || to.some((f) => f === null)) {
    return bad('envelope has no valid To');
  }
  const site = headers.get('Site');
  const conversation = headers.get('Conversation');
  if (!site || !conversation) return bad('envelope has no Site or Conversation');
  const date = Date.parse(headers.get('Date') ?? '');
  if (Number.isNaN(date)) return bad('envelope has no valid Date');
  const env: Envelope = { from, to: to as string[], site, conversation, date, text: text.slice(split + 2) };
  const handle = headers.get('Handle');
  if (handle !== undefined) env.handle = handle;
  return env;
}

function headerValue(v: string): string {
  if (/[\r\n]/.test(v) || v.length === 0 || v.length > MAX_HEADER_VALUE_CHARS || v !== v.trim()) {
    throw new EnvelopeInputError(`bad envelope header value: ${JSON.stringify(v.slice(0, 40))}`);
  }
  return v;
}
