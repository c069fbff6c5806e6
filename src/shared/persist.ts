// Asking the background, and again when it does not answer. In Chromium a request to the extension's
// service worker was seen never to settle (no answer, no error; cause not pinned down), so a request
// that is safe to repeat is sent again after a pause. The first answer from any attempt
// wins, so a background that is merely slow is not asked more than it needs to be.
import { REPEATABLE_REQUESTS, type RequestType } from './protocol';

/** The pause after each attempt before the next; after the last, the request is given up. */
const PAUSES_MS: readonly number[] = [2_000, 3_000, 5_000, 10_000];
/** A request that must not be repeated is given up after this long, so no view waits forever. */
const ONCE_LIMIT_MS = 60_000;
/** After a rejection (no receiver yet, port closed), the next attempt comes sooner. */
const AFTER_ERROR_MS = 500;

export class NotAnswering extends Error {
  constructor() {
    super('The background did not answer');
    this.name = 'NotAnswering';
  }
}

/**
 * Resolves with the first answer of up to `pauses.length` calls of `send`. Rejects with the last
 * error, or `NotAnswering` if the last pause ran out with no answer.
 */
export function persistently<T>(send: () => Promise<T>, pauses = PAUSES_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let started = 0;
    let pending = 0;
    let lastError: unknown = new NotAnswering();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const settle = (how: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      how();
    };
    const giveUp = () => settle(() => reject(lastError));
    const schedule = (ms: number, next: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(next, ms);
    };
    const attempt = () => {
      if (settled) return;
      schedule(pauses[started] ?? 0, started === pauses.length - 1 ? giveUp : attempt);
      started += 1;
      pending += 1;
      send().then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => {
          lastError = error;
          pending -= 1;
          if (settled || pending > 0) return; // an earlier attempt may still answer
          if (started < pauses.length) schedule(AFTER_ERROR_MS, attempt);
          else giveUp();
        },
      );
    };
    attempt();
  });
}

/** Sends a request of this type the way its kind allows: repeatable ones persistently, others once. */
export function askBackground<T>(type: RequestType, send: () => Promise<T>): Promise<T> {
  return persistently(send, REPEATABLE_REQUESTS.has(type) ? PAUSES_MS : [ONCE_LIMIT_MS]);
}
