// Who is talking to the background. Decided from the browser-supplied `sender`, never from the
// message itself: a page script cannot forge `sender.url` or `sender.id`.
import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';

export type SenderKind = 'content' | 'frame' | 'page';

export interface Caller {
  kind: SenderKind;
  tabId?: number;
}

const SITE_ORIGINS = ['https://x.com/'];
const FRAME_PAGES = ['extension/composer.html', 'extension/message.html'];
const EXTENSION_PAGES = ['extension/options.html', 'extension/popup.html'];

function isPage(url: string, pages: string[]): boolean {
  return pages.some((p) => {
    const base = browser.runtime.getURL(p);
    return url === base || url.startsWith(`${base}#`) || url.startsWith(`${base}?`);
  });
}

export function classifySender(sender: Runtime.MessageSender): Caller | null {
  if (sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  if (isPage(url, FRAME_PAGES)) {
    // A frame lives inside a site tab; its handle is only good for that tab.
    return sender.tab?.id !== undefined ? { kind: 'frame', tabId: sender.tab.id } : null;
  }
  if (isPage(url, EXTENSION_PAGES)) return { kind: 'page' };
  if (SITE_ORIGINS.some((o) => url.startsWith(o)) && sender.tab?.id !== undefined && sender.frameId === 0) {
    return { kind: 'content', tabId: sender.tab.id };
  }
  return null;
}
