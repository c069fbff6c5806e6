// Sotto ↔ Sequoia sq 0.27 with v4 keys, both directions, plus import of an sq key
// (certify-only primary, separate signing and encryption subkeys).

import { readFileSync } from 'node:fs';
import type * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, readAnyKey } from '../../src/core/keys.ts';
import { decryptMessage, encryptMessage } from '../../src/core/message.ts';
import { encodeToken } from '../../src/core/wireToken.ts';
import { CTX, makePerson, type Person } from '../unit/core/helpers.ts';
import { mustRun, run, Workdir } from './tools.ts';

const TEXT = 'Sequoia says hi 🌲\nעברית / العربية\n';

let work: Workdir;
let alice: Person;
let samFpr: string;
let samPub: openpgp.PublicKey;
let alicePubPath: string;

beforeAll(async () => {
  work = new Workdir();
  alice = await makePerson('Alice Sotto');
  alicePubPath = work.write('alice.pub.asc', alice.armoredPublic);
  mustRun('sq', [
    'key',
    'generate',
    '--userid',
    'Sam <sam@example.org>',
    '--export',
    work.path('sam.sec.asc'),
  ]);
  mustRun('sq', ['key', 'extract-cert', '--output', work.path('sam.pub.asc'), work.path('sam.sec.asc')]);
  const samArmored = readFileSync(work.path('sam.pub.asc'), 'utf8');
  const read = await readAnyKey(samArmored);
  if (!read.ok) throw new Error(read.detail);
  samFpr = read.fingerprint;
  const checked = await checkPublicKey(samArmored, samFpr);
  if (!checked.ok) throw new Error(`sq key refused: ${checked.reason}`);
  samPub = checked.key;
}, 60_000);

afterAll(() => work?.remove());

describe('sq 0.27', () => {
  it('Sotto → sq: the token, decoded by the documented shell line, decrypts and verifies', async () => {
    const token = await encryptMessage({
      text: TEXT,
      signingKey: alice.privateKey,
      recipientKeys: [alice.publicKey, samPub],
      context: { ...CTX, senderHandle: 'alice' },
    });
    work.decodeWithShell(token); // writes msg.gpg
    const r = run('sq', [
      'decrypt',
      '--recipient-key',
      work.path('sam.sec.asc'),
      '--signer-cert',
      alicePubPath,
      work.path('msg.gpg'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 good signature/);
    expect(r.stdout).toContain('Sotto-Envelope: 1');
    expect(r.stdout).toContain(`From: ${alice.fingerprint}`);
    expect(r.stdout.endsWith(`\n\n${TEXT}`)).toBe(true);
  });

  it('sq → Sotto: a signed (and compressed) sq message, armored and as a token, decrypts and verifies', async () => {
    const args = ['encrypt', '--recipient-cert', alicePubPath, '--signer-key', work.path('sam.sec.asc')];
    const armored = mustRun('sq', args, { input: TEXT }).stdout;
    const binary = mustRun('sq', [...args, '--binary'], { input: TEXT }).stdoutBytes;
    for (const input of [armored, encodeToken(binary)]) {
      const r = await decryptMessage({
        input,
        decryptionKey: alice.privateKey,
        verificationKeys: [samPub],
        context: CTX,
      });
      expect(r).toEqual({
        state: 'ok',
        text: TEXT,
        signer: { fingerprint: samFpr, known: true },
        binding: 'none',
      });
    }
  });

  it('sq → Sotto: signed by sq but we lack the cert → unknown-signer, no text', async () => {
    const armored = mustRun(
      'sq',
      ['encrypt', '--recipient-cert', alicePubPath, '--signer-key', work.path('sam.sec.asc')],
      {
        input: TEXT,
      },
    ).stdout;
    const r = await decryptMessage({
      input: armored,
      decryptionKey: alice.privateKey,
      verificationKeys: [],
      context: CTX,
    });
    expect(r.state).toBe('unknown-signer');
  });

  it('imports the sq secret key and round-trips a message that sq then reads', async () => {
    const read = await readAnyKey(readFileSync(work.path('sam.sec.asc')));
    expect(read).toMatchObject({ ok: true, isPrivate: true, fingerprint: samFpr });
    if (!read.ok) return;
    const sam = read.key as openpgp.PrivateKey; // sq keys are unprotected unless --with-password
    expect(sam.isDecrypted()).toBe(true);
    const token = await encryptMessage({
      text: TEXT,
      signingKey: sam,
      recipientKeys: [samPub],
      context: CTX,
    });
    const mine = await decryptMessage({
      input: token,
      decryptionKey: sam,
      verificationKeys: [samPub],
      context: CTX,
    });
    expect(mine).toMatchObject({
      state: 'ok',
      text: TEXT,
      binding: 'match',
      signer: { fingerprint: samFpr },
    });
    work.decodeWithShell(token);
    const r = run('sq', [
      'decrypt',
      '--recipient-key',
      work.path('sam.sec.asc'),
      '--signer-cert',
      work.path('sam.pub.asc'),
      work.path('msg.gpg'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.endsWith(TEXT)).toBe(true);
  });
});
