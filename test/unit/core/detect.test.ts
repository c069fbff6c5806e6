import fc from 'fast-check';
import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { findCiphertexts } from '../../../src/core/detect.ts';
import { encodeToken } from '../../../src/core/wireToken.ts';

const tokenArb = fc.uint8Array({ minLength: 12, maxLength: 1500 }).map(encodeToken);
// Text around a token as users write it, markers excluded (they would be ciphertext).
const noise = fc
  .string({ unit: 'binary', maxLength: 120 })
  .filter((s) => !s.includes('SOTTO') && !s.includes('-----BEGIN PGP MESSAGE-----'));
const emoji = fc.constantFrom('😀', '🔒', '👍🏽', '🇫🇷', '❤️', '👨‍👩‍👧');

/** What an adapter reads back from X's DOM: spans concatenated, emoji <img alt>, trimEnd. */
function domText(parts: string[]): string {
  return parts.join('').trimEnd();
}

/** Splits s at the given (sorted, deduplicated) cut points. */
function splitAt(s: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(s.slice(prev, p));
    prev = p;
  }
  out.push(s.slice(prev));
  return out;
}

describe('findCiphertexts: tokens', () => {
  it('finds a lone token, lead included', () => {
    const t = encodeToken(new Uint8Array(100).fill(7));
    expect(findCiphertexts(t)).toEqual([{ kind: 'token', start: 0, end: t.length, text: t }]);
  });

  it('finds a token without its lead (prefix suffices)', () => {
    const t = encodeToken(new Uint8Array(100).fill(7));
    const bare = t.slice(t.indexOf('SOTTO1:'));
    expect(findCiphertexts(`hi ${bare}`)).toEqual([
      { kind: 'token', start: 3, end: 3 + bare.length, text: bare },
    ]);
  });

  it('finds a token embedded anywhere in random text, exactly', () => {
    fc.assert(
      fc.property(noise, tokenArb, noise, (pre, tok, post) => {
        const text = pre + tok + post;
        const found = findCiphertexts(text);
        expect(found).toHaveLength(1);
        expect(found[0]).toEqual({
          kind: 'token',
          start: pre.length,
          end: pre.length + tok.length,
          text: tok,
        });
      }),
    );
  });

  it('finds a token in text recovered from X DOM (spans, emoji alt text, trailing whitespace trimmed)', () => {
    fc.assert(
      fc.property(
        tokenArb,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(emoji, { maxLength: 3 }),
        fc.array(emoji, { maxLength: 3 }),
        fc.constantFrom('', ' ', '\n', '  \n '),
        (tok, cuts, before, after, trailing) => {
          const spans = [...before, ...splitAt(tok, cuts), ...after, trailing];
          const text = domText(spans);
          const found = findCiphertexts(text);
          expect(found).toHaveLength(1);
          expect(found[0]!.text).toBe(tok);
          expect(text.slice(found[0]!.start, found[0]!.end)).toBe(tok);
        },
      ),
    );
  });

  it('finds every token in a text holding several', () => {
    const a = encodeToken(new Uint8Array(40).fill(1));
    const b = encodeToken(new Uint8Array(40).fill(2));
    const found = findCiphertexts(`${a}\n${b}${a}`);
    expect(found.map((f) => f.text)).toEqual([a, b, a]);
    expect(found[1]!.start).toBe(a.length + 1);
  });

  it('matches tokens of other versions too (so they show as unsupported)', () => {
    expect(findCiphertexts(`SOTTO2:${'A'.repeat(40)}`)).toHaveLength(1);
  });
});

describe('findCiphertexts: ordinary text', () => {
  it('finds nothing in random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (s) => {
        expect(findCiphertexts(s)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    'see https://x.com/someone/status/1234567890123456789',
    'my key: openpgp4fpr:0123456789abcdef0123456789abcdef01234567',
    'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo= is just base64',
    'Sotto uses the SOTTO1: prefix',
    'SOTTO1:short',
    '-----BEGIN PGP MESSAGE----- but no end',
    '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----',
    'Encrypted message (OpenPGP, read it with Sotto): (lead without a token)',
  ])('finds nothing in %j', (s) => {
    expect(findCiphertexts(s)).toEqual([]);
  });
});

describe('findCiphertexts: armor', () => {
  it('finds armored blocks with LF or CRLF, alongside tokens, in order', async () => {
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x' }),
      passwords: 'p',
    });
    const crlf = armored.replace(/\n/g, '\r\n').trimEnd();
    const tok = encodeToken(new Uint8Array(30).fill(9));
    const text = `${tok}\nthen\n${armored.trimEnd()}\nand ${crlf}`;
    const found = findCiphertexts(text);
    expect(found.map((f) => f.kind)).toEqual(['token', 'armor', 'armor']);
    expect(found[1]!.text).toBe(armored.trimEnd());
    expect(found[2]!.text).toBe(crlf);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
