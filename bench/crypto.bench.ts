// Benchmark (not a test): encrypt+sign and decrypt+verify of a 200-character
// message to 2 recipients (the other person and self), three ways in one run:
//   core  — Sotto's encryptMessage/decryptMessage (envelope, padding, token, checks)
//   bare  — the same OpenPGP.js keys with plain encrypt/decrypt calls
//   floor — node:crypto doing the same primitives by hand (X25519 per recipient,
//           AES-256-GCM, Ed25519), i.e. what no OpenPGP library can beat
// Prints medians and ratios, and writes bench/results.md.
// Run: npm run bench   (ITER=… to change the iteration count)

import * as nodeCrypto from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as openpgp from 'openpgp';
import { generateKey, unlockPrivateKey } from '../src/core/keys.ts';
import { decryptMessage, encryptMessage } from '../src/core/message.ts';
import { decodeToken } from '../src/core/wireToken.ts';

const ITER = Number(process.env.ITER ?? 400);
const WARMUP = 40;
const TEXT =
  'Are we still on for Thursday? I found the notes from last time and I think we can finish the draft if we meet at the library around six. Bring the charger, mine died again. Reply soon! '
    .repeat(2)
    .slice(0, 200);
const CTX = { site: 'x.com', conversation: '1234567890-987654321' };

interface Stats {
  median: number;
  p10: number;
  p90: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

/** Runs the cases round-robin so drift (thermal, GC) hits all of them alike. */
async function measure(cases: Record<string, () => Promise<unknown>>): Promise<Record<string, Stats>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < WARMUP + ITER; i++) {
    for (const [name, fn] of Object.entries(cases)) {
      const t = performance.now();
      await fn();
      const dt = performance.now() - t;
      if (i >= WARMUP) samples[name]!.push(dt);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
}

async function main(): Promise<void> {
  const pass = 'bench';
  const [a, b] = await Promise.all([
    generateKey({ name: 'a', passphrase: pass }),
    generateKey({ name: 'b', passphrase: pass }),
  ]);
  const alice = await unlockPrivateKey(a.armoredPrivate, pass);
  const bob = await unlockPrivateKey(b.armoredPrivate, pass);
  const recipients = [alice.toPublic(), bob.toPublic()];
  const uncompressed = { preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed };

  // Inputs for the decrypt cases, made once.
  const token = await encryptMessage({
    text: TEXT,
    signingKey: alice,
    recipientKeys: recipients,
    context: CTX,
  });
  const bareBytes = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: TEXT }),
    encryptionKeys: recipients,
    signingKeys: alice,
    format: 'binary',
    config: uncompressed,
  });
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error('token');

  // node:crypto floor: per recipient an X25519 agreement wraps a random content key.
  const edA = nodeCrypto.generateKeyPairSync('ed25519');
  const xRecipients = [nodeCrypto.generateKeyPairSync('x25519'), nodeCrypto.generateKeyPairSync('x25519')];
  const plain = new TextEncoder().encode(TEXT);
  const sealAes = (key: Uint8Array, data: Uint8Array) => {
    const iv = nodeCrypto.randomBytes(12);
    const c = nodeCrypto.createCipheriv('aes-256-gcm', key, iv);
    return { iv, ct: Buffer.concat([c.update(data), c.final()]), tag: c.getAuthTag() };
  };
  const openAes = (key: Uint8Array, s: { iv: Buffer; ct: Buffer; tag: Buffer }) => {
    const d = nodeCrypto.createDecipheriv('aes-256-gcm', key, s.iv);
    d.setAuthTag(s.tag);
    return Buffer.concat([d.update(s.ct), d.final()]);
  };
  const floorEncrypt = () => {
    const sig = nodeCrypto.sign(null, plain, edA.privateKey);
    const cek = nodeCrypto.randomBytes(32);
    const body = sealAes(cek, Buffer.concat([plain, sig]));
    const wraps = xRecipients.map((r) => {
      const eph = nodeCrypto.generateKeyPairSync('x25519');
      const shared = nodeCrypto.diffieHellman({ privateKey: eph.privateKey, publicKey: r.publicKey });
      const kek = nodeCrypto.createHash('sha256').update(shared).digest();
      return { eph: eph.publicKey, wrapped: sealAes(kek, cek) };
    });
    return { body, wraps };
  };
  const sealed = floorEncrypt();
  const floorDecrypt = () => {
    const w = sealed.wraps[1]!;
    const shared = nodeCrypto.diffieHellman({ privateKey: xRecipients[1]!.privateKey, publicKey: w.eph });
    const kek = nodeCrypto.createHash('sha256').update(shared).digest();
    const cek = openAes(kek, w.wrapped);
    const out = openAes(cek, sealed.body);
    const msg = out.subarray(0, out.length - 64);
    if (!nodeCrypto.verify(null, msg, edA.publicKey, out.subarray(out.length - 64))) throw new Error('sig');
    return msg;
  };

  const enc = await measure({
    core: () => encryptMessage({ text: TEXT, signingKey: alice, recipientKeys: recipients, context: CTX }),
    bare: async () =>
      openpgp.encrypt({
        message: await openpgp.createMessage({ text: TEXT }),
        encryptionKeys: recipients,
        signingKeys: alice,
        format: 'binary',
        config: uncompressed,
      }),
    floor: async () => floorEncrypt(),
  });
  const dec = await measure({
    core: async () => {
      const r = await decryptMessage({
        input: token,
        decryptionKey: bob,
        verificationKeys: [alice.toPublic()],
        context: CTX,
      });
      if (r.state !== 'ok') throw new Error(r.state);
    },
    bare: async () => {
      const r = await openpgp.decrypt({
        message: await openpgp.readMessage({ binaryMessage: bareBytes }),
        decryptionKeys: bob,
        verificationKeys: alice.toPublic(),
        expectSigned: true,
      });
      if (r.data !== TEXT) throw new Error('text');
    },
    floor: async () => floorDecrypt(),
  });

  const pkg = JSON.parse(
    readFileSync(new URL('../node_modules/openpgp/package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const f = (n: number) => n.toFixed(3);
  const rows = (name: string, s: Record<string, Stats>) =>
    (['core', 'bare', 'floor'] as const).map(
      (k) =>
        `| ${name} | ${k} | ${f(s[k]!.median)} | ${f(s[k]!.p10)} | ${f(s[k]!.p90)} | ${(s[k]!.median / s.bare!.median).toFixed(2)} | ${(s[k]!.median / s.floor!.median).toFixed(1)} |`,
    );
  const md = [
    '# Crypto benchmark',
    '',
    `Encrypt+sign and decrypt+verify of a 200-character text to 2 recipients (other + self), v4 Ed25519/Cv25519 keys, ${ITER} iterations after ${WARMUP} warm-up, cases interleaved in one run. Times in ms.`,
    '',
    `- core: \`encryptMessage\` / \`decryptMessage\` (signed envelope, padding, token encode/decode, limits and binding checks)`,
    '- bare: `openpgp.encrypt` (binary, uncompressed) / `openpgp.readMessage` + `openpgp.decrypt` with `expectSigned`',
    '- floor: node:crypto, the same primitives by hand (X25519 + SHA-256 KEK per recipient, AES-256-GCM, Ed25519)',
    '',
    '| operation | impl | median | p10 | p90 | ×bare | ×floor |',
    '|---|---|---|---|---|---|---|',
    ...rows('encrypt+sign', enc),
    ...rows('decrypt+verify', dec),
    '',
    `Budget (DESIGN.md §6): core within 2× bare. encrypt ${(enc.core!.median / enc.bare!.median).toFixed(2)}×, decrypt ${(dec.core!.median / dec.bare!.median).toFixed(2)}×.`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} CPUs, ${os.type()} ${os.release()}, Node ${process.version}, OpenPGP.js ${pkg.version}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
  ].join('\n');
  writeFileSync(new URL('./results.md', import.meta.url), md);
  console.log(md);
}

await main();
