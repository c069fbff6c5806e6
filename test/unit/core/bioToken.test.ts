import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBioToken, normalizeFingerprint, parseBioFingerprint } from '../../../src/core/bioToken.ts';

const V4 = '0123456789ABCDEF0123456789ABCDEF01234567';
const V6 = 'E16FD4F79556ACD4B2B3D7700867ED51514A11E23ADEF2F78D509D5FDE46A5E1';
const groups = (hex: string) => hex.match(/.{4}/g)!.join(' ');

describe('formatBioToken', () => {
  it('writes the scheme and lowercase hex', () => {
    expect(formatBioToken(V4)).toBe(`openpgp4fpr:${V4.toLowerCase()}`);
    expect(formatBioToken(groups(V6))).toBe(`openpgp4fpr:${V6.toLowerCase()}`);
  });
  it('refuses something that is not a fingerprint', () => {
    expect(() => formatBioToken('abc')).toThrow();
    expect(() => formatBioToken(`${V4}0`)).toThrow();
  });
  it('fits in an X bio (160 chars) with room to spare', () => {
    expect(formatBioToken(V6).length).toBeLessThanOrEqual(80);
  });
});

describe('parseBioFingerprint', () => {
  const cases: Array<[string, string, string | null]> = [
    ['v4 alone', `openpgp4fpr:${V4.toLowerCase()}`, V4],
    ['v6 alone', `openpgp4fpr:${V6.toLowerCase()}`, V6],
    ['in a sentence', `Writer. Keys: openpgp4fpr:${V4} DMs open`, V4],
    ['uppercase scheme', `OPENPGP4FPR:${V4}`, V4],
    ['mixed case hex', `openpgp4fpr:${V4.slice(0, 20).toLowerCase()}${V4.slice(20)}`, V4],
    ['groups of four', `openpgp4fpr:${groups(V4)}`, V4],
    ['v6 in groups of four', `openpgp4fpr:${groups(V6)}`, V6],
    ['space after the colon', `openpgp4fpr: ${groups(V4)}`, V4],
    [
      'zero-width chars',
      `open\u200Bpgp4fpr:\u200C${V4.slice(0, 8)}\u2060${V4.slice(8, 30)}\uFEFF${V4.slice(30)}\u200D`,
      V4,
    ],
    ['first of two tokens', `openpgp4fpr:${V4} openpgp4fpr:${V6}`, V4],
    ['skips a broken first token', `openpgp4fpr:1234 and openpgp4fpr:${V6}`, V6],
    ['v4 followed by a word', `openpgp4fpr:${V4}, cafe`, V4],
    ['ends with punctuation', `(openpgp4fpr:${V4}).`, V4],
    ['too short', `openpgp4fpr:${V4.slice(1)}`, null],
    ['too long (41 hex)', `openpgp4fpr:${V4}A`, null],
    ['between v4 and v6 length', `openpgp4fpr:${V6.slice(0, 48)}`, null],
    ['non-hex', `openpgp4fpr:${V4.slice(0, 39)}g`, null],
    ['no scheme', V4, null],
    ['empty', '', null],
    ['ordinary bio', 'I like turtles. he/him. https://example.com', null],
  ];
  it.each(cases)('%s', (_name, bio, want) => {
    expect(parseBioFingerprint(bio)).toBe(want);
  });

  it('round-trips any fingerprint through formatBioToken inside random text', () => {
    const hex = (n: number) =>
      fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(hex(40), hex(64)), fc.string(), fc.string(), (fpr, pre, post) => {
        fc.pre(!pre.toLowerCase().includes('openpgp4fpr:'));
        const bio = `${pre} ${formatBioToken(fpr)} ${post}`;
        expect(parseBioFingerprint(bio)).toBe(fpr.toUpperCase());
      }),
    );
  });
});

describe('normalizeFingerprint', () => {
  it('accepts spaced, prefixed, zero-width-laden input', () => {
    expect(normalizeFingerprint(` ${groups(V4).toLowerCase()} `)).toBe(V4);
    expect(normalizeFingerprint(`openpgp4fpr:${V6}`)).toBe(V6);
    expect(normalizeFingerprint(`${V4}\u200B`)).toBe(V4);
  });
  it('rejects wrong lengths and non-hex', () => {
    expect(normalizeFingerprint(V4.slice(2))).toBeNull();
    expect(normalizeFingerprint(`${V4.slice(1)}Z`)).toBeNull();
    expect(normalizeFingerprint('')).toBeNull();
  });
});
