// The content script's line to the background. It uses the browser's own `chrome`/`browser`
// object directly (no polyfill) to keep this bundle small; both browsers return promises from
// runtime.sendMessage in MV3.
import { askBackground } from '../shared/persist';
import type {
  DeliverHandshake,
  DeliverResult,
  Request,
  RequestType,
  ResponseMap,
  ToContent,
} from '../shared/protocol';

interface MinimalRuntime {
  id: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(
      listener: (
        message: unknown,
        sender: { id?: string },
        sendResponse: (r: unknown) => void,
      ) => boolean | undefined,
    ): void;
  };
}

interface MinimalPort {
  name: string;
  sender?: { id?: string };
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

interface MinimalI18n {
  getMessage(key: string, substitutions?: string | string[]): string;
}

const ext = ((globalThis as { browser?: unknown }).browser ??
  (globalThis as { chrome?: unknown }).chrome) as {
  runtime: MinimalRuntime & { onConnect: { addListener(listener: (port: MinimalPort) => void): void } };
  i18n: MinimalI18n;
};

// A background that does not answer `ready` within this is taken as hung: no click.
const GO_AHEAD_TIMEOUT_MS = 5000;

/**
 * Deliveries arrive over a port from the background (name 'sotto-deliver'). `mayClick()` asks the
 * background for the go-ahead (DeliverHandshake); it is false if the background goes away, hangs
 * or says stop, and the delivery must then stop before sending.
 */
export function onDelivery(
  listener: (
    message: Extract<ToContent, { type: 'composer.deliver' }>,
    mayClick: () => Promise<boolean>,
  ) => Promise<DeliverResult>,
): void {
  ext.runtime.onConnect.addListener((port) => {
    if (port.name !== 'sotto-deliver' || port.sender?.id !== ext.runtime.id) return;
    let gone = false;
    let answer: ((go: boolean) => void) | null = null;
    const settle = (go: boolean) => {
      answer?.(go);
      answer = null;
    };
    port.onDisconnect.addListener(() => {
      gone = true;
      settle(false);
    });
    const mayClick = () =>
      new Promise<boolean>((resolve) => {
        if (gone) return resolve(false);
        const timer = setTimeout(() => settle(false), GO_AHEAD_TIMEOUT_MS);
        answer = (go) => {
          clearTimeout(timer);
          resolve(go && !gone);
        };
        port.postMessage({ type: 'ready' } satisfies DeliverHandshake);
      });
    port.onMessage.addListener((raw) => {
      const type = (raw as { type?: unknown } | null)?.type;
      if (type === 'go' || type === 'stop') return settle(type === 'go');
      if (!isToContent(raw) || raw.type !== 'composer.deliver') return;
      void listener(raw, mayClick).then((result) => {
        if (!gone) port.postMessage(result);
      });
    });
  });
}

export function request<T extends RequestType>(
  message: Extract<Request, { type: T }>,
): Promise<ResponseMap[T]> {
  const send = () => ext.runtime.sendMessage(message) as Promise<ResponseMap[T]>;
  return askBackground(message.type, send);
}

export function extensionUrl(path: string): string {
  return ext.runtime.getURL(path);
}

export function message(key: string, substitutions?: string | string[]): string {
  return ext.i18n.getMessage(key, substitutions) || key;
}

/** Messages from our own background only (sender.id is set by the browser). */
export function onBackgroundMessage(listener: (message: ToContent) => Promise<unknown> | undefined): void {
  ext.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (sender.id !== ext.runtime.id || !isToContent(raw)) return undefined;
    const pending = listener(raw);
    if (!pending) return undefined;
    pending.then(sendResponse, () => sendResponse(undefined));
    return true;
  });
}

function isToContent(raw: unknown): raw is ToContent {
  if (!raw || typeof raw !== 'object') return false;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'composer.deliver':
      return (
        typeof m.composerHandle === 'string' &&
        typeof m.ciphertext === 'string' &&
        (m.kind === 'message' || m.kind === 'key-request' || m.kind === 'key-card')
      );
    case 'frame.resize':
      return typeof m.handle === 'string' && typeof m.height === 'number';
    case 'state.changed':
      return true;
    default:
      return false;
  }
}
