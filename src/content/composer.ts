// The secure composer over the site's own. While a conversation is sealed the native composer is
// collapsed, made inert and fenced; it is woken only to receive ciphertext from the background,
// which is read back and sent only if it is exactly that ciphertext.
import type { ConversationStatus, DeliverResult } from '../shared/protocol';
import { createFrame, releaseFrame } from './frames';
import { message } from './runtime';
import type { ComposerParts, SiteAdapter } from './sites/types';

const FENCED_ATTR = 'data-sotto-fenced';
const FENCED_STYLE =
  'opacity:0 !important;height:0 !important;overflow:hidden !important;pointer-events:none !important;';
const SEND_ENABLE_TIMEOUT_MS = 3000;
const CONFIRM_TIMEOUT_MS = 8000;

export interface MountedComposer {
  handle: string;
  conversationId: string;
  sealed: boolean;
  frame: HTMLIFrameElement;
  fencedRow: HTMLElement | null;
  delivering: boolean;
}

let current: MountedComposer | null = null;

export function currentComposer(): MountedComposer | null {
  return current;
}

function fence(row: HTMLElement): void {
  if (row.hasAttribute(FENCED_ATTR)) return;
  row.setAttribute(FENCED_ATTR, row.getAttribute('style') ?? '');
  row.setAttribute('style', `${row.getAttribute('style') ?? ''};${FENCED_STYLE}`);
  row.inert = true;
}

function unfence(row: HTMLElement): void {
  if (!row.hasAttribute(FENCED_ATTR)) return;
  const original = row.getAttribute(FENCED_ATTR) ?? '';
  if (original) row.setAttribute('style', original);
  else row.removeAttribute('style');
  row.removeAttribute(FENCED_ATTR);
  row.inert = false;
}

/** Blocks every way plaintext could reach a fenced editor while we are not delivering. */
function guardEvent(event: Event): void {
  const target = event.target;
  if (!(target instanceof Node) || current?.delivering) return;
  const fenced = (target instanceof Element ? target : target.parentElement)?.closest(`[${FENCED_ATTR}]`);
  if (!fenced) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

for (const type of [
  'keydown',
  'keypress',
  'beforeinput',
  'input',
  'paste',
  'drop',
  'click',
  'submit',
  'focusin',
]) {
  window.addEventListener(type, guardEvent, true);
}

export function mountComposer(
  adapter: SiteAdapter,
  conversationId: string,
  handle: string,
  status: ConversationStatus,
): void {
  unmountComposer();
  const parts = adapter.composer();
  if (!parts) return;
  const frame = createFrame('composer', handle, message('frameComposerTitle'));
  parts.row.insertAdjacentElement('beforebegin', frame);
  const sealed = status.ready && status.vault === 'unlocked';
  current = { handle, conversationId, sealed, frame, fencedRow: null, delivering: false };
  if (sealed) {
    fence(parts.row);
    current.fencedRow = parts.row;
  }
}

/** Re-attach after the site re-rendered the composer area. */
export function keepComposerMounted(adapter: SiteAdapter): void {
  if (!current) return;
  const parts = adapter.composer();
  if (!parts) return;
  if (!current.frame.isConnected || current.frame.nextElementSibling !== parts.row) {
    parts.row.insertAdjacentElement('beforebegin', current.frame);
  }
  if (current.sealed && current.fencedRow !== parts.row) {
    if (current.fencedRow) unfence(current.fencedRow);
    fence(parts.row);
    current.fencedRow = parts.row;
  }
}

export function unmountComposer(): void {
  if (!current) return;
  if (current.fencedRow) unfence(current.fencedRow);
  releaseFrame(current.handle);
  current = null;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await wait(50);
  }
  return check();
}

/** Put the ciphertext into the site's composer, check it, send it, confirm it went. */
export async function deliver(
  adapter: SiteAdapter,
  composerHandle: string,
  ciphertext: string,
): Promise<DeliverResult> {
  const mountedComposer = current;
  // Ciphertext is bound to the conversation whose composer asked for it.
  if (!mountedComposer || mountedComposer.handle !== composerHandle || !mountedComposer.sealed) {
    return { ok: false, reason: 'composer-missing' };
  }
  const parts = adapter.composer();
  if (!parts) return { ok: false, reason: 'composer-missing' };
  mountedComposer.delivering = true;
  parts.row.inert = false;
  try {
    return await insertAndSend(adapter, parts, ciphertext);
  } finally {
    mountedComposer.delivering = false;
    const row = adapter.composer()?.row ?? parts.row;
    if (current === mountedComposer) row.inert = true;
  }
}

async function insertAndSend(
  adapter: SiteAdapter,
  parts: ComposerParts,
  ciphertext: string,
): Promise<DeliverResult> {
  const fail = (reason: Exclude<DeliverResult, { ok: true }>['reason']): DeliverResult => {
    const now = adapter.composer();
    if (now) adapter.clear(now);
    return { ok: false, reason };
  };
  if (adapter.read(parts) !== '') adapter.clear(parts);
  adapter.insert(parts, ciphertext);
  await wait(0);
  const inserted = adapter.read(parts);
  if (inserted === '') return fail('insert-rejected');
  if (inserted !== ciphertext) return fail('insert-mismatch');
  if (!parts.sendButton) return fail('send-button-missing');
  if (!(await waitFor(() => adapter.isSendEnabled(parts), SEND_ENABLE_TIMEOUT_MS)))
    return fail('send-button-missing');
  // Last look right before the click: the composer must still hold exactly our ciphertext.
  if (adapter.read(parts) !== ciphertext) return fail('insert-mismatch');
  parts.sendButton.click();
  const sent = await waitFor(() => {
    const now = adapter.composer();
    return now !== null && adapter.read(now) === '';
  }, CONFIRM_TIMEOUT_MS);
  return sent ? { ok: true } : fail('send-not-confirmed');
}
