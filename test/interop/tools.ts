// Helpers to drive Debian's gpg and sq from interop tests: a throwaway home per
// file, synchronous runs with captured output, and the documented decode line.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The documented way to turn a Sotto token (in token.txt) into a binary OpenPGP message for gpg/sq. */
export const DECODE_LINE =
  "sed -n 's/.*SOTTO1:\\([A-Za-z0-9+/=]*\\).*/\\1/p' token.txt | base64 -d > msg.gpg";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Uint8Array;
}

export function run(
  cmd: string,
  args: string[],
  opts: { input?: string | Uint8Array; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Run {
  const r = spawnSync(cmd, args, {
    input: opts.input,
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return {
    status: r.status,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: new Uint8Array(r.stdout),
  };
}

export function mustRun(cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}): Run {
  const r = run(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r;
}

export class Workdir {
  readonly dir = mkdtempSync(join(tmpdir(), 'sotto-interop-'));
  path(name: string): string {
    return join(this.dir, name);
  }
  write(name: string, data: string | Uint8Array): string {
    writeFileSync(this.path(name), data);
    return this.path(name);
  }
  /** Runs the documented decode line on a token; returns the bytes it produced. */
  decodeWithShell(token: string): Uint8Array {
    this.write('token.txt', `${token}\n`);
    mustRun('sh', ['-c', DECODE_LINE], { cwd: this.dir });
    return new Uint8Array(mustRun('cat', [this.path('msg.gpg')]).stdoutBytes);
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** gpg in its own home (agent included), non-interactive, passphrases by loopback. */
export class Gpg {
  readonly home: Workdir;
  constructor(readonly passphrase: string) {
    this.home = new Workdir();
    // The lowest S2K count gpg-agent allows: exported secret keys then unlock fast in OpenPGP.js.
    this.home.write('gpg-agent.conf', 's2k-count 65536\n');
  }
  private base(): string[] {
    return ['--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', this.passphrase];
  }
  run(args: string[], input?: string | Uint8Array): Run {
    return run('gpg', [...this.base(), ...args], { input, env: { GNUPGHOME: this.home.dir } });
  }
  must(args: string[], input?: string | Uint8Array): Run {
    const r = this.run(args, input);
    if (r.status !== 0) throw new Error(`gpg ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    return r;
  }
  /** Makes a key with an encryption subkey; returns its primary fingerprint. */
  genKey(uid: string, primary: 'ed25519' | 'rsa3072'): string {
    this.must(['--quick-gen-key', uid, primary, 'sign', 'never']);
    const fpr = this.fingerprint(uid);
    this.must(['--quick-add-key', fpr, primary === 'ed25519' ? 'cv25519' : 'rsa3072', 'encr', 'never']);
    return fpr;
  }
  fingerprint(uid: string): string {
    const out = this.must(['--with-colons', '--list-keys', uid]).stdout;
    const m = /^fpr:+([0-9A-F]{40}):/m.exec(out);
    if (!m?.[1]) throw new Error(`no fingerprint for ${uid}`);
    return m[1];
  }
  import(armored: string): void {
    this.must(['--import'], armored);
  }
  dispose(): void {
    run('gpgconf', ['--kill', 'gpg-agent'], { env: { GNUPGHOME: this.home.dir } });
    this.home.remove();
  }
}

/** Parses `--status-fd 1` output into its keyword lines. */
export function statusLines(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('[GNUPG:] '))
    .map((l) => l.slice('[GNUPG:] '.length));
}
