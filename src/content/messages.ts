// Incoming (and our own sent) ciphertext in the message list: recognised, registered with the
// background for a handle, hidden, and replaced by a message frame. The site virtualises and
// recycles rows, so every pass re-reads each element's text and fixes up what changed.
import { findCiphertexts } from '../core/detect';
import type { Theme } from '../shared/protocol';
import { createFrame } from './frames';
import { message, request } from './runtime';
import type { SiteAdapter } from './sites/types';

interface Mounted {
  ciphertext: string;
  frame: HTMLIFrameElement;
}

const mounted = new WeakMap<HTMLElement, Mounted>();
const HIDDEN_ATTR = 'data-sotto-hidden';

function hide(element: HTMLElement): void {
  element.setAttribute(HIDDEN_ATTR, '');
  element.style.setProperty('display', 'none', 'important');
}

function unhide(element: HTMLElement): void {
  element.removeAttribute(HIDDEN_ATTR);
  element.style.removeProperty('display');
}

export async function scanMessages(
  adapter: SiteAdapter,
  conversationId: string,
  theme: Theme,
): Promise<void> {
  for (const element of adapter.messageTexts()) {
    const current = mounted.get(element);
    // Our hidden element keeps its text; a recycled one gets new text from the site.
    const text = adapter.recoverText(element);
    const found = findCiphertexts(text)[0];
    if (current) {
      if (found?.text === current.ciphertext && current.frame.isConnected) continue;
      current.frame.remove();
      mounted.delete(element);
      unhide(element);
    }
    if (!found) continue;
    const { handle } = await request({
      type: 'message.register',
      conversationId,
      ciphertext: found.text,
      theme,
    });
    if (!element.isConnected || mounted.has(element)) continue;
    const frame = createFrame('message', handle, message('frameMessageTitle'));
    element.insertAdjacentElement('afterend', frame);
    hide(element);
    mounted.set(element, { ciphertext: found.text, frame });
  }
}
