/** The page's view of the fake x.com JSON API (same-origin fetches, cookie auth). */

export interface ApiUser {
  id_str: string;
  screen_name: string;
  name: string;
  description: string;
  location: string;
  url: string;
  created_at: string;
}

export interface ApiMessage {
  id: string;
  conversation_id: string;
  sender_id: string;
  text: string;
  time: number;
}

export interface ApiConversation {
  conversation_id: string;
  type: 'ONE_TO_ONE' | 'GROUP_DM';
  /** Set for named groups. */
  name?: string;
  participants: ApiUser[];
}

/** A message as XChat's endpoints return it (same store as classic DMs). */
export interface ChatMessage {
  message_id: string;
  sequence_id: string;
  sender_id: string;
  text: string;
  created_at_msec: number;
}

export interface InboxEntry extends ApiConversation {
  last_message: ApiMessage | null;
}

const XCHAT = '/i/api/graphql/fakeXChat';

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export const api = {
  me: () => call<ApiUser>('/i/api/fake/me.json'),
  user: (handle: string) => call<ApiUser>(`/i/api/fake/user/${encodeURIComponent(handle)}.json`),
  inbox: () => call<{ conversations: InboxEntry[] }>('/i/api/1.1/dm/inbox_initial_state.json'),
  conversation: (id: string, minId: string) =>
    call<{ conversation: ApiConversation; messages: ApiMessage[] }>(
      `/i/api/1.1/dm/conversation/${id}.json?min_id=${encodeURIComponent(minId)}`,
    ),
  send: (conversationId: string, text: string) =>
    call<{ event: ApiMessage }>('/i/api/1.1/dm/new2.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_id: conversationId, text, request_id: crypto.randomUUID() }),
    }),
  chatInbox: () => call<{ data: { conversations: InboxEntry[] } }>(`${XCHAT}/XChatInboxQuery`),
  chatMessages: (id: string, after: string) =>
    call<{ data: { conversation: ApiConversation; messages: ChatMessage[] } }>(
      `${XCHAT}/XChatMessagesQuery?variables=${encodeURIComponent(JSON.stringify({ conversation_id: id, after }))}`,
    ),
  chatSend: (id: string, text: string) =>
    call<{ data: { message: ChatMessage } }>(`${XCHAT}/XChatSendMessageMutation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { conversation_id: id, message_id: crypto.randomUUID(), text } }),
    }),
  // X posts the profile form url-encoded.
  updateProfile: (fields: Record<string, string>) =>
    call<ApiUser>('/i/api/1.1/account/update_profile.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
};

/** "Joined March 2020", as on X. */
export function joinedText(iso: string): string {
  return `Joined ${new Date(iso).toLocaleDateString('en-US', { month: 'long', year: 'numeric' })}`;
}

/** Plain-text "3:41 PM" timestamps, as X renders them in DMs. */
export function timeText(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

/** What X shows as a conversation's title: the group's name, or the other members' names. */
export function conversationTitle(c: ApiConversation, me: ApiUser): string {
  return (
    c.name ??
    c.participants
      .filter((p) => p.id_str !== me.id_str)
      .map((p) => p.name)
      .join(', ')
  );
}

export const avatarUrl = (id: string) => `/profile_images/${id}/avatar.svg`;
