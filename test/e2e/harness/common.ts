// What both drivers share: timeouts, polling, error context, and the adapters that turn a small
// per-driver "ops" object into the public TestFrameLike/TestPage. Each driver file then only says
// how to do the primitive thing with its library.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserKind, TestFrameLike, TestPage } from './types.ts';

export const DEFAULT_TIMEOUT_MS = 20_000;

export function makeProfileDir(kind: BrowserKind): Promise<string> {
  return mkdtemp(join(tmpdir(), `sotto-e2e-${kind}-`));
}

export async function removeDir(dir: string): Promise<void> {
  // Browsers can still be flushing files for a moment after exit; retry rather than leak the dir.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Re-throws with what we were doing in front, so a failing e2e test says what it waited for. */
export async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new Error(`${what}: ${message(error)}`, { cause: error });
  }
}

/** Calls `probe` every 100 ms until it returns a value; errors from `probe` count as "not yet". */
export async function poll<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError === undefined ? '' : ` (last error: ${message(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(100);
  }
}

/** Rejects after `ms`; for driver calls that can hang (e.g. evaluating in a frame mid-navigation). */
export function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The primitives a driver provides for one frame (a page's main frame included). */
export interface FrameOps {
  /** Names the frame in error messages, e.g. 'chromium frame chrome-extension://…/frame.html'. */
  label: string;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  waitForSelector(selector: string, timeoutMs: number, visible: boolean): Promise<void>;
  /** Called after the element is visible. */
  click(selector: string): Promise<void>;
  /** Focus the element and type; called after the element is visible and `text` is newline-free. */
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
}

export interface PageOps extends FrameOps {
  url(): string;
  goto(url: string): Promise<void>;
  /** Child frames (any depth) with the href their document reports; drivers skip frames that error. */
  childFrames(): Promise<Array<{ href: string; ops: FrameOps }>>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export function frameAdapter(ops: FrameOps): TestFrameLike {
  const waitFor = (selector: string, timeoutMs = DEFAULT_TIMEOUT_MS, visible = false) =>
    step(`${ops.label}: waiting ${timeoutMs} ms for selector ${JSON.stringify(selector)}`, () =>
      ops.waitForSelector(selector, timeoutMs, visible),
    );
  return {
    evaluate: <T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A) =>
      step(`${ops.label}: evaluate`, () => ops.evaluate(fn, arg as A)),
    waitForSelector: (selector, opts) => waitFor(selector, opts?.timeoutMs, opts?.visible ?? false),
    async click(selector) {
      await waitFor(selector, DEFAULT_TIMEOUT_MS, true);
      await step(`${ops.label}: click ${JSON.stringify(selector)}`, () => ops.click(selector));
    },
    async type(selector, text) {
      if (/[\r\n]/.test(text)) {
        throw new Error(`type() types text only; send newlines with press('Shift+Enter') or press('Enter')`);
      }
      await waitFor(selector, DEFAULT_TIMEOUT_MS, true);
      await step(`${ops.label}: type into ${JSON.stringify(selector)}`, () => ops.type(selector, text));
    },
    press: (key) => step(`${ops.label}: press ${JSON.stringify(key)}`, () => ops.press(key)),
    async text(selector) {
      await waitFor(selector);
      return step(`${ops.label}: innerText of ${JSON.stringify(selector)}`, () =>
        ops.evaluate((sel) => {
          const el = document.querySelector(sel);
          if (!(el instanceof HTMLElement)) throw new Error(`no HTMLElement matches ${sel}`);
          // biome-ignore lint/performance/useDomNodeTextContent: tests assert on rendered text, as a user reads it.
          return el.innerText;
        }, selector),
      );
    },
  };
}

export function pageAdapter(ops: PageOps, extensionOrigin: string): TestPage {
  const extensionFrames = async () =>
    (await ops.childFrames()).filter((f) => f.href.startsWith(`${extensionOrigin}/`));
  return {
    ...frameAdapter(ops),
    url: () => ops.url(),
    goto: (url) => step(`${ops.label}: goto ${url}`, () => ops.goto(url)),
    extensionFrames: async () => (await extensionFrames()).map((f) => frameAdapter(f.ops)),
    async waitForExtensionFrame(pathPrefix, opts) {
      const timeoutMs = opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const found = await poll(`an extension frame ${pathPrefix}* in ${ops.label}`, timeoutMs, async () =>
        (await extensionFrames()).find(
          (f) => new URL(f.href).pathname.startsWith(pathPrefix) && (opts?.match?.(f.href) ?? true),
        ),
      );
      return frameAdapter(found.ops);
    },
    screenshot: (path) => step(`${ops.label}: screenshot`, () => ops.screenshot(path)),
    close: () => ops.close(),
  };
}
