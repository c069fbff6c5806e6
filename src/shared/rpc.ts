// Typed requests from extension frames and pages to the background.
import browser from 'webextension-polyfill';
import { askBackground } from './persist';
import type { Broadcast, Commit, Request, RequestType, ResponseMap } from './protocol';

export function request<T extends RequestType>(
  message: Extract<Request, { type: T }>,
): Promise<ResponseMap[T]> {
  const send = () => browser.runtime.sendMessage(message) as Promise<ResponseMap[T]>;
  return askBackground(message.type, send);
}

/** Called when the background says the lock state (or anything a view shows) changed. */
export function onStateChanged(listener: () => void): () => void {
  const wrapped = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && (message as Broadcast | undefined)?.type === 'state.changed')
      listener();
    return undefined;
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}

/**
 * The background asks the secure composer `handle` whether a send may be clicked (`Commit`).
 * `decide` answers for this composer; commits for other composers are left to them.
 */
export function onCommitAsked(handle: string, decide: (sendId: string) => boolean): () => void {
  const wrapped = (message: unknown, sender: { id?: string }) => {
    const m = message as Partial<Commit> | undefined;
    if (sender.id !== browser.runtime.id || m?.type !== 'composer.commit' || m.handle !== handle)
      return undefined;
    return Promise.resolve(typeof m.sendId === 'string' && decide(m.sendId));
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}
