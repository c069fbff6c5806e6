// Handing ciphertext to a tab's content script to insert and send. It goes over a port, so that
// if this background dies mid-send (a service worker or event page stopped by the browser) the
// port drops and the content script aborts before pressing send. Before the click the content
// script asks for a go-ahead on the port (DeliverHandshake), which needs this background alive
// and `commit()` to agree.
import browser from 'webextension-polyfill';
import type { DeliverHandshake, DeliverResult, ToContent } from '../shared/protocol';

export const DELIVER_PORT = 'sotto-deliver';
// Longer than the content script's worst case (button wait, go-ahead, confirmation), shorter than
// the composer's own patience, so a living background always answers first.
const DELIVER_TIMEOUT_MS = 20_000;

type Outcome = DeliverResult | { ok: false; reason: 'no-tab' };

export function deliverToTab(
  tabId: number,
  message: Extract<ToContent, { type: 'composer.deliver' }>,
  commit: () => Promise<boolean>,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let port: ReturnType<typeof browser.tabs.connect>;
    try {
      port = browser.tabs.connect(tabId, { name: DELIVER_PORT, frameId: 0 });
    } catch {
      resolve({ ok: false, reason: 'no-tab' });
      return;
    }
    let done = false;
    const finish = (result: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
      port.disconnect();
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'no-tab' }), DELIVER_TIMEOUT_MS);
    port.onMessage.addListener((answer: unknown) => {
      if ((answer as DeliverHandshake | undefined)?.type === 'ready') {
        void commit()
          .catch(() => false)
          .then((go) => {
            if (!done) port.postMessage({ type: go ? 'go' : 'stop' } satisfies DeliverHandshake);
          });
        return;
      }
      const result = answer as DeliverResult | undefined;
      finish(result && typeof result.ok === 'boolean' ? result : { ok: false, reason: 'no-tab' });
    });
    port.onDisconnect.addListener(() => finish({ ok: false, reason: 'no-tab' }));
    port.postMessage(message);
  });
}
