// Ciphertext in a conversation's message list: recognised, hidden, and shown through a message
// frame registered with the background. Frames are mounted only near the viewport and released
// when far from it, so a long history costs a bounded number of frames. The site virtualises and
// recycles rows, so every pass re-reads each element's text and fixes up what changed.
import { findCiphertexts } from '../core/detect';
import type { Theme } from '../shared/protocol';
import { createFrame, releaseFrame } from './frames';
import { message, request } from './runtime';
import type { Surface } from './sites/types';

const HIDDEN_ATTR = 'data-sotto-hidden';
// The background did not answer a registration even when asked again: look again after this long.
const REMOUNT_AFTER_MS = 2000;

interface Tracked {
  ciphertext: string;
  conversationId: string;
  frame: HTMLIFrameElement | null;
  handle: string | null;
  /** A registration is on its way: no second one. */
  mounting: boolean;
  /** Within a screen of the viewport: mount. */
  near: boolean;
  /** Within three screens: keep. Two margins, so a frame whose own height moves the list does not flap. */
  kept: boolean;
}

export class MessageFrames {
  private readonly tracked = new Map<HTMLElement, Tracked>();

  constructor(private readonly theme: () => Theme) {}

  /** One pass over the surface's message elements. */
  scan(surface: Surface, conversationId: string): void {
    const seen = new Set<HTMLElement>();
    for (const element of surface.messageTexts()) {
      seen.add(element);
      const found = findCiphertexts(surface.recoverText(element))[0];
      const current = this.tracked.get(element);
      if (current && found && current.conversationId === conversationId) {
        if (found.text !== current.ciphertext) {
          // A recycled row now shows another message: swap the frame, keep the element hidden, so
          // the row's height (and the site's layout) does not jump through the ciphertext.
          this.dropFrame(current);
          current.ciphertext = found.text;
          current.handle = null;
          if (current.near) void this.mount(element, current);
        } else if (current.frame && !current.frame.isConnected) {
          element.insertAdjacentElement('afterend', current.frame);
        }
        continue;
      }
      if (current) this.forget(element);
      if (!found) continue;
      element.setAttribute(HIDDEN_ATTR, '');
      element.style.setProperty('display', 'none', 'important');
      this.tracked.set(element, {
        ciphertext: found.text,
        conversationId,
        frame: null,
        handle: null,
        mounting: false,
        near: false,
        kept: false,
      });
    }
    for (const element of [...this.tracked.keys()]) if (!seen.has(element)) this.forget(element);
    this.placeFrames();
  }

  /**
   * Frames exist only near the viewport: mounted within a screen of it, released beyond three
   * (two distances, so a frame whose own height moves the list does not flap). Measured on every
   * pass, and passes also run on scroll.
   */
  private placeFrames(): void {
    const screen = innerHeight;
    for (const [element, t] of this.tracked) {
      // The hidden element has no box; its parent (the bubble) does.
      const box = (element.parentElement ?? element).getBoundingClientRect();
      const distance = Math.max(0, box.top - screen, -box.bottom);
      t.near = distance <= screen;
      t.kept = distance <= 3 * screen;
      if (t.near && !t.frame && !t.mounting) void this.mount(element, t);
      else if (!t.kept && t.frame) this.release(t);
    }
  }

  clear(): void {
    for (const element of [...this.tracked.keys()]) this.forget(element);
  }

  private forget(element: HTMLElement): void {
    const t = this.tracked.get(element);
    if (!t) return;
    this.tracked.delete(element);
    this.dropFrame(t);
    if (element.isConnected) {
      element.removeAttribute(HIDDEN_ATTR);
      element.style.removeProperty('display');
    }
  }

  private async mount(element: HTMLElement, t: Tracked): Promise<void> {
    const ciphertext = t.ciphertext;
    if (!t.handle) {
      t.mounting = true;
      const answer = await request({
        type: 'message.register',
        conversationId: t.conversationId,
        ciphertext,
        theme: this.theme(),
      }).catch(() => null);
      t.mounting = false;
      if (!answer) {
        setTimeout(() => this.placeFrames(), REMOUNT_AFTER_MS);
        return;
      }
      if (t.ciphertext !== ciphertext) return; // recycled meanwhile; the new text mounts itself
      t.handle = answer.handle;
    }
    // The row may have been recycled or scrolled away while we waited.
    if (
      this.tracked.get(element) !== t ||
      t.ciphertext !== ciphertext ||
      !t.near ||
      t.frame ||
      !element.isConnected
    )
      return;
    t.frame = createFrame('message', t.handle, message('frameMessageTitle'), ciphertext.slice(-48));
    element.insertAdjacentElement('afterend', t.frame);
  }

  /** Far from the viewport: drop the frame; the handle stays valid for a re-mount. */
  private release(t: Tracked): void {
    this.dropFrame(t);
  }

  /** Removes the frame; a later mount registers again (the background may have restarted since). */
  private dropFrame(t: Tracked): void {
    t.frame?.remove();
    if (t.handle) releaseFrame(t.handle);
    t.frame = null;
    t.handle = null;
  }
}
