// The secure composer over the site's own, for one conversation view. While the conversation is
// sealed the native composer is collapsed, made inert and fenced; it is woken only to receive
// ciphertext from the background, which is read back and sent only if it is exactly that ciphertext.
import type { DeliverResult } from '../shared/protocol';
import { createFrame, releaseFrame } from './frames';
import { message } from './runtime';
import type { ComposerParts, Surface } from './sites/types';

const FENCED_ATTR = 'data-sotto-fenced';
const FENCED_STYLE =
  'opacity:0 !important;height:0 !important;min-height:0 !important;overflow:hidden !important;pointer-events:none !important;';
const SEND_ENABLE_TIMEOUT_MS = 3000;
const CONFIRM_TIMEOUT_MS = 8000;

/** Composers currently delivering: their fences let the site's events through. */
const delivering = new Set<Element>();

export function fence(element: HTMLElement): void {
  if (element.hasAttribute(FENCED_ATTR)) return;
  element.setAttribute(FENCED_ATTR, element.getAttribute('style') ?? '');
  element.setAttribute('style', `${element.getAttribute('style') ?? ''};${FENCED_STYLE}`);
  element.inert = true;
}

export function unfence(element: HTMLElement): void {
  if (!element.hasAttribute(FENCED_ATTR)) return;
  const original = element.getAttribute(FENCED_ATTR) ?? '';
  if (original) element.setAttribute('style', original);
  else element.removeAttribute('style');
  element.removeAttribute(FENCED_ATTR);
  element.inert = false;
}

/** Blocks every way plaintext could reach a fenced editor (keys, paste, drop, clicks, submit). */
function guardEvent(event: Event): void {
  const target = event.target;
  if (!(target instanceof Node)) return;
  const fenced = (target instanceof Element ? target : target.parentElement)?.closest(`[${FENCED_ATTR}]`);
  if (!fenced || delivering.has(fenced)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

for (const type of ['keydown', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'click', 'submit']) {
  window.addEventListener(type, guardEvent, true);
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

export class ComposerMount {
  readonly frame: HTMLIFrameElement;
  private fencedRow: HTMLElement | null = null;
  private busy = false;

  constructor(
    private readonly surface: Surface,
    readonly handle: string,
    private sealed: boolean,
  ) {
    this.frame = createFrame('composer', handle, message('frameComposerTitle'));
    this.keepMounted();
  }

  setSealed(sealed: boolean): void {
    this.sealed = sealed;
    if (!sealed && this.fencedRow) {
      unfence(this.fencedRow);
      this.fencedRow = null;
    }
    this.keepMounted();
  }

  /** (Re)attach after the site re-rendered the composer area; re-fence a replaced row. */
  keepMounted(): void {
    const parts = this.surface.composer();
    if (!parts) {
      // X's composer is not recognisable (a new build?): the secure composer stays, so the user
      // keeps their text and sees why nothing can be sent.
      if (!this.frame.isConnected) this.surface.root.append(this.frame);
      return;
    }
    if (!this.frame.isConnected || this.frame.nextElementSibling !== parts.row) {
      parts.row.insertAdjacentElement('beforebegin', this.frame);
    }
    if (this.sealed && this.fencedRow !== parts.row) {
      if (this.fencedRow) unfence(this.fencedRow);
      fence(parts.row);
      this.fencedRow = parts.row;
    }
  }

  unmount(): void {
    if (this.fencedRow) unfence(this.fencedRow);
    this.fencedRow = null;
    releaseFrame(this.handle);
  }

  /** Put the ciphertext into the site's composer, check it, send it, confirm it went. */
  async deliver(
    ciphertext: string,
    allowUnsealed: boolean,
    mayClick: () => Promise<boolean>,
  ): Promise<DeliverResult> {
    if (!this.sealed && !allowUnsealed) return { ok: false, reason: 'composer-missing' };
    if (this.busy) return { ok: false, reason: 'composer-missing' };
    const parts = this.surface.composer();
    if (!parts) return { ok: false, reason: 'composer-missing' };
    this.busy = true;
    delivering.add(parts.row);
    const wasInert = parts.row.inert;
    parts.row.inert = false;
    try {
      return await this.insertAndSend(parts, ciphertext, mayClick);
    } finally {
      delivering.delete(parts.row);
      parts.row.inert = wasInert;
      this.busy = false;
    }
  }

  private async insertAndSend(
    parts: ComposerParts,
    ciphertext: string,
    mayClick: () => Promise<boolean>,
  ): Promise<DeliverResult> {
    const { surface } = this;
    const fail = (reason: Exclude<DeliverResult, { ok: true }>['reason']): DeliverResult => {
      const now = surface.composer();
      if (now) surface.clear(now);
      return { ok: false, reason };
    };
    if (surface.read(parts) !== '') {
      surface.clear(parts);
      await wait(50);
    }
    surface.insert(parts, ciphertext);
    await wait(0);
    const inserted = surface.read(parts);
    if (inserted === '') return fail('insert-rejected');
    if (inserted !== ciphertext) return fail('insert-mismatch');
    if (!(await waitFor(() => surface.isSendEnabled(), SEND_ENABLE_TIMEOUT_MS)))
      return fail('send-button-missing');
    // The background that asked, and the secure composer behind it, must still be there and agree:
    // then the composer knows a click may have happened and never reports "nothing was sent".
    if (!(await mayClick())) return fail('not-committed');
    // Last look right before the click: the composer must still hold exactly our ciphertext.
    const button = surface.sendButton();
    if (!button || surface.read(parts) !== ciphertext) return fail('insert-mismatch');
    button.click();
    const sent = await waitFor(() => {
      const now = surface.composer();
      return now !== null && surface.read(now) === '';
    }, CONFIRM_TIMEOUT_MS);
    return sent ? { ok: true } : fail('send-not-confirmed');
  }
}
