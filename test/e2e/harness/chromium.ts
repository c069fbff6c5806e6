// Chromium through playwright-core: a persistent context (extensions need one) with the unpacked
// extension loaded, and x.com / keys.openpgp.org resolved to the local server by the host resolver.
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import {
  DEFAULT_TIMEOUT_MS,
  type FrameOps,
  makeProfileDir,
  type PageOps,
  pageAdapter,
  poll,
  removeDir,
  step,
} from './common.ts';
import type { LaunchOptions, TestPage, UserBrowser } from './types.ts';

// Running as root in a container: no sandbox, no GPU; and nothing that talks to Google.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function frameOps(frame: Frame): FrameOps {
  return {
    get label() {
      return `chromium frame ${frame.url()}`;
    },
    // Playwright's Unboxed<Arg> typing cannot see through a generic A; the runtime contract is the same.
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      frame.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
    async waitForSelector(selector, timeoutMs, visible) {
      await frame.waitForSelector(selector, { timeout: timeoutMs, state: visible ? 'visible' : 'attached' });
    },
    click: (selector) => frame.click(selector, { timeout: DEFAULT_TIMEOUT_MS }),
    // frame.type focuses through the protocol, which also works in out-of-process iframes.
    type: (selector, text) => frame.type(selector, text, { timeout: DEFAULT_TIMEOUT_MS }),
    // Keys go to whatever has focus in the tab, which may be inside a child frame.
    press: (key) => frame.page().keyboard.press(key),
  };
}

function pageOps(page: Page): PageOps {
  return {
    ...frameOps(page.mainFrame()),
    get label() {
      return `chromium page ${page.url()}`;
    },
    url: () => page.url(),
    async goto(url) {
      await page.goto(url, { timeout: DEFAULT_TIMEOUT_MS });
    },
    // Playwright reports real URLs for out-of-process extension frames, so no evaluate is needed.
    childFrames: async () =>
      page
        .frames()
        .filter((f) => f !== page.mainFrame() && !f.isDetached())
        .map((f) => ({ href: f.url(), ops: frameOps(f) })),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

/** Runs in the background: a long task starts right after this returns, and blocks for `ms`. */
function blockEventLoop(ms: number): void {
  setTimeout(() => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      // busy: nothing else runs on this thread meanwhile
    }
  }, 50);
}

export async function launchChromium(opts: LaunchOptions): Promise<UserBrowser> {
  const { extensionDir: ext, serverPort: port } = opts;
  const profile = await makeProfileDir('chromium');
  let ctx: BrowserContext | undefined;
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        ...FLAGS,
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
        `--host-resolver-rules=MAP x.com 127.0.0.1:${port}, MAP keys.openpgp.org 127.0.0.1:${port}`,
        '--ignore-certificate-errors',
      ],
    });
    const context = ctx;
    const isOurs = (url: string) => url.startsWith('chrome-extension://');
    const worker = await step('chromium: waiting for the extension service worker', async () => {
      const existing = context.serviceWorkers().find((w) => isOurs(w.url()));
      return (
        existing ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => isOurs(w.url()),
          timeout: DEFAULT_TIMEOUT_MS,
        }))
      );
    });
    // Node's URL gives origin "null" for non-special schemes, so build it by hand.
    const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    const wrap = (page: Page): TestPage => pageAdapter(pageOps(page), extensionOrigin);

    const newPage = async (url?: string) => {
      const page = wrap(await context.newPage());
      if (url !== undefined) await page.goto(url);
      return page;
    };

    return {
      kind: 'chromium',
      extensionOrigin,
      newPage,
      async waitForPage(predicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
        const page = await poll('a chromium tab whose URL matches', timeoutMs, async () =>
          context.pages().find((p) => predicate(p.url())),
        );
        return wrap(page);
      },
      // Chromium lets automation navigate a tab straight to any extension page.
      openExtensionPage: (path) => newPage(`${extensionOrigin}/${path.replace(/^\//, '')}`),
      async stopBackground() {
        // The ServiceWorker domain acts on the profile's storage partition, so a session on any
        // tab reaches the extension's worker. Its version events, not Playwright's worker 'close'
        // event, tell us when the worker has really stopped. A pending extension event (a page
        // saving a draft, say) may start it again at once: seeing 'stopped' once is what counts.
        const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
        let stopped = false;
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          for (const v of versions) {
            if (v.scriptURL.startsWith(extensionOrigin) && v.runningStatus === 'stopped') stopped = true;
          }
        });
        try {
          await cdp.send('ServiceWorker.enable');
          await cdp.send('ServiceWorker.stopAllWorkers');
          await poll('the chromium extension service worker to stop', DEFAULT_TIMEOUT_MS, async () =>
            stopped ? true : undefined,
          );
        } finally {
          await cdp.detach().catch(() => {});
        }
      },
      async freezeBackground(ms) {
        const worker = context
          .serviceWorkers()
          .filter((w) => isOurs(w.url()))
          .at(-1);
        if (!worker) throw new Error('chromium: no running extension service worker to freeze');
        await worker.evaluate(blockEventLoop, ms);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the block starts 50 ms in
      },
      async close() {
        await context.close().catch(() => {});
        await removeDir(profile);
      },
    };
  } catch (error) {
    await ctx?.close().catch(() => {});
    await removeDir(profile);
    throw error;
  }
}
