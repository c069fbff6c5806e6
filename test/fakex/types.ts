/** Shapes shared by the fake x.com server modules (Node side only). */

export interface FakeUser {
  /** Numeric, like X's rest ids. */
  id: string;
  handle: string;
  name: string;
  bio: string;
}

export interface RecordedRequest {
  method: string;
  host: string;
  /** Path plus query, exactly as the browser sent it. */
  url: string;
  /** Full request body as text ('' when none). */
  body: string;
  time: number;
}

export interface StoredMessage {
  /** Snowflake-like numeric id (classic DMs). */
  id: string;
  /** The same message's id in XChat (`message-<uuid>`). */
  uuid: string;
  senderId: string;
  text: string;
  time: number;
}

/** One seeded message: sender handle, text, optional epoch milliseconds. */
export interface SeedMessage {
  from: string;
  text: string;
  time?: number;
}

/** Switches a test flips; the page sees them in its initial state at the next load. */
export type Variant = 'normal' | 'renamed';
export interface Faults {
  /** The editor ignores pasted or programmatically inserted text (more than one character at once). */
  rejectPaste?: boolean;
  /** The editor inserts such text with its last character dropped. */
  manglePaste?: boolean;
  /** The send button is not rendered (Enter still sends). */
  noSendButton?: boolean;
  /** Classic composer: the send button enables only this many ms after the text last changed. */
  slowSendButton?: number;
}

/** What a route handler returns; the server turns it into an HTTP response. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface IncomingCall {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): Reply => ({
  status,
  headers: { 'content-type': contentType },
  body,
});
