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
//   Padding: ....                      (dots up to the length bucket)
//
//   <text>

import { normalizeFingerprint } from './bioToken.ts';
import { MAX_HEADER_VALUE_CHARS, MAX_RECIPIENTS } from './limits.ts';
import { paddedLength } from './padding.ts';

const MAGIC = 'Sotto-Envelope: 1';
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
  const head = `${lines.join('\n')}\nPadding: `;
  const tail = `\n\n${env.text}`;
  const unpadded = encoder.encode(head).length + encoder.encode(tail).length;
  // Dots are one byte each in UTF-8, so the total lands exactly on the bucket.
  return encoder.encode(head + '.'.repeat(paddedLength(unpadded) - unpadded) + tail);
}

export function isEnvelope(text: string): boolean {
  return text.startsWith(`${MAGIC}\n`);
}

/** Parses an envelope (isEnvelope must be true); returns a reason string when malformed. */
export function parseEnvelope(text: string): Envelope | string {
  const split = text.indexOf('\n\n');
  if (split < 0) return 'envelope has no body';
  const headers = new Map<string, string>();
  for (const line of text.slice(0, split).split('\n').slice(1)) {
    const colon = line.indexOf(': ');
    if (colon <= 0) return 'bad envelope header line';
    const name = line.slice(0, colon);
    if (headers.has(name)) return `repeated envelope header ${name}`;
    headers.set(name, line.slice(colon + 2));
  }
  const from = normalizeFingerprint(headers.get('From') ?? '');
  if (!from) return 'envelope has no valid From';
  const toField = headers.get('To') ?? '';
  const to = toField.split(' ').map(normalizeFingerprint);
  if (toField === '' || to.length > MAX_RECIPIENTS || to.some((f) => f === null)) {
    return 'envelope has no valid To';
  }
  const site = headers.get('Site');
  const conversation = headers.get('Conversation');
  if (!site || !conversation) return 'envelope has no Site or Conversation';
  const date = Date.parse(headers.get('Date') ?? '');
  if (Number.isNaN(date)) return 'envelope has no valid Date';
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
