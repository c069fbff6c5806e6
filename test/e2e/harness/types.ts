// The driver-neutral API that e2e tests use. Each browser has its own automation library
// (playwright-core for Chromium, puppeteer-core over WebDriver BiDi for Firefox ESR); tests see
// only these interfaces so the same scenario runs in both.

export type BrowserKind = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** An unpacked extension build for this browser (its manifest.json at the top). */
  extensionDir: string;
  /** Port of the local HTTPS server on 127.0.0.1; x.com and keys.openpgp.org are routed to it. */
  serverPort: number;
}

export interface UserBrowser {
  kind: BrowserKind;
  /** 'chrome-extension://<id>' or 'moz-extension://<uuid>', no trailing slash. */
  extensionOrigin: string;
  /** Opens a new tab, optionally navigated to `url`. */
  newPage(url?: string): Promise<TestPage>;
  /** Resolves with an open tab whose URL satisfies `predicate` (polls, so tabs opened later count). */
  waitForPage(predicate: (url: string) => boolean, timeoutMs?: number): Promise<TestPage>;
  /** Opens `${extensionOrigin}/${path}` in a new tab, also non-web-accessible pages like options.html. */
  openExtensionPage(path: string): Promise<TestPage>;
  /** Chromium only: stops the extension's service worker so tests can check it revives. */
  stopServiceWorker?(): Promise<void>;
  /** Closes the browser and its helpers, and removes the profile directory. */
  close(): Promise<void>;
}

export interface TestFrameLike {
  /** Runs `fn` in the frame's page world (an extension page's world has `chrome`/`browser`). */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitForSelector(selector: string, opts?: { timeoutMs?: number; visible?: boolean }): Promise<void>;
  /** A real (input-level) mouse click at the element's centre, after waiting for it to be visible. */
  click(selector: string): Promise<void>;
  /**
   * Focuses the element, then types `text` as real key events. Text only: a '\n' or '\r' throws,
   * because what a newline should be (Enter sends on X, Shift+Enter breaks the line) is the
   * caller's decision; use press('Shift+Enter') or press('Enter') between type() calls.
   */
  type(selector: string, text: string): Promise<void>;
  /** Presses a key or chord on whatever has focus, e.g. 'Enter', 'Shift+Enter', 'Control+a'. */
  press(key: string): Promise<void>;
  /** The element's innerText. */
  text(selector: string): Promise<string>;
}

export interface TestPage extends TestFrameLike {
  url(): string;
  goto(url: string): Promise<void>;
  /** Child frames whose document is on the extension origin (whatever the driver says their URL is). */
  extensionFrames(): Promise<TestFrameLike[]>;
  /** Waits for an extension child frame whose pathname starts with `pathPrefix` (and `match`, if given). */
  waitForExtensionFrame(
    pathPrefix: string,
    opts?: { timeoutMs?: number; match?: (href: string) => boolean },
  ): Promise<TestFrameLike>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}
