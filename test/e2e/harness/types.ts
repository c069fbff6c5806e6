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
  /**
   * Stops the extension's background as the browser does when it is idle (Chromium's service
   * worker, Firefox's event page); it starts again on the next event.
   */
  stopBackground(): Promise<void>;
  /**
   * Chromium only: makes the service worker hang, its event loop blocked for `ms` (a long task, as
   * a stuck extension would have); returns once the hang has begun. Firefox runs the event page on
   * a thread it shares with the rest of the add-on and more (blocking it stalled x.com's own
   * timers too), so there a hang is not the background's alone and the harness offers none.
   */
  freezeBackground?(ms: number): Promise<void>;
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
