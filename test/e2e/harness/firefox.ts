// Firefox ESR through puppeteer-core over WebDriver BiDi (there is no geckodriver here). The
// extension is installed as a temporary add-on with a UUID fixed by pref, and x.com /
// keys.openpgp.org reach the local server through a PAC script and a CONNECT proxy.
//
// Firefox's BiDi does not report navigations into moz-extension documents (its NavigationManager
// throws "context is null"), so puppeteer keeps saying 'about:blank' for extension tabs and
// iframes and page.goto() never sees the load. Hence: real URLs come from evaluating
// location.href, and extension pages are opened with a bare BiDi navigate (see navigateAnywhere).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Keyboard, type KeyInput, type Page } from 'puppeteer-core';
import {
  DEFAULT_TIMEOUT_MS,
  type FrameOps,
  makeProfileDir,
  type PageOps,
  pageAdapter,
  poll,
  removeDir,
  step,
  withTimeout,
} from './common.ts';
import { type ConnectProxy, startConnectProxy } from './connect-proxy.ts';
import type { LaunchOptions, TestPage, UserBrowser } from './types.ts';

const MAPPED_HOSTS = ['x.com', 'keys.openpgp.org'];

function prefs(pacScript: string, geckoId: string, uuid: string): Record<string, unknown> {
  return {
    'network.proxy.type': 2,
    'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pacScript)}`,
    // If the proxy fails, fail: never fall back to the real x.com.
    'network.proxy.failover_direct': false,
    'network.trr.mode': 5,
    // The add-on's origin, known before it is installed.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    // Quiet: no first-run pages, telemetry, updates or connectivity probes.
    'browser.aboutwelcome.enabled': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
}

/** Presses a chord like 'Shift+Enter' or 'Control+a' (puppeteer's press() takes one key only). */
async function pressChord(keyboard: Keyboard, chord: string): Promise<void> {
  const [, mods = '', key = chord] = /^((?:(?:Shift|Control|Alt|Meta)\+)*)(.+)$/.exec(chord) ?? [];
  const modifiers = mods.split('+').filter(Boolean) as KeyInput[];
  for (const m of modifiers) await keyboard.down(m);
  try {
    await keyboard.press(key as KeyInput);
  } finally {
    for (const m of modifiers.reverse()) await keyboard.up(m);
  }
}

/** The document's own idea of its URL; puppeteer's frame.url() is stale for extension documents. */
function hrefOf(frame: Frame): Promise<string> {
  return withTimeout(
    'reading location.href',
    2_000,
    frame.evaluate(() => location.href),
  );
}

function frameOps(frame: Frame, label: () => string): FrameOps {
  return {
    get label() {
      return label();
    },
    // Puppeteer's EvaluateFunc typing cannot see through a generic A; the runtime contract is the same.
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      frame.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown) as Promise<T>,
    async waitForSelector(selector, timeoutMs, visible) {
      await frame.waitForSelector(selector, { timeout: timeoutMs, visible });
    },
    click: (selector) => frame.click(selector),
    type: (selector, text) => frame.type(selector, text),
    // Keys go to whatever has focus in the tab, which may be inside a child frame.
    press: (key) => pressChord(frame.page().keyboard, key),
  };
}

/**
 * Navigates a tab to any URL, moz-extension:// included. The BiDi navigate command refuses
 * extension URLs unless Firefox runs with --remote-allow-system-access (we do); puppeteer's own
 * goto() then waits for navigation events that never come, so we call the command underneath
 * (puppeteer's BidiFrame.browsingContext, pinned version) and confirm through the document.
 */
async function navigateAnywhere(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate?: unknown } })
    .browsingContext;
  if (typeof context?.navigate !== 'function') {
    throw new Error('puppeteer internals changed: BidiFrame.browsingContext.navigate is gone');
  }
  await (context.navigate as (url: string, wait: string) => Promise<void>).call(context, url, 'complete');
  await poll(`the tab to show ${url}`, DEFAULT_TIMEOUT_MS, async () => {
    const [href, ready] = await withTimeout(
      'reading location',
      2_000,
      page.evaluate(() => [location.href, document.readyState]),
    );
    return href === url && ready === 'complete' ? true : undefined;
  });
}

function pageOps(page: Page): PageOps & { sync(): Promise<void> } {
  // url() must be synchronous: remember the real href we last read, and trust puppeteer again
  // once its own idea of the URL moves on (i.e. it saw a later navigation).
  let known = { reported: page.url(), href: page.url() };
  const url = () => (page.url() === known.reported ? known.href : page.url());
  const sync = async () => {
    known = { reported: page.url(), href: await hrefOf(page.mainFrame()) };
  };
  return {
    ...frameOps(page.mainFrame(), () => `firefox page ${url()}`),
    sync,
    url,
    async goto(target) {
      if (target.startsWith('moz-extension:')) await navigateAnywhere(page, target);
      else await page.goto(target, { timeout: DEFAULT_TIMEOUT_MS });
      await sync();
    },
    async childFrames() {
      const frames = page.frames().filter((f) => f !== page.mainFrame() && !f.detached);
      const found = await Promise.all(
        frames.map(async (f) => {
          try {
            const href = await hrefOf(f);
            return [{ href, ops: frameOps(f, () => `firefox frame ${href}`) }];
          } catch {
            return []; // detached or mid-navigation: not a frame to act on right now
          }
        }),
      );
      return found.flat();
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

interface BidiSession {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/**
 * Stops the extension's event page the way Firefox does when it is idle (and as about:debugging's
 * "Terminate background script" does): `extension.terminateBackground()`, run in the browser's
 * chrome window. BiDi reaches chrome contexts only with --remote-allow-system-access (we run with
 * it); the session comes from puppeteer's internals (pinned version). Firefox starts the page
 * again on the next event it listens to.
 */
async function terminateBackground(browser: Browser, geckoId: string): Promise<void> {
  const [page] = await browser.pages();
  const context = (
    page?.mainFrame() as unknown as {
      browsingContext?: { userContext?: { browser?: { session?: BidiSession } } };
    }
  )?.browsingContext;
  const session = context?.userContext?.browser?.session;
  if (!session)
    throw new Error('puppeteer internals changed: no BiDi session under BidiFrame.browsingContext');
  const tree = (await session.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: Array<{ context: string; url: string }>;
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('firefox: no chrome window to run terminateBackground() in');
  const answer = (
    await session.send('script.evaluate', {
      expression: `(async () => {
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
        await extension.terminateBackground();
        return extension.backgroundState;
      })()`,
      target: { context: window.context },
      awaitPromise: true,
    })
  ).result as { type: string; result?: { value?: unknown } };
  if (answer.type !== 'success' || answer.result?.value !== 'stopped')
    throw new Error(`firefox: the background did not stop (${JSON.stringify(answer)})`);
}

async function geckoIdOf(extensionDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8'));
  const id: unknown = manifest?.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string')
    throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchFirefox(opts: LaunchOptions): Promise<UserBrowser> {
  const geckoId = await geckoIdOf(opts.extensionDir);
  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;
  const profile = await makeProfileDir('firefox');
  let proxy: ConnectProxy | undefined;
  let browser: Browser | undefined;
  const shutdown = async () => {
    await browser?.close().catch(() => {});
    await proxy?.close();
    await removeDir(profile);
  };
  try {
    proxy = await startConnectProxy(MAPPED_HOSTS, opts.serverPort);
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      // Lets BiDi navigate tabs to moz-extension:// pages (openExtensionPage); test-only browser.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: prefs(proxy.pacScript, geckoId, uuid),
    });
    const b = browser;
    const installed = await step('firefox: installing the extension', () =>
      b.installExtension(opts.extensionDir),
    );
    if (installed !== geckoId) throw new Error(`firefox installed ${installed}, expected ${geckoId}`);

    const wrap = async (page: Page): Promise<TestPage> => {
      const ops = pageOps(page);
      await ops.sync();
      return pageAdapter(ops, extensionOrigin);
    };
    const newPage = async (url?: string) => {
      const page = await wrap(await b.newPage());
      if (url !== undefined) await page.goto(url);
      return page;
    };

    return {
      kind: 'firefox',
      extensionOrigin,
      newPage,
      async waitForPage(predicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
        const page = await poll('a firefox tab whose URL matches', timeoutMs, async () => {
          for (const p of await b.pages()) {
            const href = await hrefOf(p.mainFrame()).catch(() => p.url());
            if (predicate(href)) return p;
          }
          return undefined;
        });
        return wrap(page);
      },
      openExtensionPage: (path) => newPage(`${extensionOrigin}/${path.replace(/^\//, '')}`),
      stopBackground: () => terminateBackground(b, geckoId),
      close: shutdown,
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
