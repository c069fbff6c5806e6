// Opaque one-per-mount handles. A frame's URL carries only a handle; what it may do with it
// (which tab, which conversation, which ciphertext) lives here. A handle is good only for frames
// inside the tab that registered it.
import { randomId } from '../shared/randomId';
import type { ComposerRecord, HandleRecord } from './handleRecord';
import { getSession, setSession } from './store';

export type { ComposerRecord, HandleRecord, MessageRecord } from './handleRecord';

// Bounded: a long scroll through history registers many messages; the oldest handles go first
// (their frames re-register when they come back on screen).
const MAX_HANDLES = 5000;
// Mirrored to session storage so frames and composers survive a service-worker restart; only
// the newest message handles are kept there (its quota is small).
const MAX_PERSISTED_MESSAGES = 1000;
const PERSIST_DELAY_MS = 300;
const records = new Map<string, HandleRecord>();
let persistTimer: ReturnType<typeof setTimeout> | undefined;

/** Resolves once handles from before a restart are back; the router waits for it. */
export const ready: Promise<void> = getSession('handles')
  .then((saved) => {
    for (const [handle, record] of Object.entries(saved ?? {}))
      if (!records.has(handle)) records.set(handle, record);
  })
  .catch(() => undefined);

function persistNow(): Promise<void> {
  clearTimeout(persistTimer);
  const entries = [...records.entries()];
  const messages = entries.filter(([, r]) => r.kind === 'message').slice(-MAX_PERSISTED_MESSAGES);
  const composers = entries.filter(([, r]) => r.kind === 'composer');
  return setSession('handles', Object.fromEntries([...composers, ...messages])).catch(() => undefined);
}

function persistSoon(): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => void persistNow(), PERSIST_DELAY_MS);
}

export function register(record: HandleRecord): string {
  const handle = randomId();
  records.set(handle, record);
  if (records.size > MAX_HANDLES) {
    const oldest = records.keys().next().value;
    if (oldest !== undefined) records.delete(oldest);
  }
  persistSoon();
  return handle;
}

/**
 * Registers a composer and waits until it is saved: a composer holds unsent text, and a worker
 * stopped right after it opened must still know it (message frames simply register again).
 */
export async function registerComposer(record: ComposerRecord): Promise<string> {
  const handle = composerOpened(record.tabId, record.openId) ?? register(record);
  await persistNow();
  return handle;
}

/** The handle already given to this opening, if the content script asked twice. */
function composerOpened(tabId: number, openId: string): string | undefined {
  for (const [handle, record] of records)
    if (record.kind === 'composer' && record.tabId === tabId && record.openId === openId) return handle;
  return undefined;
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
  persistSoon();
}

/** The composer most recently opened in `tabId` for `conversationId` (key requests are answered through it). */
export function composerFor(tabId: number, conversationId: string): [string, ComposerRecord] | null {
  let found: [string, ComposerRecord] | null = null;
  for (const [handle, record] of records)
    if (record.kind === 'composer' && record.tabId === tabId && record.conversationId === conversationId)
      found = [handle, record];
  return found;
}
