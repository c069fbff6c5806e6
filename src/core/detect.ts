// Finds ciphertext in message text as recovered from X's DOM. Ships in the
// content script: no OpenPGP, no allocation beyond the matches, one regex pass.
// Only the prefix is required; the lead is swallowed into the match when present.

export interface Ciphertext {
  /** key-request / key-card: the in-band key exchange of keyCard.ts (not encrypted). */
  kind: 'token' | 'armor' | 'key-request' | 'key-card';
  start: number;
  end: number;
  text: string;
}

// Kept literal (not imported) so the content script bundle stays tiny; a unit
// test checks these agree with wireToken's constants.
// Lead (optional, any whitespace after), versioned prefix, 16+ base64 chars
// (the smallest real message is far longer), optional padding, optional `~`.
const TOKEN =
  /(?:Encrypted message \(OpenPGP, read it with Sotto\):\s{0,4})?SOTTO\d{1,6}:[A-Za-z0-9+/]{16,}={0,2}~?/g;
const KEY_REQUEST =
  /(?:Sotto key request \(answer it with Sotto\):\s{0,4})?SOTTOKR1:(?:[0-9A-F]{64}|[0-9A-F]{40})~?/g;
const KEY_CARD =
  /(?:Sotto key card \(OpenPGP public key, add it with Sotto\):\s{0,4})?SOTTOKC1:[A-Za-z0-9+/]{16,}={0,2}~?/g;
const ARMOR = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/g;

export function findCiphertexts(text: string): Ciphertext[] {
  const out: Ciphertext[] = [];
  // Cheap pre-checks: most messages contain neither marker.
  if (text.includes('SOTTO')) {
    collect(text, TOKEN, 'token', out);
    collect(text, KEY_REQUEST, 'key-request', out);
    collect(text, KEY_CARD, 'key-card', out);
  }
  if (text.includes('-----BEGIN PGP MESSAGE-----')) collect(text, ARMOR, 'armor', out);
  if (out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

function collect(text: string, re: RegExp, kind: Ciphertext['kind'], out: Ciphertext[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // A token inside an armored block (or vice versa) cannot happen: base64 armor
    // has no ':' and a token has no '-'. So the two kinds never overlap.
    out.push({ kind, start, end, text: m[0] });
  }
}
