// The one-line, copy-safe wire format that travels through X's DMs:
//
//   Encrypted message (OpenPGP, read it with Sotto): SOTTO1:<base64>~
//
// - The lead tells a person without Sotto what they are looking at.
// - `SOTTO<n>:` is the versioned prefix; only version 1 exists.
// - <base64> is the binary OpenPGP message in standard base64 WITH `=` padding
//   (so `base64 -d` takes it as is; the decoder also accepts it unpadded).
// - `~` closes the token, so text glued to its end cannot be mistaken for base64.
//   It is optional when reading.
// No character here is one X turns into a link, mention, hashtag, cashtag or
// image: no `.`, `@`, `#`, `$`, `://`, emoji. For gpg:
//   sed -n 's/.*SOTTO1:\([A-Za-z0-9+/=]*\).*/\1/p' token.txt | base64 -d > msg.gpg

import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { MAX_ARMORED_INPUT } from './limits.ts';

export const TOKEN_LEAD = 'Encrypted message (OpenPGP, read it with Sotto):';
export const TOKEN_VERSION = 1;
export const TOKEN_PREFIX = `SOTTO${TOKEN_VERSION}:`;
export const TOKEN_END = '~';

export type DecodeTokenResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; state: 'malformed' | 'unsupported' | 'too-large'; reason: string };

export function encodeToken(bytes: Uint8Array): string {
  return `${TOKEN_LEAD} ${TOKEN_PREFIX}${bytesToBase64(bytes)}${TOKEN_END}`;
}

// Any version, so a newer sender's token is reported as unsupported, not ignored.
const PREFIX_ANY = /SOTTO(\d{1,6}):([A-Za-z0-9+/]*={0,2})/;

/** Decode the first token in `text` (lead and surrounding text allowed). Never throws. */
export function decodeToken(text: string): DecodeTokenResult {
  if (text.length > MAX_ARMORED_INPUT) {
    return { ok: false, state: 'too-large', reason: `token longer than ${MAX_ARMORED_INPUT} characters` };
  }
  const m = PREFIX_ANY.exec(text);
  if (!m) return { ok: false, state: 'malformed', reason: 'no SOTTO prefix' };
  if (Number(m[1]) !== TOKEN_VERSION) {
    return { ok: false, state: 'unsupported', reason: `token version ${m[1]} (this Sotto reads version 1)` };
  }
  const b64 = m[2] ?? '';
  if (b64.length === 0) return { ok: false, state: 'malformed', reason: 'empty token' };
  // Base64 glued on after the padding means the token was mangled, not finished.
  if (/[A-Za-z0-9+/=]/.test(text.charAt(m.index + m[0].length))) {
    return { ok: false, state: 'malformed', reason: 'base64 continues after padding' };
  }
  const bytes = base64ToBytes(b64);
  if (!bytes) return { ok: false, state: 'malformed', reason: 'invalid base64' };
  return { ok: true, bytes };
}
