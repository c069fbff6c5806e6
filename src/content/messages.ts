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

interface Tracked {
  ciphertext: string;
  conversationId: string;
  frame: HTMLIFrameElement | null;
  handle: string | null;
  near: boolean;
}

export class MessageFrames {
  private readonly tracked = new Map<HTMLElement, Tracked>();
  /** Observed box (the hidden element's parent) → the message element. */
  private readonly byTarget = new Map<Element, HTMLElement>();
  private readonly observer: IntersectionObserver;

  constructor(private readonly theme: () => Theme) {
    // Mount within a screen of the viewport; the same margin decides release.
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), {
      rootMargin: '100% 0px',
    });
  }

  /** One pass over the surface's message elements. */
  scan(surface: Surface, conversationId: string): void {
    const seen = new Set<HTMLElement>();
    for (const element of surface.messageTexts()) {
      seen.add(element);
      const found = findCiphertexts(surface.recoverText(element))[0];
      const current = this.tracked.get(element);
      if (current && found?.text === current.ciphertext && current.conversationId === conversationId) {
        if (current.frame && !current.frame.isConnected)
          element.insertAdjacentElement('afterend', current.frame);
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
        near: false,
      });
      // A hidden element has no box to observe; watch its parent instead.
      if (element.parentElement) {
        this.byTarget.set(element.parentElement, element);
        this.observer.observe(element.parentElement);
      }
    }
    for (const element of [...this.tracked.keys()]) if (!seen.has(element)) this.forget(element);
  }

  liveFrames(): number {
    let n = 0;
    for (const t of this.tracked.values()) if (t.frame?.isConnected) n++;
    return n;
  }

  clear(): void {
    for (const element of [...this.tracked.keys()]) this.forget(element);
  }

  private forget(element: HTMLElement): void {
    const t = this.tracked.get(element);
    if (!t) return;
    this.tracked.delete(element);
    if (t.handle) releaseFrame(t.handle);
    for (const [target, el] of this.byTarget) {
      if (el !== element) continue;
      this.observer.unobserve(target);
      this.byTarget.delete(target);
    }
    if (element.isConnected) {
      element.removeAttribute(HIDDEN_ATTR);
      element.style.removeProperty('display');
    }
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const element = this.byTarget.get(entry.target);
      const t = element && this.tracked.get(element);
      if (!element || !t) continue;
      t.near = entry.isIntersecting;
      if (t.near && !t.frame) void this.mount(element, t);
      else if (!t.near && t.frame) this.release(t);
    }
  }

  private async mount(element: HTMLElement, t: Tracked): Promise<void> {
    if (!t.handle) {
      const { handle } = await request({
        type: 'message.register',
        conversationId: t.conversationId,
        ciphertext: t.ciphertext,
        theme: this.theme(),
      });
      t.handle = handle;
    }
    // The row may have been recycled or scrolled away while we waited.
    if (this.tracked.get(element) !== t || !t.near || t.frame || !element.isConnected) return;
    t.frame = createFrame('message', t.handle, message('frameMessageTitle'));
    element.insertAdjacentElement('afterend', t.frame);
  }

  /** Far from the viewport: drop the frame; the handle stays valid for a re-mount. */
  private release(t: Tracked): void {
    if (t.handle) releaseFrame(t.handle);
    t.frame = null;
  }
}
