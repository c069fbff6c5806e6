// Sotto ↔ GnuPG 2.2 with v4 keys, both directions, plus import of gpg-made keys.

import type * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, readAnyKey, unlockPrivateKey } from '../../src/core/keys.ts';
import { decryptMessage, encryptMessage } from '../../src/core/message.ts';
import { decodeToken, encodeToken } from '../../src/core/wireToken.ts';
import { CTX, makePerson, type Person } from '../unit/core/helpers.ts';
import { Gpg, statusLines } from './tools.ts';

const GPG_PASS = 'gpg pass phrase';
const TEXT = 'Hello from Sotto 👋\nשלום — مرحبا\nline three';

let gpg: Gpg;
let alice: Person; // the Sotto user
const gpgKeys: Record<'ed25519' | 'rsa3072', { fpr: string; pub: openpgp.PublicKey }> = {} as never;

beforeAll(async () => {
  gpg = new Gpg(GPG_PASS);
  alice = await makePerson('Alice Sotto');
  gpg.import(alice.armoredPublic);
  for (const [algo, uid] of [
    ['ed25519', 'Gary <gary@example.org>'],
    ['rsa3072', 'Rita <rita@example.org>'],
  ] as const) {
    const fpr = gpg.genKey(uid, algo);
    const checked = await checkPublicKey(gpg.must(['--armor', '--export', fpr]).stdout, fpr);
    if (!checked.ok) throw new Error(`gpg ${algo} key refused: ${checked.reason}`);
    gpgKeys[algo] = { fpr, pub: checked.key };
  }
}, 180_000);

afterAll(() => gpg?.dispose());

describe.each(['ed25519', 'rsa3072'] as const)('with a gpg %s key', (algo) => {
  it('Sotto → gpg: the token, decoded by the documented shell line, decrypts and verifies', async () => {
    const { fpr, pub } = gpgKeys[algo];
    const token = await encryptMessage({
      text: TEXT,
      signingKey: alice.privateKey,
      recipientKeys: [alice.publicKey, pub],
      context: { ...CTX, senderHandle: 'alice' },
    });
    const bytes = gpg.home.decodeWithShell(token);
    const decoded = decodeToken(token);
    expect(decoded.ok && decoded.bytes).toEqual(bytes);

    const msgPath = gpg.home.write(`to-${algo}.gpg`, bytes);
    const r = gpg.run(['--status-fd', '1', '--trust-model', 'always', '--decrypt', msgPath]);
    const status = statusLines(r.stdout);
    expect(r.status, r.stderr).toBe(0);
    expect(status).toContain('DECRYPTION_OKAY');
    expect(status.some((l) => l.startsWith(`VALIDSIG ${alice.fingerprint}`))).toBe(true);
    expect(status.some((l) => l.startsWith('GOODSIG '))).toBe(true);
    // A human reading gpg's output sees the envelope headers and then the text.
    expect(r.stdout).toContain('Sotto-Envelope: 1');
    expect(r.stdout).toContain(`To: `);
    expect(r.stdout).toContain(fpr);
    expect(r.stdout).toContain(`\n\n${TEXT}`);
  });

  it('gpg → Sotto: a signed, compressed gpg message (armored, and as a token) decrypts and verifies', async () => {
    const { fpr, pub } = gpgKeys[algo];
    const args = [
      '--trust-model',
      'always',
      '--compress-algo',
      'zlib',
      '--sign',
      '--encrypt',
      '-u',
      fpr,
      '-r',
      alice.fingerprint,
    ];
    const armored = gpg.must(['--armor', ...args], TEXT).stdout;
    const binary = gpg.must(args, TEXT).stdoutBytes;
    for (const input of [armored, encodeToken(binary)]) {
      const r = await decryptMessage({
        input,
        decryptionKey: alice.privateKey,
        verificationKeys: [pub],
        context: CTX,
      });
      expect(r).toEqual({
        state: 'ok',
        text: TEXT,
        signer: { fingerprint: fpr, known: true },
        binding: 'none',
      });
    }
  });

  it('gpg → Sotto: an unsigned gpg message is refused as unsigned', async () => {
    const bytes = gpg.must(
      ['--trust-model', 'always', '--encrypt', '-r', alice.fingerprint],
      TEXT,
    ).stdoutBytes;
    const r = await decryptMessage({
      input: encodeToken(bytes),
      decryptionKey: alice.privateKey,
      verificationKeys: [gpgKeys[algo].pub],
      context: CTX,
    });
    expect(r).toEqual({ state: 'unsigned' });
  });

  it('gpg → Sotto: legacy crypto is refused (SHA-1 signature, 3DES, CAST5)', async () => {
    const { fpr, pub } = gpgKeys[algo];
    const base = ['--trust-model', 'always', '-u', fpr, '-r', alice.fingerprint];
    const cases: Array<[string[], string]> = [
      [['--cipher-algo', '3DES', '--sign', '--encrypt'], 'unsupported'],
      [['--cipher-algo', 'CAST5', '--sign', '--encrypt'], 'unsupported'],
    ];
    // gpg only signs SHA-1 with RSA (EdDSA needs a 256-bit hash).
    if (algo === 'rsa3072') cases.push([['--digest-algo', 'SHA1', '--sign', '--encrypt'], 'bad-signature']);
    for (const [args, state] of cases) {
      const bytes = gpg.must([...base, ...args], TEXT).stdoutBytes;
      const r = await decryptMessage({
        input: encodeToken(bytes),
        decryptionKey: alice.privateKey,
        verificationKeys: [pub],
        context: CTX,
      });
      expect(r.state, args.join(' ')).toBe(state);
    }
  });

  it('imports the gpg secret key (armored and binary) and round-trips a message with it', async () => {
    const { fpr } = gpgKeys[algo];
    const armoredSecret = gpg.must(['--armor', '--export-secret-keys', fpr]).stdout;
    const binarySecret = gpg.must(['--export-secret-keys', fpr]).stdoutBytes;
    for (const data of [armoredSecret, binarySecret]) {
      const read = await readAnyKey(data);
      expect(read).toMatchObject({ ok: true, isPrivate: true, fingerprint: fpr });
    }
    // gpg exports its secret key protected with the gpg passphrase.
    const me = await unlockPrivateKey(armoredSecret, GPG_PASS);
    const token = await encryptMessage({
      text: TEXT,
      signingKey: me,
      recipientKeys: [me.toPublic()],
      context: CTX,
    });
    const r = await decryptMessage({
      input: token,
      decryptionKey: me,
      verificationKeys: [me.toPublic()],
      context: CTX,
    });
    expect(r).toMatchObject({ state: 'ok', text: TEXT, binding: 'match', signer: { fingerprint: fpr } });
    // And gpg still reads what the imported key wrote.
    const out = gpg.run(['--status-fd', '1', '--decrypt'], gpg.home.decodeWithShell(token));
    expect(statusLines(out.stdout).some((l) => l.startsWith(`VALIDSIG `) && l.includes(fpr))).toBe(true);
  });

  it('refuses a gpg --export-secret-subkeys stub with a clear reason', async () => {
    const stub = gpg.must(['--armor', '--export-secret-subkeys', gpgKeys[algo].fpr]).stdout;
    const r = await readAnyKey(stub);
    expect(r).toMatchObject({ ok: false, reason: 'stub-secret-key' });
  });
});
