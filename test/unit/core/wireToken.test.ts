import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ARMORED_INPUT } from '../../../src/core/limits.ts';
import { decodeToken, encodeToken, TOKEN_LEAD, TOKEN_PREFIX } from '../../../src/core/wireToken.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('encodeToken', () => {
  it('is lead, space, prefix, padded standard base64, closing ~', () => {
    expect(encodeToken(bytes(0xfb, 0xff, 0x00, 0x41))).toBe(`${TOKEN_LEAD} ${TOKEN_PREFIX}+/8AQQ==~`);
    expect(TOKEN_PREFIX).toBe('SOTTO1:');
  });
  it('is one line and uses no character X linkifies or turns into an image', () => {
    fc.assert(
      // An OpenPGP message starts with a packet tag byte below 0xFC, so the base64
      // never starts with '/' and the token never contains '://'.
      fc.property(fc.integer({ min: 0x80, max: 0xfb }), fc.uint8Array({ maxLength: 3000 }), (tag, rest) => {
        const t = encodeToken(new Uint8Array([tag, ...rest]));
        expect(t).not.toMatch(/[\r\n@#$.]|:\/\//);
        expect(t).toMatch(/^[\x20-\x7e]+$/); // printable ASCII only: no emoji, no invisible chars
      }),
    );
  });
});

describe('decodeToken', () => {
  it('inverts encodeToken for any non-empty bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 5000 }), (b) => {
        const r = decodeToken(encodeToken(b));
        expect(r).toEqual({ ok: true, bytes: b });
      }),
    );
  });
  it('accepts the token without lead, without `~`, without padding, inside other text', () => {
    const want = { ok: true, bytes: bytes(1, 2, 3, 4) };
    expect(decodeToken('SOTTO1:AQIDBA==')).toEqual(want);
    expect(decodeToken('SOTTO1:AQIDBA')).toEqual(want);
    expect(decodeToken('look: SOTTO1:AQIDBA==~ thanks')).toEqual(want);
  });

  const bad: Array<[string, string, 'malformed' | 'unsupported' | 'too-large']> = [
    ['no prefix', 'hello there', 'malformed'],
    ['prefix in lowercase', 'sotto1:AQIDBA==', 'malformed'],
    ['empty body', `${TOKEN_LEAD} SOTTO1:~`, 'malformed'],
    ['length 4n+1', 'SOTTO1:AQIDB', 'malformed'],
    ['wrong padding', 'SOTTO1:AQ=', 'malformed'],
    ['padding mid-way', 'SOTTO1:AQ==AQID', 'malformed'],
    ['future version', 'SOTTO2:AQIDBA==', 'unsupported'],
    ['version zero', 'SOTTO0:AQIDBA==', 'unsupported'],
    ['huge version', 'SOTTO999999:AQIDBA==', 'unsupported'],
    ['oversized', `SOTTO1:${'A'.repeat(MAX_ARMORED_INPUT)}`, 'too-large'],
  ];
  it.each(bad)('%s → %s', (_name, text, state) => {
    const r = decodeToken(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.state).toBe(state);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('never throws on arbitrary text after the prefix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = decodeToken(`SOTTO1:${s}`);
        if (r.ok) expect(r.bytes.length).toBeGreaterThan(0);
        else expect(['malformed', 'unsupported', 'too-large']).toContain(r.state);
      }),
    );
  });
});
