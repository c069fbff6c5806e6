import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Cert {
  key: string;
  cert: string;
}

/**
 * A fresh self-signed certificate for x.com and keys.openpgp.org. Made with openssl at start (not
 * checked in) so no long-lived key material sits in the repo; browsers are told to accept it.
 */
export async function makeCert(): Promise<Cert> {
  const dir = await mkdtemp(join(tmpdir(), 'fakex-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run('/usr/bin/openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=x.com',
      '-addext',
      'subjectAltName=DNS:x.com,DNS:keys.openpgp.org',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
