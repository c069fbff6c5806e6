import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { findCiphertexts } from '../../../src/core/detect.ts';
import {
  decodeKeyCard,
  formatKeyCard,
  formatKeyRequest,
  KEY_CARD_LEAD,
  KEY_REQUEST_LEAD,
  minimalPublicKey,
  parseKeyRequest,
} from '../../../src/core/keyCard.ts';
import { checkPublicKey } from '../../../src/core/keys.ts';
import { encryptMessage } from '../../../src/core/message.ts';
import { makePeople, makePerson } from './helpers.ts';

// Characters X turns into links, mentions, hashtags, cashtags: a token must not need them.
const LINKIFIED = /[.@#$]|:\/\//;

describe('key request', () => {
  it('round-trips the requester fingerprint (v4 and v6) and is found by the detector', () => {
    for (const fpr of ['AB'.repeat(20), 'cd'.repeat(32)]) {
      const line = formatKeyRequest(fpr);
      expect(line.startsWith(KEY_REQUEST_LEAD)).toBe(true);
      expect(line).not.toMatch(LINKIFIED);
      expect(parseKeyRequest(`hello ${line} bye`)).toBe(fpr.toUpperCase());
      expect(findCiphertexts(`x ${line}`)).toEqual([
        { kind: 'key-request', start: 2, end: 2 + line.length, text: line },
      ]);
    }
  });

  it('refuses what is not a whole fingerprint', () => {
    expect(() => formatKeyRequest('1234')).toThrow();
    expect(parseKeyRequest(`SOTTOKR1:${'A'.repeat(39)}~`)).toBeNull();
    expect(parseKeyRequest(`SOTTOKR1:${'A'.repeat(41)}~`)).toBeNull();
  });
});

describe('key card', () => {
  it('carries a minimal public key that passes the bio check and can be encrypted to', async () => {
    const [alice, bob] = await makePeople(['Alice', 'Bob']);
    const line = await formatKeyCard(bob!.privateKey);
    expect(line.startsWith(KEY_CARD_LEAD)).toBe(true);
    expect(line).not.toMatch(LINKIFIED);
    expect(line).not.toContain('PRIVATE');
    expect(findCiphertexts(line)[0]?.kind).toBe('key-card');

    const bytes = decodeKeyCard(line)!;
    const packets = await openpgp.readKey({ binaryKey: bytes });
    expect(packets.isPrivate()).toBe(false);
    expect(packets.users).toHaveLength(1);
    expect(packets.subkeys).toHaveLength(1);

    const checked = await checkPublicKey(bytes, bob!.fingerprint);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const token = await encryptMessage({
      text: 'hi',
      signingKey: alice!.privateKey,
      recipientKeys: [checked.key],
      context: { site: 'x.com', conversation: '1-2' },
    });
    expect(token).toContain('SOTTO1:');
  });

  it('is rejected against another bio fingerprint', async () => {
    const [bob, mallory] = await makePeople(['Bob', 'Mallory']);
    const bytes = decodeKeyCard(await formatKeyCard(mallory!.publicKey))!;
    expect(await checkPublicKey(bytes, bob!.fingerprint)).toEqual({
      ok: false,
      reason: 'fingerprint-mismatch',
    });
  });

  it('gives a user ID to a key served without one (as keys.openpgp.org does before verification)', async () => {
    const bob = await makePerson('Bob');
    const bare = new openpgp.PacketList<openpgp.AnyPacket>();
    const sub = bob.publicKey.subkeys[0]!;
    bare.push(bob.publicKey.keyPacket, sub.keyPacket, ...sub.bindingSignatures);
    expect(await checkPublicKey(bare.write(), bob.fingerprint)).toEqual({ ok: false, reason: 'no-user-id' });
    const card = await minimalPublicKey(bob.publicKey);
    expect((await checkPublicKey(card, bob.fingerprint)).ok).toBe(true);
  });

  it('works for v6 keys', async () => {
    const carol = await makePerson('Carol', 'v6');
    const bytes = decodeKeyCard(await formatKeyCard(carol.publicKey))!;
    expect((await checkPublicKey(bytes, carol.fingerprint)).ok).toBe(true);
  });

  it('decodes nothing from damaged tokens', () => {
    expect(decodeKeyCard('no card here')).toBeNull();
    expect(decodeKeyCard('SOTTOKC1:A~')).toBeNull();
  });
});
