import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  generateRecoveryCode,
  parseRecoveryCode,
  RECOVERY_CODE_CHARS,
} from '../../../src/core/recoveryCode.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const compact = (code: string) => code.replace(/-/g, '');

describe('recovery code', () => {
  it('is 7 groups of 4 Crockford base32 characters carrying 130 random bits', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
    expect(compact(code)).toHaveLength(RECOVERY_CODE_CHARS);
    expect(parseRecoveryCode(code)).toEqual({ ok: true, code });
    const many = new Set(Array.from({ length: 200 }, () => generateRecoveryCode()));
    expect(many.size).toBe(200);
  });

  it('uses every byte of the random source (26 five-bit values)', () => {
    const zeros = generateRecoveryCode(() => new Uint8Array(26));
    const ones = generateRecoveryCode(() => new Uint8Array(26).fill(31));
    expect(compact(zeros).slice(0, 26)).toBe('0'.repeat(26));
    expect(compact(ones).slice(0, 26)).toBe('Z'.repeat(26));
    expect(() => generateRecoveryCode(() => new Uint8Array(25))).toThrow();
  });

  it('forgives case, spaces, dashes and the look-alikes O/0, I/L/1', () => {
    const code = generateRecoveryCode(() => new Uint8Array(26).fill(1)); // data part is all '1'
    const typed = `  ${compact(code)
      .toLowerCase()
      .replace(/1/g, 'l')
      .replace(/(.{4})/g, '$1 ')}  `;
    expect(parseRecoveryCode(typed)).toEqual({ ok: true, code });
    const withO = generateRecoveryCode(() => new Uint8Array(26)); // all '0'
    expect(parseRecoveryCode(withO.replace(/0/g, 'O'))).toEqual({ ok: true, code: withO });
    expect(parseRecoveryCode(withO.replace(/-/g, '–'))).toEqual({ ok: true, code: withO });
  });

  it('says what is wrong: a foreign character, the length, or a typo', () => {
    const code = generateRecoveryCode();
    expect(parseRecoveryCode(`${code.slice(0, -1)}U`)).toMatchObject({
      reason: 'bad-character',
      character: 'U',
    });
    expect(parseRecoveryCode(code.slice(0, -2))).toMatchObject({ reason: 'wrong-length', length: 26 });
    expect(parseRecoveryCode(`${code}A`)).toMatchObject({ reason: 'wrong-length', length: 29 });
  });

  it('catches every single wrong character and every swap of two neighbours', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 26, maxLength: 26 }),
        fc.nat(RECOVERY_CODE_CHARS - 1),
        fc.nat(30),
        (bytes, at, shift) => {
          const good = compact(generateRecoveryCode(() => bytes));
          const wrong = ALPHABET[(ALPHABET.indexOf(good[at]!) + shift + 1) % 32]!;
          const typo = good.slice(0, at) + wrong + good.slice(at + 1);
          expect(parseRecoveryCode(typo)).toEqual({ ok: false, reason: 'checksum' });
          if (at + 1 < RECOVERY_CODE_CHARS && good[at] !== good[at + 1]) {
            const swapped = good.slice(0, at) + good[at + 1] + good[at] + good.slice(at + 2);
            expect(parseRecoveryCode(swapped)).toEqual({ ok: false, reason: 'checksum' });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('formats in groups of four', () => {
    expect(formatRecoveryCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });
});
