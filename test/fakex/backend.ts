import { randomUUID } from 'node:crypto';
import type { FakeUser, IncomingCall, Reply, SeedMessage, StoredMessage } from './types.ts';
import { json } from './types.ts';

/** X's limits (x-dom.md): the server refuses more, whatever the browser let through. */
const MAX_DM = 10_000;
const MAX_BIO = 160;

interface Profile extends FakeUser {
  location: string;
  url: string;
  joined: number;
}

interface Conversation {
  id: string;
  type: 'ONE_TO_ONE' | 'GROUP_DM';
  participantIds: string[];
  messages: StoredMessage[];
  /** Groups may be named; otherwise X shows the members' names. */
  name?: string;
}

/** The cookie X itself uses to name the logged-in account ("u=<id>"). */
export const SESSION_COOKIE = 'twid';

const apiError = (status: number, code: number, message: string): Reply =>
  json(status, { errors: [{ code, message }] });

/**
 * The DM/profile backend: in-memory users, conversations and messages. Everything the page can do
 * goes through `handle`, so tests can inspect exactly what was sent.
 */
export class Backend {
  readonly profiles: Profile[];
  private readonly conversations = new Map<string, Conversation>();
  private readonly requestIds = new Map<string, StoredMessage>();
  private readonly chatIds = new Map<string, StoredMessage>();
  // Snowflake-sized ids so the page treats them as opaque strings, as with X.
  private nextMessageId = 1_790_000_000_000_000_000n;
  private nextGroupId = 1_600_000_000_000_000_000n;

  constructor(users: FakeUser[]) {
    const base = Date.UTC(2020, 2, 14);
    this.profiles = users.map((u, i) => ({
      ...u,
      location: '',
      url: '',
      joined: base + i * 86_400_000 * 40,
    }));
  }

  get users(): FakeUser[] {
    return this.profiles.map(({ id, handle, name, bio }) => ({ id, handle, name, bio }));
  }

  byHandle(handle: string): Profile | undefined {
    const h = handle.toLowerCase();
    return this.profiles.find((p) => p.handle.toLowerCase() === h);
  }

  byId(id: string): Profile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  setBio(handle: string, bio: string): void {
    const p = this.byHandle(handle);
    if (!p) throw new Error(`fakex: no user @${handle}`);
    p.bio = bio;
  }

  /** One-to-one ids are `${smaller}-${larger}`; groups get a numeric id, reused for the same members. */
  conversationId(handles: string[]): string {
    const ids = this.memberIds(handles);
    if (ids.length < 2) throw new Error('fakex: a conversation needs two different users');
    if (ids.length === 2) return this.ensureOneToOne(ids[0]!, ids[1]!).id;
    for (const c of this.conversations.values()) {
      if (c.type === 'GROUP_DM' && c.participantIds.join() === ids.join()) return c.id;
    }
    const id = String(this.nextGroupId++);
    this.conversations.set(id, { id, type: 'GROUP_DM', participantIds: ids, messages: [] });
    return id;
  }

  /** A new group conversation (always a new id, as when X users create a group). */
  createGroup(handles: string[], name?: string): string {
    const ids = this.memberIds(handles);
    if (ids.length < 3) throw new Error('fakex: a group needs at least three different users');
    const id = String(this.nextGroupId++);
    this.conversations.set(id, { id, type: 'GROUP_DM', participantIds: ids, messages: [], name });
    return id;
  }

  /**
   * Appends messages straight to the store (no HTTP), for long conversations. Times default to one
   * minute apart, ending now.
   */
  seed(conversationId: string, messages: SeedMessage[]): void {
    const c = this.conversations.get(conversationId) ?? this.oneToOneFromId(conversationId);
    if (!c) throw new Error(`fakex: no conversation ${conversationId}`);
    const start = Date.now() - messages.length * 60_000;
    messages.forEach((m, i) => {
      const sender = this.mustHandle(m.from);
      if (!c.participantIds.includes(sender.id)) {
        throw new Error(`fakex: @${m.from} is not in conversation ${conversationId}`);
      }
      c.messages.push({
        id: String(this.nextMessageId++),
        uuid: randomUUID(),
        senderId: sender.id,
        text: m.text,
        time: m.time ?? start + i * 60_000,
      });
    });
  }

  messages(conversationId: string): StoredMessage[] {
    return (this.conversations.get(conversationId)?.messages ?? []).map((m) => ({ ...m }));
  }

  userFromCookie(cookieHeader: string | undefined): Profile | undefined {
    for (const part of (cookieHeader ?? '').split(';')) {
      const [k, v] = part.trim().split('=');
      if (k === SESSION_COOKIE && v) {
        const id = decodeURIComponent(v).replace(/^u=/, '');
        return this.byId(id);
      }
    }
    return undefined;
  }

  /** The x.com JSON API. Returns undefined for paths it does not own. */
  handle(call: IncomingCall, me: Profile | undefined): Reply | undefined {
    const { method, path } = call;
    if (!path.startsWith('/i/api/')) return undefined;
    if (!me) return apiError(401, 32, 'Could not authenticate you.');

    if (method === 'GET' && path === '/i/api/fake/me.json') return json(200, this.publicUser(me));
    const userMatch = /^\/i\/api\/fake\/user\/([A-Za-z0-9_]{1,15})\.json$/.exec(path);
    if (method === 'GET' && userMatch) {
      const u = this.byHandle(userMatch[1]!);
      return u ? json(200, this.publicUser(u)) : apiError(404, 50, 'User not found.');
    }
    if (method === 'GET' && path === '/i/api/1.1/dm/inbox_initial_state.json') return this.inbox(me);
    const convMatch = /^\/i\/api\/1\.1\/dm\/conversation\/([0-9-]+)\.json$/.exec(path);
    if (method === 'GET' && convMatch) return this.conversation(me, convMatch[1]!, call.query.get('min_id'));
    if (method === 'POST' && path === '/i/api/1.1/dm/new2.json') return this.send(me, call);
    if (method === 'POST' && path === '/i/api/1.1/account/update_profile.json')
      return this.updateProfile(me, call);
    const chatMatch = /^\/i\/api\/graphql\/fakeXChat\/(\w+)$/.exec(path);
    if (chatMatch) return this.xchat(me, method, chatMatch[1]!, call);
    return apiError(404, 34, 'Sorry, that page does not exist.');
  }

  private memberIds(handles: string[]): string[] {
    return [...new Set(handles.map((h) => this.mustHandle(h).id))].sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    );
  }

  private mustHandle(handle: string): Profile {
    const u = this.byHandle(handle);
    if (!u) throw new Error(`fakex: no user @${handle}`);
    return u;
  }

  private ensureOneToOne(a: string, b: string): Conversation {
    const id = `${a}-${b}`;
    let c = this.conversations.get(id);
    if (!c) {
      c = { id, type: 'ONE_TO_ONE', participantIds: [a, b], messages: [] };
      this.conversations.set(id, c);
    }
    return c;
  }

  /** A conversation `me` may see: a registered one, or any valid one-to-one id naming them. */
  private visible(me: Profile, id: string): Conversation | undefined {
    const c = this.conversations.get(id) ?? this.oneToOneFromId(id);
    return c?.participantIds.includes(me.id) ? c : undefined;
  }

  /** A valid `<smaller>-<larger>` id of two known users, created on first use. */
  private oneToOneFromId(id: string): Conversation | undefined {
    const m = /^(\d+)-(\d+)$/.exec(id);
    if (!m || !(BigInt(m[1]!) < BigInt(m[2]!)) || !this.byId(m[1]!) || !this.byId(m[2]!)) return undefined;
    return this.ensureOneToOne(m[1]!, m[2]!);
  }

  private publicUser(p: Profile) {
    return {
      id_str: p.id,
      screen_name: p.handle,
      name: p.name,
      description: p.bio,
      location: p.location,
      url: p.url,
      created_at: new Date(p.joined).toISOString(),
    };
  }

  private conversationJson(c: Conversation) {
    return {
      conversation_id: c.id,
      type: c.type,
      ...(c.name ? { name: c.name } : {}),
      participants: c.participantIds.map((id) => this.publicUser(this.byId(id)!)),
    };
  }

  private messageJson(conversationId: string, m: StoredMessage) {
    return { id: m.id, conversation_id: conversationId, sender_id: m.senderId, text: m.text, time: m.time };
  }

  private inbox(me: Profile): Reply {
    return json(200, { conversations: this.inboxList(me) });
  }

  private inboxList(me: Profile) {
    return [...this.conversations.values()]
      .filter((c) => c.participantIds.includes(me.id))
      .map((c) => {
        const last = c.messages.at(-1);
        return { ...this.conversationJson(c), last_message: last ? this.messageJson(c.id, last) : null };
      })
      .sort((a, b) => (b.last_message?.time ?? 0) - (a.last_message?.time ?? 0));
  }

  private conversation(me: Profile, id: string, minIdParam: string | null): Reply {
    const c = this.visible(me, id);
    if (!c) return apiError(404, 279, 'Conversation not found.');
    const minId = /^\d+$/.test(minIdParam ?? '') ? BigInt(minIdParam!) : 0n;
    const messages = c.messages.filter((m) => BigInt(m.id) > minId).map((m) => this.messageJson(c.id, m));
    return json(200, { conversation: this.conversationJson(c), messages });
  }

  private send(me: Profile, call: IncomingCall): Reply {
    let body: { conversation_id?: unknown; text?: unknown; request_id?: unknown };
    try {
      body = JSON.parse(call.body);
    } catch {
      return apiError(400, 214, 'Bad request.');
    }
    if (typeof body.conversation_id !== 'string' || typeof body.text !== 'string') {
      return apiError(400, 214, 'Bad request.');
    }
    // X de-duplicates retried sends by request_id.
    const requestId = typeof body.request_id === 'string' ? body.request_id : '';
    const stored = this.store(me, body.conversation_id, body.text, this.requestIds, requestId, randomUUID());
    if (!('message' in stored)) return stored;
    return json(200, { event: this.messageJson(stored.conversationId, stored.message) });
  }

  /** Checks and stores one sent message, shared by classic DMs and XChat (same store). */
  private store(
    me: Profile,
    conversationId: string,
    text: string,
    dedupe: Map<string, StoredMessage>,
    dedupeKey: string,
    uuid: string,
  ): Reply | { conversationId: string; message: StoredMessage } {
    const c = this.visible(me, conversationId);
    if (!c) return apiError(403, 349, 'You cannot send messages to this user.');
    if (text.trim() === '') return apiError(403, 151, 'There was an error sending your message.');
    if (text.length > MAX_DM)
      return apiError(403, 354, 'The text of your direct message is over the max character limit.');
    const seen = dedupeKey ? dedupe.get(dedupeKey) : undefined;
    if (seen) return { conversationId: c.id, message: seen };
    const message: StoredMessage = {
      id: String(this.nextMessageId++),
      uuid,
      senderId: me.id,
      text,
      time: Date.now(),
    };
    c.messages.push(message);
    if (dedupeKey) dedupe.set(dedupeKey, message);
    return { conversationId: c.id, message };
  }

  /**
   * XChat's GraphQL-style endpoints (names invented; the real ones are not public):
   * `GET XChatInboxQuery`, `GET XChatMessagesQuery?variables={"conversation_id","after"}`,
   * `POST XChatSendMessageMutation {"variables":{"conversation_id","message_id","text"}}`.
   */
  private xchat(me: Profile, method: string, op: string, call: IncomingCall): Reply {
    const chatMessage = (m: StoredMessage) => ({
      message_id: m.uuid,
      sequence_id: m.id,
      sender_id: m.senderId,
      text: m.text,
      created_at_msec: m.time,
    });
    if (method === 'GET' && op === 'XChatInboxQuery') {
      return json(200, { data: { conversations: this.inboxList(me) } });
    }
    let vars: Record<string, unknown>;
    try {
      vars =
        method === 'GET'
          ? JSON.parse(call.query.get('variables') ?? '{}')
          : ((JSON.parse(call.body) as { variables?: Record<string, unknown> }).variables ?? {});
    } catch {
      return apiError(400, 214, 'Bad request.');
    }
    const id = typeof vars.conversation_id === 'string' ? vars.conversation_id : '';
    if (method === 'GET' && op === 'XChatMessagesQuery') {
      const c = this.visible(me, id);
      if (!c) return apiError(404, 279, 'Conversation not found.');
      const after = typeof vars.after === 'string' && /^\d+$/.test(vars.after) ? BigInt(vars.after) : 0n;
      const messages = c.messages.filter((m) => BigInt(m.id) > after).map(chatMessage);
      return json(200, { data: { conversation: this.conversationJson(c), messages } });
    }
    if (method === 'POST' && op === 'XChatSendMessageMutation') {
      if (typeof vars.text !== 'string' || typeof vars.message_id !== 'string') {
        return apiError(400, 214, 'Bad request.');
      }
      const uuid = vars.message_id;
      if (!/^[0-9a-f-]{36}$/.test(uuid)) return apiError(400, 214, 'Bad request.');
      const stored = this.store(me, id, vars.text, this.chatIds, uuid, uuid);
      if (!('message' in stored)) return stored;
      return json(200, { data: { message: chatMessage(stored.message) } });
    }
    return apiError(404, 34, 'Sorry, that page does not exist.');
  }

  private updateProfile(me: Profile, call: IncomingCall): Reply {
    const type = String(call.headers['content-type'] ?? '');
    let fields: Record<string, unknown>;
    try {
      fields = type.includes('application/json')
        ? JSON.parse(call.body)
        : Object.fromEntries(new URLSearchParams(call.body));
    } catch {
      return apiError(400, 214, 'Bad request.');
    }
    const str = (k: string): string | undefined =>
      typeof fields[k] === 'string' ? (fields[k] as string) : undefined;
    const description = str('description');
    if (description !== undefined && description.length > MAX_BIO) {
      return apiError(
        403,
        120,
        'Account update failed: Description is too long (maximum is 160 characters).',
      );
    }
    if (description !== undefined) me.bio = description;
    const name = str('name');
    if (name !== undefined && name.trim() !== '') me.name = name.slice(0, 50);
    const location = str('location');
    if (location !== undefined) me.location = location.slice(0, 30);
    const url = str('url');
    if (url !== undefined) me.url = url.slice(0, 100);
    return json(200, this.publicUser(me));
  }
}
