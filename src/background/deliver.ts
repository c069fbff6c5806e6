// Handing ciphertext to a tab's content script to insert and send. It goes over a port, so that
// if this background dies mid-send (a service worker stopped by the browser) the port drops and
// the content script aborts before pressing send, instead of sending a message whose sender was
// told it failed.
import browser from 'webextension-polyfill';
import type { DeliverResult, ToContent } from '../shared/protocol';

export const DELIVER_PORT = 'sotto-deliver';
const DELIVER_TIMEOUT_MS = 30_000;

export function deliverToTab(
  tabId: number,
  message: Extract<ToContent, { type: 'composer.deliver' }>,
): Promise<DeliverResult | { ok: false; reason: 'no-tab' }> {
  return new Promise((resolve) => {
    let port: ReturnType<typeof browser.tabs.connect>;
    try {
      port = browser.tabs.connect(tabId, { name: DELIVER_PORT, frameId: 0 });
    } catch {
      resolve({ ok: false, reason: 'no-tab' });
      return;
    }
    const finish = (result: DeliverResult | { ok: false; reason: 'no-tab' }) => {
      clearTimeout(timer);
      resolve(result);
      port.disconnect();
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'no-tab' }), DELIVER_TIMEOUT_MS);
    port.onMessage.addListener((answer: unknown) => {
      const result = answer as DeliverResult | undefined;
      finish(result && typeof result.ok === 'boolean' ? result : { ok: false, reason: 'no-tab' });
    });
    port.onDisconnect.addListener(() => finish({ ok: false, reason: 'no-tab' }));
    port.postMessage(message);
  });
}
