// UI strings come from _locales (the browser picks the user's language). Keys are typed from the
// English catalogue so a missing string is a compile error.
import browser from 'webextension-polyfill';
import type catalogue from '../../extension/public/_locales/en/messages.json';

export type MessageKey = keyof typeof catalogue;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
