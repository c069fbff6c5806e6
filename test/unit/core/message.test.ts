import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/core/keys.ts';
import { MAX_ARMORED_INPUT, MAX_RECIPIENTS, MAX_TOKEN_CHARS } from '../../../src/core/limits.ts';
import {
  decryptMessage,
  encryptMessage,
  type MessageContext,
  MessageTooLargeError,
} from '../../../src/core/message.ts';
import { decodeToken, encodeToken } from '../../../src/core/wireToken.ts';
import { CTX, makePeople, type Person } from './helpers.ts';

// Set after key generation: a signature may not predate its key, nor lie in the future.
let NOW: Date;
const TEXTS: Record<string, string> = {
  empty: '',
  'one char': 'a',
  '2,000 chars': 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(36).slice(0, 2000),
  'multi-line, emoji, RTL': 'Hi 👋🏽\nשלום עולם — مرحبا بالعالم\n\n  indented ✓\r\nend 👨‍👩‍👧',
};

let v4: Person[]; // [alice, bob, …10 more]
let v6: Person[];
beforeAll(async () => {
  const names = [
    'alice',
    'bob',
    'carol',
    'dan',
    'erin',
    'frank',
    'grace',
    'heidi',
    'ivan',
    'judy',
    'mallory',
  ];
  [v4, v6] = await Promise.all([makePeople(names), makePeople(names, 'v6')]);
  NOW = new Date();
}, 60_000);

const sender = (ps: Person[]) => ps[0]!;
const bob = (ps: Person[]) => ps[1]!;
const mallory = (ps: Person[]) => ps[10]!;

async function send(
  from: Person,
  to: Person[],
  text = 'hello',
  context: MessageContext = { ...CTX, senderHandle: from.name },
): Promise<string> {
  return encryptMessage({
    text,
    signingKey: from.privateKey,
    recipientKeys: [from.publicKey, ...to.map((p) => p.publicKey)],
    context,
    now: NOW,
  });
}

function receive(
  me: Person | null,
  input: string,
  known: Person[],
  context: MessageContext = { ...CTX },
  otherKeys: Person[] = [],
) {
  return decryptMessage({
    input,
    decryptionKey: me ? me.privateKey : null,
    verificationKeys: known.map((p) => p.publicKey),
    otherKeys: otherKeys.map((p) => p.publicKey),
    context,
  });
}

/** Encrypts arbitrary literal bytes with bare OpenPGP.js, optionally signed: messages Sotto did not build. */
async function rawToken(
  data: string,
  to: Person[],
  signer?: Person,
  extra: Partial<openpgp.Config> = {},
  mode: 'text' | 'binary' = 'text',
) {
  const message =
    mode === 'text'
      ? await openpgp.createMessage({ text: data })
      : await openpgp.createMessage({ binary: new TextEncoder().encode(data) });
  const bytes = await openpgp.encrypt({
    message,
    encryptionKeys: to.map((p) => p.publicKey),
    ...(signer ? { signingKeys: signer.privateKey } : {}),
    format: 'binary',
    config: extra,
  });
  return encodeToken(bytes);
}

/** LiteralDataPacket methods OpenPGP.js's typings mark private. */
type Literal = { getBytes(): Uint8Array; setText(t: string): void };

const bytesOf = (token: string) => {
  const d = decodeToken(token);
  if (!d.ok) throw new Error(d.reason);
  return d.bytes;
};

describe.each(['v4', 'v6'] as const)('round trip, %s keys', (profile) => {
  const people = () => (profile === 'v4' ? v4 : v6);

  for (const [label, text] of Object.entries(TEXTS)) {
    it(`${label}: 1..10 recipients (+ self), every recipient and the sender read it`, async () => {
      const ps = people();
      const alice = sender(ps);
      for (let n = 1; n <= 10; n++) {
        const recipients = ps.slice(1, 1 + n);
        const token = await send(alice, recipients, text);
        const participants = [alice, ...recipients].map((p) => p.fingerprint);
        // All readers for the largest group; the last recipient and the sender otherwise.
        const readers = n === 10 ? [alice, ...recipients] : [alice, recipients[n - 1]!];
        for (const me of readers) {
          const r = await receive(me, token, [alice], { ...CTX, senderHandle: 'alice', participants });
          expect(r).toEqual({
            state: 'ok',
            text,
            signer: { fingerprint: alice.fingerprint, known: true },
            binding: 'match',
            sentAt: NOW.getTime(),
            senderHandle: 'alice',
          });
        }
      }
    });
  }

  it('a 2,000-character text to 10 recipients (+ self) fits in one X DM', async () => {
    const ps = people();
    const token = await send(sender(ps), ps.slice(1, 11), TEXTS['2,000 chars']);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
  });

  it('pads to a length bucket: short texts give tokens of identical length', async () => {
    const ps = people();
    const lengths = new Set<number>();
    for (const t of ['', 'a', 'see you at 8', 'x'.repeat(100), 'y'.repeat(256)])
      lengths.add((await send(sender(ps), [bob(ps)], t)).length);
    expect(lengths.size).toBe(1);
  });

  it('does not compress and uses the expected integrity-protected packet', async () => {
    const ps = people();
    const msg = await openpgp.readMessage({ binaryMessage: bytesOf(await send(sender(ps), [bob(ps)])) });
    const seipd = msg.packets.filterByTag(
      openpgp.enums.packet.symEncryptedIntegrityProtectedData,
    )[0] as unknown as {
      version: number;
    };
    expect(seipd.version).toBe(profile === 'v4' ? 1 : 2);
    const inner = await msg.decrypt([bob(ps).privateKey]);
    expect(inner.packets.filterByTag(openpgp.enums.packet.compressedData)).toHaveLength(0);
    expect(inner.packets.filterByTag(openpgp.enums.packet.literalData)).toHaveLength(1);
  });
});

describe('formats and interop within OpenPGP.js', () => {
  it('a v6 user writing to v4 contacts falls back to SEIPDv1 and everyone reads it', async () => {
    const alice6 = sender(v6);
    const token = await send(alice6, [bob(v4)]);
    const msg = await openpgp.readMessage({ binaryMessage: bytesOf(token) });
    const seipd = msg.packets.filterByTag(
      openpgp.enums.packet.symEncryptedIntegrityProtectedData,
    )[0] as unknown as {
      version: number;
    };
    expect(seipd.version).toBe(1);
    expect(await receive(bob(v4), token, [alice6])).toMatchObject({ state: 'ok', text: 'hello' });
    expect(await receive(alice6, token, [alice6])).toMatchObject({ state: 'ok', text: 'hello' });
  });

  it('the envelope is readable by a human decrypting with a plain OpenPGP tool', async () => {
    const alice = sender(v4);
    const token = await send(alice, [bob(v4)], 'meet at noon', { ...CTX, senderHandle: 'alice' });
    const { data } = await openpgp.decrypt({
      message: await openpgp.readMessage({ binaryMessage: bytesOf(token) }),
      decryptionKeys: bob(v4).privateKey,
    });
    const lines = (data as string).split('\n');
    expect(lines[0]).toBe('Sotto-Envelope: 1');
    expect(lines).toContain(`From: ${alice.fingerprint}`);
    expect(lines).toContain('Handle: alice');
    expect(lines).toContain(`To: ${[alice.fingerprint, bob(v4).fingerprint].sort().join(' ')}`);
    expect(lines).toContain('Site: x.com');
    expect(lines).toContain(`Conversation: ${CTX.conversation}`);
    expect(lines).toContain(`Date: ${NOW.toISOString()}`);
    expect(lines.find((l) => l.startsWith('Padding: '))).toMatch(/^Padding: \.*$/);
    expect((data as string).endsWith('\n\nmeet at noon')).toBe(true);
  });

  it('accepts an ASCII-armored block and a token inside other text', async () => {
    const alice = sender(v4);
    const token = await send(alice, [bob(v4)], 'armored');
    const armored = openpgp.armor(openpgp.enums.armor.message, bytesOf(token));
    expect(await receive(bob(v4), `look:\n${armored}\nbye`, [alice])).toMatchObject({
      state: 'ok',
      text: 'armored',
    });
    expect(await receive(bob(v4), `😀 ${token} 😀`, [alice])).toMatchObject({ state: 'ok', text: 'armored' });
  });

  it('a plain signed message (no envelope, as gpg/sq send) is ok with binding none', async () => {
    const alice = sender(v4);
    const r = await receive(bob(v4), await rawToken('from gpg\n', [bob(v4)], alice), [alice]);
    expect(r).toEqual({
      state: 'ok',
      text: 'from gpg\n',
      signer: { fingerprint: alice.fingerprint, known: true },
      binding: 'none',
    });
  });

  it('adds the sender to the recipients if the caller forgot', async () => {
    const alice = sender(v4);
    const token = await encryptMessage({
      text: 'x',
      signingKey: alice.privateKey,
      recipientKeys: [bob(v4).publicKey],
      context: CTX,
      now: NOW,
    });
    expect(await receive(alice, token, [alice])).toMatchObject({ state: 'ok', text: 'x' });
  });
});

describe('encryptMessage refusals', () => {
  it('throws MessageTooLargeError for a token beyond X limit or text beyond the plaintext cap', async () => {
    await expect(send(sender(v4), [bob(v4)], 'x'.repeat(9_000))).rejects.toBeInstanceOf(MessageTooLargeError);
    await expect(send(sender(v4), [bob(v4)], 'x'.repeat(300 * 1024))).rejects.toBeInstanceOf(
      MessageTooLargeError,
    );
  });
  it('refuses context values that would break the envelope header', async () => {
    await expect(
      send(sender(v4), [bob(v4)], 'x', { site: 'x.com', conversation: '1\nTo: evil' }),
    ).rejects.toThrow(/header/);
  });
});

describe('binding checks', () => {
  it('other-conversation: replayed in another conversation or site', async () => {
    const alice = sender(v4);
    const token = await send(alice, [bob(v4)]);
    expect(
      await receive(bob(v4), token, [alice], { site: 'x.com', conversation: 'elsewhere' }),
    ).toMatchObject({
      state: 'ok',
      binding: 'other-conversation',
    });
    expect(await receive(bob(v4), token, [alice], { ...CTX, site: 'example.org' })).toMatchObject({
      binding: 'other-conversation',
    });
  });

  it('other-recipients: forwarded by a recipient to someone else, signature intact', async () => {
    const alice = sender(v4);
    const m = mallory(v4);
    const token = await send(alice, [m], 'for mallory only');
    // Mallory strips the outer encryption and re-encrypts Alice's signed content to Bob.
    const opened = await openpgp.decrypt({
      message: await openpgp.readMessage({ binaryMessage: bytesOf(token) }),
      decryptionKeys: m.privateKey,
      verificationKeys: alice.publicKey,
      format: 'binary',
    });
    // Alice's signature packet, then her literal data (the pre-one-pass layout).
    const list = new openpgp.PacketList<openpgp.AnyPacket>();
    list.push(...(await opened.signatures[0]!.signature).packets);
    list.push(...(await openpgp.createMessage({ binary: opened.data })).packets);
    const again = new openpgp.Message(list);
    const forwarded = encodeToken(
      await openpgp.encrypt({ message: again, encryptionKeys: bob(v4).publicKey, format: 'binary' }),
    );
    expect(await receive(bob(v4), forwarded, [alice])).toMatchObject({
      state: 'ok',
      signer: { fingerprint: alice.fingerprint, known: true },
      binding: 'other-recipients',
    });
  });

  it('other-recipients: the envelope names a different participant set than the conversation', async () => {
    const [alice, b, carol] = v4;
    const token = await send(alice!, [b!]);
    const participants = [alice!, b!, carol!].map((p) => p.fingerprint);
    expect(await receive(b!, token, [alice!], { ...CTX, participants })).toMatchObject({
      binding: 'other-recipients',
    });
    expect(
      await receive(b!, token, [alice!], {
        ...CTX,
        participants: [alice!.fingerprint, b!.fingerprint.toLowerCase()],
      }),
    ).toMatchObject({ binding: 'match' });
  });

  it('other-sender: X shows a different sender handle than the envelope names', async () => {
    const alice = sender(v4);
    const token = await send(alice, [bob(v4)]);
    expect(await receive(bob(v4), token, [alice], { ...CTX, senderHandle: '@Mallory' })).toMatchObject({
      binding: 'other-sender',
    });
    expect(await receive(bob(v4), token, [alice], { ...CTX, senderHandle: '@ALICE' })).toMatchObject({
      binding: 'match',
    });
  });
});

describe('signer checks', () => {
  it('a signer among otherKeys (not pinned) is ok with known: false', async () => {
    const alice = sender(v4);
    const r = await receive(bob(v4), await send(alice, [bob(v4)]), [bob(v4)], CTX, [alice]);
    expect(r).toMatchObject({ state: 'ok', signer: { fingerprint: alice.fingerprint, known: false } });
  });

  it('a signer whose key we lack: unknown-signer, text withheld, claimed fingerprint given for lookup', async () => {
    const alice = sender(v4);
    const r = await receive(bob(v4), await send(alice, [bob(v4)]), [bob(v4)]);
    expect(r).toEqual({
      state: 'unknown-signer',
      signerKeyId: alice.publicKey.getKeyID().toHex().toUpperCase(),
      claimedFingerprint: alice.fingerprint,
    });
  });

  it('an envelope claiming another sender than its (valid) signer is a bad signature', async () => {
    const alice = sender(v4);
    const m = mallory(v4);
    // Mallory re-signs Alice's envelope: the signature is valid but not Alice's.
    const inner = await (
      await openpgp.readMessage({ binaryMessage: bytesOf(await send(alice, [m])) })
    ).decrypt([m.privateKey]);
    const literal = inner.packets.filterByTag(openpgp.enums.packet.literalData)[0] as unknown as Literal;
    const resigned = await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: literal.getBytes() }),
      encryptionKeys: bob(v4).publicKey,
      signingKeys: m.privateKey,
      format: 'binary',
    });
    const r = await receive(bob(v4), encodeToken(resigned), [alice, m]);
    expect(r).toMatchObject({ state: 'bad-signature', reason: expect.stringMatching(/sender/) });
  });
});

describe('bad-input corpus: each maps to a state, none throws', () => {
  it('truncated → malformed', async () => {
    const token = await send(sender(v4), [bob(v4)]);
    const cut = token.slice(0, Math.floor(token.length / 2));
    expect(await receive(bob(v4), cut, [sender(v4)])).toMatchObject({ state: 'malformed' });
  });

  it('bit-flipped in the encrypted data → malformed; anywhere → never altered text', async () => {
    const alice = sender(v4);
    const bytes = bytesOf(await send(alice, [bob(v4)]));
    const flipped = bytes.slice();
    flipped[bytes.length - 10]! ^= 0x01;
    expect(await receive(bob(v4), encodeToken(flipped), [alice])).toMatchObject({ state: 'malformed' });
    for (let i = 0; i < bytes.length; i += 7) {
      const f = bytes.slice();
      f[i]! ^= 1 << (i % 8);
      const r = await receive(bob(v4), encodeToken(f), [alice]);
      // A flip in another recipient's PKESK leaves ours intact; otherwise it must fail.
      if (r.state === 'ok') expect(r.text, `flip at byte ${i}`).toBe('hello');
    }
  });

  it('wrong prefix version → unsupported; invalid base64 → malformed', async () => {
    const token = await send(sender(v4), [bob(v4)]);
    expect(await receive(bob(v4), token.replace('SOTTO1:', 'SOTTO2:'), [sender(v4)])).toMatchObject({
      state: 'unsupported',
    });
    expect(await receive(bob(v4), token.replace(/~$/, 'A=~'), [sender(v4)])).toMatchObject({
      state: 'malformed',
    });
    expect(await receive(bob(v4), 'SOTTO1:!!!!', [sender(v4)])).toMatchObject({ state: 'malformed' });
  });

  it('oversized input → too-large (before parsing)', async () => {
    const huge = `SOTTO1:${'A'.repeat(MAX_ARMORED_INPUT)}`;
    expect(await receive(bob(v4), huge, [])).toEqual({ state: 'too-large' });
    expect(await receive(null, huge, [])).toEqual({ state: 'too-large' });
  });

  it('compression bomb (812 bytes from gpg, bzip2, 300 MiB inside) → too-large', async () => {
    const { readFileSync } = await import('node:fs');
    const { unlockPrivateKey } = await import('../../../src/core/keys.ts');
    const dir = new URL('./fixtures/', import.meta.url);
    const key = await unlockPrivateKey(readFileSync(new URL('fixture-key.sec.asc', dir), 'utf8'), 'fixture');
    const bomb = readFileSync(new URL('bomb-300MiB.bzip2.gpg', dir));
    expect(bomb.length).toBeLessThan(1000);
    const r = await decryptMessage({
      input: encodeToken(new Uint8Array(bomb)),
      decryptionKey: key,
      verificationKeys: [key.toPublic()],
      context: CTX,
    });
    expect(r).toEqual({ state: 'too-large' });
  });

  it('unsigned, with or without an envelope → unsigned', async () => {
    const envelopeLike = `Sotto-Envelope: 1\nFrom: ${sender(v4).fingerprint}\n\nhi`;
    expect(await receive(bob(v4), await rawToken(envelopeLike, [bob(v4)]), [sender(v4)])).toEqual({
      state: 'unsigned',
    });
    expect(await receive(bob(v4), await rawToken('plain', [bob(v4)]), [sender(v4)])).toEqual({
      state: 'unsigned',
    });
  });

  it('cryptographically bad signature → bad-signature', async () => {
    const alice = sender(v4);
    const signed = await openpgp.sign({
      message: await openpgp.createMessage({ text: 'pay 10' }),
      signingKeys: alice.privateKey,
      format: 'object',
    });
    const literal = signed.packets.filterByTag(openpgp.enums.packet.literalData)[0] as unknown as Literal;
    literal.setText('pay 99'); // the signature no longer covers these bytes
    const token = encodeToken(
      await openpgp.encrypt({ message: signed, encryptionKeys: bob(v4).publicKey, format: 'binary' }),
    );
    expect(await receive(bob(v4), token, [alice])).toMatchObject({ state: 'bad-signature' });
  });

  it('a signed envelope with broken headers → malformed', async () => {
    const alice = sender(v4);
    for (const env of [
      'Sotto-Envelope: 1\nFrom: nobody\n\nhi',
      'Sotto-Envelope: 1\n\nhi',
      'Sotto-Envelope: 1\nhi',
    ]) {
      const token = await rawToken(env, [bob(v4)], alice, {}, 'binary');
      expect(await receive(bob(v4), token, [alice])).toMatchObject({ state: 'malformed' });
    }
    // A text-mode literal (CRLF line ends) must not slip past as a plain message.
    const crlf = await rawToken('Sotto-Envelope: 1\nFrom: x\n\nhi', [bob(v4)], alice);
    expect(await receive(bob(v4), crlf, [alice])).toMatchObject({ state: 'malformed' });
    const future = await rawToken('Sotto-Envelope: 2\nX: y\n\nhi', [bob(v4)], alice, {}, 'binary');
    expect(await receive(bob(v4), future, [alice])).toMatchObject({ state: 'unsupported' });
  });

  it('encrypted to someone else → not-for-me', async () => {
    const token = await send(sender(v4), [mallory(v4)]);
    expect(await receive(bob(v4), token, [sender(v4)])).toEqual({ state: 'not-for-me' });
    expect(await receive(bob(v6), token, [sender(v4)])).toEqual({ state: 'not-for-me' });
  });

  it('no key, or a key still locked → locked', async () => {
    const token = await send(sender(v4), [bob(v4)]);
    expect(await receive(null, token, [])).toEqual({ state: 'locked' });
    const stillLocked = await openpgp.readPrivateKey({ armoredKey: bob(v4).armoredPrivate });
    expect(
      await decryptMessage({ input: token, decryptionKey: stillLocked, verificationKeys: [], context: CTX }),
    ).toEqual({ state: 'locked' });
  });

  it('unauthenticated SED (tag 9) → unsupported', async () => {
    const msg = await openpgp.readMessage({ binaryMessage: bytesOf(await send(sender(v4), [bob(v4)])) });
    const pkesk = new openpgp.PacketList<openpgp.AnyPacket>();
    for (const p of msg.packets.filterByTag(openpgp.enums.packet.publicKeyEncryptedSessionKey)) pkesk.push(p);
    const sed = new Uint8Array([0xc9, 64, ...crypto.getRandomValues(new Uint8Array(64))]); // new-format tag 9
    const token = encodeToken(new Uint8Array([...pkesk.write(), ...sed]));
    expect(await receive(bob(v4), token, [sender(v4)])).toMatchObject({
      state: 'unsupported',
      reason: expect.stringMatching(/SED/),
    });
  });

  it(`more than ${MAX_RECIPIENTS} PKESK packets → too-large`, async () => {
    const bytes = bytesOf(await send(sender(v4), [bob(v4)]));
    // First packet: new-format PKESK (0xC1) with a one-octet length.
    expect(bytes[0]).toBe(0xc1);
    const pkesk = bytes.slice(0, 2 + bytes[1]!);
    const many = new Uint8Array([
      ...Array(MAX_RECIPIENTS + 1)
        .fill([...pkesk])
        .flat(),
      ...bytes.slice(pkesk.length),
    ]);
    expect(await receive(bob(v4), encodeToken(many), [sender(v4)])).toEqual({ state: 'too-large' });
  });

  it('password-encrypted or not encrypted at all → unsupported', async () => {
    const pw = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x' }),
      passwords: 'secret',
      format: 'binary',
    });
    expect(await receive(bob(v4), encodeToken(pw), [])).toMatchObject({ state: 'unsupported' });
    const signedOnly = await openpgp.sign({
      message: await openpgp.createMessage({ text: 'x' }),
      signingKeys: sender(v4).privateKey,
      format: 'binary',
    });
    expect(await receive(bob(v4), encodeToken(signedOnly), [sender(v4)])).toMatchObject({
      state: 'unsupported',
    });
  });

  it('legacy cipher (CAST5 session key) → unsupported', async () => {
    const alice = sender(v4);
    const bytes = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'old' }),
      encryptionKeys: bob(v4).publicKey,
      signingKeys: alice.privateKey,
      sessionKey: { data: crypto.getRandomValues(new Uint8Array(16)), algorithm: 'cast5' },
      format: 'binary',
    });
    expect(await receive(bob(v4), encodeToken(bytes), [alice])).toMatchObject({ state: 'unsupported' });
  });

  it('random garbage after the prefix never throws', async () => {
    for (let i = 0; i < 50; i++) {
      const junk = crypto.getRandomValues(new Uint8Array(1 + ((i * 37) % 400)));
      const r = await receive(bob(v4), encodeToken(junk), [sender(v4)]);
      expect(['malformed', 'unsupported', 'not-for-me', 'too-large']).toContain(r.state);
    }
  });
});

it('fingerprints in results are the primary ones, uppercase', () => {
  expect(fingerprintOf(sender(v4).publicKey)).toBe(sender(v4).fingerprint);
});
