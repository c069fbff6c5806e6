// Tell every frame, extension page and x.com tab that something they show may have changed
// (lock state, a key, a conversation's seal); each re-asks the background for what it needs.
import browser from 'webextension-polyfill';
import type { Broadcast } from '../shared/protocol';

export function notifyStateChanged(): void {
  const message: Broadcast = { type: 'state.changed' };
  browser.runtime.sendMessage(message).catch(() => {});
  browser.tabs
    .query({ url: 'https://x.com/*' })
    .then((tabs) => {
      for (const tab of tabs)
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
    })
    .catch(() => {});
}
