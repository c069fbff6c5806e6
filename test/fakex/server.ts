import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Backend, SESSION_COOKIE } from './backend.ts';
import { appBundle } from './bundle.ts';
import { makeCert } from './cert.ts';
import { type FakeKeyserver, Keyserver } from './keyserver.ts';
import type {
  FakeUser,
  Faults,
  IncomingCall,
  RecordedRequest,
  Reply,
  SeedMessage,
  StoredMessage,
  Variant,
} from './types.ts';
import { text } from './types.ts';

export type { FakeKeyserver } from './keyserver.ts';
export type { FakeUser, Faults, RecordedRequest, SeedMessage, Variant } from './types.ts';

export interface FakeX {
  port: number;
  origin: 'https://x.com';
  /** Every request to the x.com host: method, URL with query, full body text. */
  requests: RecordedRequest[];
  /** All recorded URLs and bodies joined, for a `.includes(secret)` check. */
  recordedText(): string;
  users: FakeUser[];
  setBio(handle: string, bio: string): void;
  messages(conversationId: string): StoredMessage[];
  conversationId(handles: string[]): string;
  /** A new group of three or more users, optionally named; returns its numeric id. */
  createGroup(handles: string[], name?: string): string;
  /** Appends messages to a conversation without HTTP (fast, for 1,000-message threads). */
  seed(conversationId: string, messages: SeedMessage[]): void;
  /** 'renamed': X shipped a build with new DM test ids. Seen by the page at its next load. */
  setVariant(variant: Variant): void;
  /** Editor and send-button faults, replacing the previous set. Seen by the page at its next load. */
  setFaults(faults: Faults): void;
  keyserver: FakeKeyserver;
  close(): Promise<void>;
}

export const DEFAULT_USERS: FakeUser[] = [
  { id: '1001', handle: 'alice', name: 'Alice', bio: 'Gardener. Likes tea.' },
  { id: '1002', handle: 'bob', name: 'Bob', bio: 'Cyclist and occasional baker.' },
  { id: '1003', handle: 'carol', name: 'Carol', bio: 'Reads a lot.' },
  { id: '1004', handle: 'dave', name: 'Dave', bio: 'Here for the birds.' },
];

/** X's CSP in spirit: scripts only from self or with the per-response nonce. */
function csp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

interface Switches {
  variant: Variant;
  faults: Faults;
}

function htmlPage(me: FakeUser | undefined, switches: Switches): Reply {
  const nonce = randomBytes(16).toString('base64');
  // X embeds its initial state in an inline nonce'd script; scripts read the session from it.
  const state = JSON.stringify({
    session: me ? { user_id: me.id, screen_name: me.handle } : null,
    fakex: switches,
  }).replace(/</g, '\\u003c');
  const body = `<!DOCTYPE html>
<html dir="ltr" lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>X</title><link rel="stylesheet" href="/app.css">
<script nonce="${nonce}">window.__INITIAL_STATE__=${state};</script>
</head><body><div id="react-root"></div><div id="layers"></div>
<script nonce="${nonce}" src="/app.js"></script></body></html>`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp(nonce),
      'cache-control': 'no-store',
    },
    body,
  };
}

const EMOJI_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="16" fill="#FFCC4D"/></svg>';

function avatarSvg(id: string): string {
  const hue = (Number(id) * 67) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="hsl(${hue},60%,55%)"/></svg>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeX(opts: { users?: FakeUser[] } = {}): Promise<FakeX> {
  const [tls, app] = await Promise.all([makeCert(), appBundle()]);
  const backend = new Backend(opts.users ?? DEFAULT_USERS);
  const keyserver = new Keyserver();
  const requests: RecordedRequest[] = [];
  const switches: Switches = { variant: 'normal', faults: {} };

  const xcom = (call: IncomingCall): Reply => {
    const me = backend.userFromCookie(call.headers.cookie as string | undefined);
    const { method, path, query } = call;
    if (method === 'GET' && path === '/__login') {
      const user = backend.byHandle(query.get('as') ?? '');
      if (!user) return text(400, 'unknown user');
      const next = query.get('next') ?? '/home';
      return {
        status: 302,
        headers: {
          location: next.startsWith('/') && !next.startsWith('//') ? next : '/home',
          'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(`u=${user.id}`)}; Path=/; Secure; SameSite=Lax`,
        },
      };
    }
    if (method === 'GET' && path === '/__logout') {
      return {
        status: 302,
        headers: { location: '/', 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0` },
      };
    }
    const api = backend.handle(call, me);
    if (api) return api;
    if (method !== 'GET' && method !== 'HEAD') return text(405, 'method not allowed');
    if (path === '/app.js')
      return { status: 200, headers: { 'content-type': 'text/javascript' }, body: app.js };
    if (path === '/app.css') return { status: 200, headers: { 'content-type': 'text/css' }, body: app.css };
    if (/^\/emoji\/v2\/svg\/[0-9a-f-]+\.svg$/.test(path)) {
      return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: EMOJI_SVG };
    }
    const avatar = /^\/profile_images\/(\d+)\/avatar\.svg$/.exec(path);
    if (avatar)
      return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: avatarSvg(avatar[1]!) };
    if (path === '/favicon.ico' || path.startsWith('/__')) return text(404, 'not found');
    // Every other path is a route of the single-page app.
    return htmlPage(me, switches);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = req.url ?? '/';
    const body = await readBody(req);
    const parsed = new URL(url, 'https://x.com');
    const call: IncomingCall = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
    };
    let reply: Reply;
    try {
      if (host === 'x.com') {
        requests.push({ method: call.method, host, url, body, time: Date.now() });
        reply = xcom(call);
      } else if (host === 'keys.openpgp.org') {
        reply = await keyserver.handle(call);
      } else {
        reply = text(421, 'misdirected request');
      }
    } catch (e) {
      reply = text(500, `fakex error: ${String(e)}`);
    }
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(call.method === 'HEAD' ? undefined : reply.body);
  };

  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    origin: 'https://x.com',
    requests,
    recordedText: () => requests.map((r) => `${r.method} ${r.url}\n${r.body}`).join('\n'),
    get users() {
      return backend.users;
    },
    setBio: (handle, bio) => backend.setBio(handle, bio),
    messages: (id) => backend.messages(id),
    conversationId: (handles) => backend.conversationId(handles),
    createGroup: (handles, name) => backend.createGroup(handles, name),
    seed: (id, messages) => backend.seed(id, messages),
    setVariant: (variant) => {
      switches.variant = variant;
    },
    setFaults: (faults) => {
      switches.faults = { ...faults };
    },
    keyserver,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
