// The bio token `openpgp4fpr:<hex>` (the anchor of trust for a person's key).
// Bios are hand-edited and pass through X's rendering, so parsing is lenient
// about case, spacing in groups of four and invisible characters.

const SCHEME = 'openpgp4fpr:';

// Zero-width characters X or a copy-paste may slip into a bio.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

// After the scheme: hex digits, optionally in groups of four split by spaces.
// v6 (64 hex) is tried before v4 (40 hex) so a v6 fingerprint is not cut short.
const FPR_AFTER_SCHEME = /^[ \t]*((?:[0-9a-f]{4}[ \t]?){9}[0-9a-f]{4}(?:(?:[ \t]?[0-9a-f]{4}){6})?)/i;

/** Bio token for a fingerprint, in lowercase as the URI scheme customarily is. */
export function formatBioToken(fpr: string): string {
  const norm = normalizeFingerprint(fpr);
  if (norm === null) throw new Error('not a v4 or v6 fingerprint');
  return SCHEME + norm.toLowerCase();
}

/** UPPERCASE hex of 40 (v4) or 64 (v6) digits, or null. Ignores spaces, zero-width chars, an `openpgp4fpr:` prefix. */
export function normalizeFingerprint(s: string): string | null {
  let t = s.replace(ZERO_WIDTH, '').trim();
  if (t.toLowerCase().startsWith(SCHEME)) t = t.slice(SCHEME.length);
  t = t.replace(/\s+/g, '');
  if (t.length !== 40 && t.length !== 64) return null;
  return /^[0-9a-f]+$/i.test(t) ? t.toUpperCase() : null;
}

/** Fingerprint (UPPERCASE hex) of the first bio token in a bio, or null. */
export function parseBioFingerprint(bio: string): string | null {
  const text = bio.replace(ZERO_WIDTH, '');
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(SCHEME, from);
    if (at < 0) return null;
    const rest = text.slice(at + SCHEME.length);
    const m = FPR_AFTER_SCHEME.exec(rest);
    if (m?.[1]) {
      const hex = m[1].replace(/[ \t]/g, '');
      const next = rest.charAt(m[0].length);
      // Reject a run of hex that keeps going (not a whole fingerprint).
      if ((hex.length === 40 || hex.length === 64) && !/[0-9a-f]/i.test(next)) return hex.toUpperCase();
    }
    from = at + SCHEME.length;
  }
}
