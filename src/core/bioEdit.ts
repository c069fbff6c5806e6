// Putting the user's bio token into their own bio: keep what they wrote, replace an older
// `openpgp4fpr:` token (a bio names one key), and stay within the site's limit, counted in UTF-16
// code units as the browser's `maxlength` counts. Pure, so the content script can use it.
import { normalizeFingerprint } from './bioToken.ts';

// Invisible characters a copy-paste may leave inside a token (not U+200D, which joins emoji).
const Z = '[\\u200B\\u200C\\u2060\\uFEFF]*';
const HEX4 = `(?:[0-9a-f]${Z}){4}`;
const GROUP = `[ \\t]?${Z}${HEX4}`;
// A v4 (40 hex) or v6 (64 hex) token, plain or in groups of four, with the blanks before it.
const TOKEN = new RegExp(`[ \\t]*openpgp4fpr:${Z}[ \\t]*${HEX4}(?:${GROUP}){9}(?:(?:${GROUP}){6})?`, 'gi');

export type BioEdit =
  | { ok: true; bio: string; changed: boolean }
  /** No room: `needed` characters are needed for the token, only `available` are left. */
  | { ok: false; needed: number; available: number };

export function bioWithToken(bio: string, token: string, limit: number): BioEdit {
  if (normalizeFingerprint(token) === null) throw new Error('not a bio token');
  const kept = bio
    .replace(TOKEN, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const separator = kept === '' ? '' : ' ';
  const next = kept + separator + token;
  if (next.length > limit) {
    return {
      ok: false,
      needed: token.length + separator.length,
      available: Math.max(0, limit - kept.length),
    };
  }
  return { ok: true, bio: next, changed: next !== bio };
}
