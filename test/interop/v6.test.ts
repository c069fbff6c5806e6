// Records which tools read the v6 profile: OpenPGP.js does (unit tests); Debian's
// gpg 2.2 and sq 0.27 do not. If one of these starts passing, update the table in
// the design notes and consider offering v6 more widely.

import { readFileSync } from 'node:fs';
import type * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, readAnyKey } from '../../src/core/keys.ts';
import { decryptMessage, encryptMessage } from '../../src/core/message.ts';
import { CTX, makePerson, type Person } from '../unit/core/helpers.ts';
import { Gpg, mustRun, run, statusLines } from './tools.ts';

let gpg: Gpg;
let alice6: Person;
let bob6: Person;
let token: string;

beforeAll(async () => {
  gpg = new Gpg('unused');
  [alice6, bob6] = await Promise.all([makePerson('Alice Six', 'v6'), makePerson('Bob Six', 'v6')]);
  token = await encryptMessage({
    text: 'v6 only',
    signingKey: alice6.privateKey,
    recipientKeys: [alice6.publicKey, bob6.publicKey],
    context: CTX,
  });
}, 60_000);

afterAll(() => gpg?.dispose());

describe('v6 profile support by tool', () => {
  it('OpenPGP.js reads it', async () => {
    const r = await decryptMessage({
      input: token,
      decryptionKey: bob6.privateKey,
      verificationKeys: [alice6.publicKey],
      context: CTX,
    });
    expect(r).toMatchObject({ state: 'ok', text: 'v6 only', binding: 'match' });
  });

  it('gpg 2.2 cannot import the v6 key nor decrypt the message', () => {
    const imp = gpg.run(['--status-fd', '1', '--import'], bob6.armoredPrivate);
    expect(statusLines(imp.stdout).some((l) => l.startsWith('IMPORT_OK'))).toBe(false);
    gpg.home.decodeWithShell(token);
    const dec = gpg.run(['--status-fd', '1', '--decrypt', gpg.home.path('msg.gpg')]);
    expect(dec.status).not.toBe(0);
    expect(statusLines(dec.stdout)).not.toContain('DECRYPTION_OKAY');
  });

  it('sq 0.27 cannot use the v6 key to decrypt the message', () => {
    const keyPath = gpg.home.write('bob6.sec.asc', bob6.armoredPrivate);
    gpg.home.decodeWithShell(token);
    const dec = run('sq', ['decrypt', '--recipient-key', keyPath, gpg.home.path('msg.gpg')]);
    expect(dec.status).not.toBe(0);
    expect(dec.stdout).not.toContain('v6 only');
    // sanity: the same sq reads a v4 message fine (see sq.test.ts); here it is v6 that fails.
    expect(mustRun('sq', ['--version']).stdout).toMatch(/0\.27/);
    expect(readFileSync(keyPath, 'utf8')).toContain('PRIVATE KEY');
  });
});

describe('a v6 sender writing to v4 contacts (SEIPDv1, but a v6 signature inside)', () => {
  it('gpg 2.2 cannot read it: the v6 one-pass signature breaks its plaintext handling', async () => {
    const fpr = gpg.genKey('Gail <gail@example.org>', 'ed25519');
    const gail = await checkPublicKey(gpg.must(['--armor', '--export', fpr]).stdout, fpr);
    if (!gail.ok) throw new Error(gail.reason);
    const mixed = await encryptMessage({
      text: 'mixed message',
      signingKey: alice6.privateKey,
      recipientKeys: [alice6.publicKey, gail.key],
      context: CTX,
    });
    gpg.home.decodeWithShell(mixed);
    const r = gpg.run(['--status-fd', '1', '--decrypt', gpg.home.path('msg.gpg')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown version 6/);
    expect(statusLines(r.stdout).some((l) => l.startsWith('VALIDSIG') || l.startsWith('GOODSIG'))).toBe(
      false,
    );
    expect(r.stdout).not.toContain('mixed message');
  });

  it('sq 0.27 decrypts it but cannot verify it (it rejects the v6 cert)', async () => {
    const sec = gpg.home.path('sid.sec.asc');
    mustRun('sq', ['key', 'generate', '--userid', '<sid@example.org>', '--export', sec]);
    const sid = await readAnyKey(readFileSync(sec, 'utf8'));
    if (!sid.ok) throw new Error(sid.detail);
    const mixed = await encryptMessage({
      text: 'mixed message',
      signingKey: alice6.privateKey,
      recipientKeys: [alice6.publicKey, (sid.key as openpgp.PrivateKey).toPublic()],
      context: CTX,
    });
    gpg.home.decodeWithShell(mixed);
    const alicePub = gpg.home.write('alice6.pub.asc', alice6.armoredPublic);
    const r = run('sq', [
      'decrypt',
      '--recipient-key',
      sec,
      '--signer-cert',
      alicePub,
      gpg.home.path('msg.gpg'),
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Unsupported/);
    expect(r.stdout).not.toContain('mixed message');
    const unverified = run('sq', ['decrypt', '--recipient-key', sec, gpg.home.path('msg.gpg')]);
    expect(unverified.status).toBe(0);
    expect(unverified.stdout.endsWith('\n\nmixed message')).toBe(true);
  });
});
