import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bioWithToken } from '../../../src/core/bioEdit.ts';
import { parseBioFingerprint } from '../../../src/core/bioToken.ts';

const FPR = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
const TOKEN = `openpgp4fpr:${FPR.toLowerCase()}`;
const OLD = 'openpgp4fpr:0000111122223333444455556666777788889999';
const V6 = `openpgp4fpr:${'ab'.repeat(32)}`;

describe('bioWithToken', () => {
  it('appends the token after the existing bio, or makes it the bio', () => {
    expect(bioWithToken('Writer. Cat person 🐈', TOKEN, 160)).toEqual({
      ok: true,
      bio: `Writer. Cat person 🐈 ${TOKEN}`,
      changed: true,
    });
    expect(bioWithToken('', TOKEN, 160)).toEqual({ ok: true, bio: TOKEN, changed: true });
  });

  it('replaces an older token (plain, grouped, v6, with invisible characters) wherever it is', () => {
    expect(bioWithToken(`hi ${OLD} there`, TOKEN, 160)).toMatchObject({ bio: `hi there ${TOKEN}` });
    const grouped = `key: openpgp4fpr:${'0000 1111 2222 3333 4444 5555 6666 7777 8888 9999'}\nbye`;
    expect(bioWithToken(grouped, TOKEN, 160)).toMatchObject({ bio: `key:\nbye ${TOKEN}` });
    expect(bioWithToken(`${V6} ok`, TOKEN, 160)).toMatchObject({ bio: `ok ${TOKEN}` });
    const zw = `a openpgp4fpr:\u200b${OLD.slice(12, 30)}\u2060${OLD.slice(30)} b`;
    expect(bioWithToken(zw, TOKEN, 160)).toMatchObject({ bio: `a b ${TOKEN}` });
    expect(bioWithToken(`x ${TOKEN.toUpperCase()}`, TOKEN, 160)).toMatchObject({ bio: `x ${TOKEN}` });
  });

  it('says nothing changed when the bio already ends with this token', () => {
    expect(bioWithToken(`me ${TOKEN}`, TOKEN, 160)).toEqual({ ok: true, bio: `me ${TOKEN}`, changed: false });
  });

  it('counts UTF-16 units and refuses, with the numbers, when there is no room', () => {
    const full = 'x'.repeat(110);
    expect(bioWithToken(full, TOKEN, 160)).toEqual({ ok: false, needed: 53, available: 50 });
    expect(bioWithToken('x'.repeat(107), TOKEN, 160)).toMatchObject({ ok: true });
    // Each emoji here is two UTF-16 units.
    expect(bioWithToken('😀'.repeat(54), TOKEN, 160)).toMatchObject({ ok: false, available: 52 });
    // Room made by removing the old token counts.
    expect(bioWithToken(`${'y'.repeat(100)} ${OLD}`, TOKEN, 160)).toMatchObject({ ok: true });
  });

  it('always yields a bio whose token is the new one, within the limit, keeping the other words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (text, withOld) => {
        const bio = withOld ? `${text} ${OLD}` : text;
        const r = bioWithToken(bio, TOKEN, 160);
        if (!r.ok) return;
        expect(r.bio.length).toBeLessThanOrEqual(160);
        expect(r.bio.endsWith(TOKEN)).toBe(true);
        expect(parseBioFingerprint(r.bio.slice(r.bio.length - TOKEN.length))).toBe(FPR);
        expect(r.bio).not.toContain(OLD);
      }),
    );
  });
});
