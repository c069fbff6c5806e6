// Background entry: the only context that holds private keys. Listeners are registered
// synchronously at top level so a restarted service worker / event page receives the event that woke it.
import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import type { Broadcast } from '../shared/protocol';
import * as handles from './handles';
import { route } from './router';
import { restrictSessionStorage } from './store';
import * as vault from './vault';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender),
);

browser.alarms.onAlarm.addListener((alarm) => vault.handleAlarm(alarm));

browser.tabs.onRemoved.addListener((tabId) => handles.forgetTab(tabId));

// Onboarding: open the options page on first install.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason === 'install') await browser.runtime.openOptionsPage();
});

// Tell frames, pages and content scripts when the lock state changes so they refresh.
vault.onVaultChange(() => {
  const message: Broadcast = { type: 'state.changed' };
  browser.runtime.sendMessage(message).catch(() => {});
  browser.tabs
    .query({ url: 'https://x.com/*' })
    .then((tabs) => {
      for (const tab of tabs)
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
    })
    .catch(() => {});
});

void restrictSessionStorage();
