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
  id: string;
  senderId: string;
  text: string;
  time: number;
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
