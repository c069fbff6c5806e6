// The recovery code that protects a backup: 130 random bits written as Crockford base32
// (no I, L, O, U), followed by two check characters, shown in groups of four. A person copies
// it onto paper and types it back months later, so parsing forgives case, spacing, dashes and
// the usual look-alikes (O for 0, I and L for 1), and the check characters catch every single
// wrong character and every swap of two neighbours before any decryption is tried.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 26; // 26 x 5 = 130 bits
const CHECK_CHARS = 2;
export const RECOVERY_CODE_CHARS = DATA_CHARS + CHECK_CHARS;
const GROUP = 4;
// A prime above every weighted term's factors: (i + 1) * delta is never 0 modulo it.
const CHECK_MODULUS = 1021;

const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

export type ParsedRecoveryCode =
  | { ok: true; code: string }
  | { ok: false; reason: 'bad-character'; character: string }
  | { ok: false; reason: 'wrong-length'; length: number }
  | { ok: false; reason: 'checksum' };

function checkValue(values: number[]): number {
  let sum = 0;
  for (const [i, v] of values.entries()) sum = (sum + (i + 1) * v) % CHECK_MODULUS;
  return sum;
}

function checkChars(values: number[]): string {
  const c = checkValue(values);
  return ALPHABET.charAt(Math.floor(c / 32)) + ALPHABET.charAt(c % 32);
}

/** Groups of four joined by dashes: the form shown on the recovery sheet. */
export function formatRecoveryCode(compact: string): string {
  return compact.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? '';
}

/** A fresh code from the platform's CSPRNG, in its display form. */
export function generateRecoveryCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(DATA_CHARS);
  if (bytes.length !== DATA_CHARS) throw new Error('random source returned the wrong length');
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
  const values = Array.from(bytes, (b) => b & 31);
  return formatRecoveryCode(values.map((v) => ALPHABET.charAt(v)).join('') + checkChars(values));
}

/** Reads a code as typed; on success `code` is its display form (the backup's password). */
export function parseRecoveryCode(input: string): ParsedRecoveryCode {
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―_.·]/g, '');
  let compact = '';
  for (const ch of cleaned) {
    const mapped = LOOK_ALIKES[ch] ?? ch;
    if (!ALPHABET.includes(mapped)) return { ok: false, reason: 'bad-character', character: ch };
    compact += mapped;
  }
  if (compact.length !== RECOVERY_CODE_CHARS)
    return { ok: false, reason: 'wrong-length', length: compact.length };
  const values = Array.from(compact.slice(0, DATA_CHARS), (ch) => ALPHABET.indexOf(ch));
  if (compact.slice(DATA_CHARS) !== checkChars(values)) return { ok: false, reason: 'checksum' };
  return { ok: true, code: formatRecoveryCode(compact) };
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
