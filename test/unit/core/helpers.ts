// Shared fixtures for the core tests: keys are generated once per file and per
// profile (generation and S2K unlock cost ~100 ms each).

import type * as openpgp from 'openpgp';
import { fingerprintOf, generateKey, type KeyProfile, unlockPrivateKey } from '../../../src/core/keys.ts';

export interface Person {
  name: string;
  fingerprint: string;
  privateKey: openpgp.PrivateKey;
  publicKey: openpgp.PublicKey;
  armoredPrivate: string;
  armoredPublic: string;
}

export const PASSPHRASE = 'correct horse battery staple';

export async function makePerson(name: string, profile: KeyProfile = 'v4'): Promise<Person> {
  const g = await generateKey({ name, passphrase: PASSPHRASE, profile });
  const privateKey = await unlockPrivateKey(g.armoredPrivate, PASSPHRASE);
  return {
    name,
    fingerprint: fingerprintOf(privateKey),
    privateKey,
    publicKey: privateKey.toPublic(),
    armoredPrivate: g.armoredPrivate,
    armoredPublic: g.armoredPublic,
  };
}

export async function makePeople(names: string[], profile: KeyProfile = 'v4'): Promise<Person[]> {
  return Promise.all(names.map((n) => makePerson(n, profile)));
}

export const CTX = { site: 'x.com', conversation: '1111-2222' } as const;
