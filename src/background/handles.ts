// Opaque one-per-mount handles. A frame's URL carries only a handle; what it may do with it
// (which tab, which conversation, which ciphertext) lives here. A handle is good only for frames
// inside the tab that registered it.
import type { Theme } from '../shared/protocol';

export interface ComposerRecord {
  kind: 'composer';
  tabId: number;
  conversationId: string;
  participants: Array<{ handle: string; bio: string | null }>;
  group: boolean;
  ownHandle: string | null;
  theme: Theme;
}

export interface MessageRecord {
  kind: 'message';
  tabId: number;
  conversationId: string;
  ciphertext: string;
  theme: Theme;
}

export type HandleRecord = ComposerRecord | MessageRecord;

// Bounded: a long scroll through history registers many messages; the oldest handles go first
// (their frames re-register when they come back on screen).
const MAX_HANDLES = 5000;
const records = new Map<string, HandleRecord>();

function newHandle(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function register(record: HandleRecord): string {
  const handle = newHandle();
  records.set(handle, record);
  if (records.size > MAX_HANDLES) {
    const oldest = records.keys().next().value;
    if (oldest !== undefined) records.delete(oldest);
  }
  return handle;
}

export function lookup<K extends HandleRecord['kind']>(
  handle: string,
  kind: K,
  tabId: number | undefined,
): Extract<HandleRecord, { kind: K }> | null {
  const record = records.get(handle);
  if (!record || record.kind !== kind || record.tabId !== tabId) return null;
  return record as Extract<HandleRecord, { kind: K }>;
}

export function forgetTab(tabId: number): void {
  for (const [handle, record] of records) if (record.tabId === tabId) records.delete(handle);
}
