// Background entry: the only context that holds private keys. Listeners are registered
// synchronously at top level so a restarted service worker / event page receives the event that woke it.
import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import * as handles from './handles';
import { notifyStateChanged } from './notify';
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

// Frames, pages and content scripts refresh when the lock state changes.
vault.onVaultChange(notifyStateChanged);

void restrictSessionStorage();
