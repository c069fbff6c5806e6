// A minimal HTTPS server for the harness self-test (the real fake x.com lives elsewhere): one
// self-signed certificate for x.com and keys.openpgp.org, routing on the Host header.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from '../common.ts';

export interface SelftestServer {
  port: number;
  /** 'host path' of every request, in order: proof that a request reached us. */
  requests: string[];
  close(): Promise<void>;
}

async function selfSignedCert(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'sotto-selftest-cert-'));
  try {
    // An EC key: generating it takes milliseconds, unlike RSA.
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...[
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=x.com',
        ],
        ...['-addext', 'subjectAltName=DNS:x.com,DNS:keys.openpgp.org'],
      ],
      { stdio: 'ignore' },
    );
    return { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
  } finally {
    await removeDir(dir);
  }
}

export async function startSelftestServer(): Promise<SelftestServer> {
  const requests: string[] = [];
  const server = createServer(await selfSignedCert(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    requests.push(`${host} ${req.url}`);
    if (host === 'x.com') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>fake x</title><h1 id="hello">fake x.com</h1>');
    } else if (host === 'keys.openpgp.org') {
      // The real VKS API allows any origin, which the extension (and this test) depends on.
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(`keyserver saw ${req.url}`);
    } else {
      res.writeHead(421).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
