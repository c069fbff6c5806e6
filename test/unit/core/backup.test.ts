import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BackupContents, makeBackup, readBackup } from '../../../src/core/backup.ts';
import { unlockPrivateKey } from '../../../src/core/keys.ts';
import { generateRecoveryCode } from '../../../src/core/recoveryCode.ts';
import { makePerson, PASSPHRASE, type Person } from './helpers.ts';

let me: Person;
let friend: Person;
let contents: BackupContents;
let code: string;
let file: string;

beforeAll(async () => {
  [me, friend] = await Promise.all([makePerson('Mia'), makePerson('Finn')]);
  contents = {
    createdAt: 1_700_000_000_000,
    key: {
      armoredPrivate: me.armoredPrivate,
      armoredPublic: me.armoredPublic,
      fingerprint: me.fingerprint,
      name: 'Mia',
    },
    contacts: {
      finn: {
        handle: 'finn',
        fingerprint: friend.fingerprint,
        armoredPublic: friend.armoredPublic,
        verified: true,
      },
    },
  };
  code = generateRecoveryCode();
  file = await makeBackup(contents, code);
});

describe('backup', () => {
  it('round-trips the protected key and the contacts with the recovery code', async () => {
    expect(file).toContain('-----BEGIN PGP MESSAGE-----');
    expect(file).not.toContain(me.fingerprint);
    const read = await readBackup(file, code.toLowerCase().replace(/-/g, ' '));
    expect(read).toEqual({ ok: true, contents });
    // The key inside is still the passphrase-protected one: it opens with the passphrase.
    if (!read.ok) throw new Error('unreachable');
    const key = await unlockPrivateKey(read.contents.key.armoredPrivate, PASSPHRASE);
    expect(key.getFingerprint().toUpperCase()).toBe(me.fingerprint);
  });

  it('is a standard OpenPGP password-encrypted message', async () => {
    const message = await openpgp.readMessage({ armoredMessage: file });
    const { data } = await openpgp.decrypt({ message, passwords: [code] });
    expect(JSON.parse(data)).toMatchObject({ format: 'sotto-backup', version: 1 });
  });

  it('refuses a wrong code, a typo, and a code of the wrong shape, distinctly', async () => {
    expect(await readBackup(file, generateRecoveryCode())).toEqual({ ok: false, reason: 'wrong-code' });
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    expect(await readBackup(file, typo)).toEqual({ ok: false, reason: 'code-typo' });
    expect(await readBackup(file, code.slice(0, 20))).toEqual({ ok: false, reason: 'code-wrong-length' });
    expect(await readBackup(file, `${code.slice(0, -1)}!`)).toEqual({
      ok: false,
      reason: 'code-bad-character',
    });
  });

  it('refuses what is not a backup: garbage, a public-key message, other JSON, a newer version', async () => {
    expect(await readBackup('hello', code)).toEqual({ ok: false, reason: 'not-a-backup' });
    const toKey = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: '{}' }),
      encryptionKeys: me.publicKey,
    });
    expect(await readBackup(toKey, code)).toEqual({ ok: false, reason: 'not-a-backup' });
    const other = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: JSON.stringify({ hello: 1 }) }),
      passwords: [code],
    });
    expect(await readBackup(other, code)).toEqual({ ok: false, reason: 'not-a-backup' });
    const newer = await openpgp.encrypt({
      message: await openpgp.createMessage({
        text: JSON.stringify({ format: 'sotto-backup', version: 2, key: {}, createdAt: 1 }),
      }),
      passwords: [code],
    });
    expect(await readBackup(newer, code)).toEqual({ ok: false, reason: 'unsupported-version' });
  });

  it('refuses a document whose key is not what it claims', async () => {
    const swapped = await makeBackup(
      { ...contents, key: { ...contents.key, armoredPublic: friend.armoredPublic } },
      code,
    );
    expect(await readBackup(swapped, code)).toEqual({ ok: false, reason: 'damaged' });
    const publicOnly = await makeBackup(
      { ...contents, key: { ...contents.key, armoredPrivate: me.armoredPublic } },
      code,
    );
    expect(await readBackup(publicOnly, code)).toEqual({ ok: false, reason: 'damaged' });
  });

  it('caps the size it reads, before and after decryption', async () => {
    expect(await readBackup('x'.repeat(3 * 1024 * 1024), code)).toEqual({ ok: false, reason: 'too-large' });
    // Highly compressible: small on disk, over the cap once inflated.
    const bomb = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: ' '.repeat(4 * 1024 * 1024) }),
      passwords: [code],
      config: { preferredCompressionAlgorithm: openpgp.enums.compression.zlib },
    });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await readBackup(bomb, code)).toEqual({ ok: false, reason: 'too-large' });
  });
});
