// Self-test of the e2e browser harness against a throwaway extension and server, in both
// browsers: if this passes, failures in the real e2e tests are about Sotto, not the plumbing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from './harness/common.ts';
import { browserKinds, launchUser, type TestFrameLike, type UserBrowser } from './harness/index.ts';
import { writeSelftestExtension } from './harness/selftest/extension.ts';
import { type SelftestServer, startSelftestServer } from './harness/selftest/server.ts';

// The slice of the extension API the frame's own script world sees; only used inside evaluate().
type Pong = { reply: string; boot: string };
type ExtensionGlobal = { chrome: { runtime: { sendMessage(message: string): Promise<Pong> } } };

/** Asks the extension's background for a pong, from an extension page or frame. */
function ping(frame: TestFrameLike): Promise<Pong> {
  return frame.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage('ping'));
}

describe.each(browserKinds)('harness in %s', (kind) => {
  let server: SelftestServer;
  let extensionDir: string;
  let user: UserBrowser;

  beforeAll(async () => {
    [server, extensionDir] = await Promise.all([startSelftestServer(), writeSelftestExtension(kind)]);
    user = await launchUser(kind, { extensionDir, serverPort: server.port });
  });

  afterAll(async () => {
    await user?.close();
    await server?.close();
    if (extensionDir) await removeDir(extensionDir);
  });

  it('knows the extension origin and catches the options page the extension opens on install', async () => {
    expect(user.extensionOrigin).toMatch(/^(chrome|moz)-extension:\/\/[0-9a-z-]+$/);
    const options = await user.waitForPage((url) => url.startsWith(`${user.extensionOrigin}/options.html`));
    expect(await options.text('#title')).toBe('Self-test options');
  });

  it('loads x.com from the local server and drives the extension iframe with real input', async () => {
    const page = await user.newPage('https://x.com/');
    expect(page.url()).toBe('https://x.com/');
    expect(await page.text('#hello')).toBe('fake x.com');
    expect(await page.evaluate(() => document.documentElement.dataset.selftestCs)).toBe('ran');

    const frame = await page.waitForExtensionFrame('/frame.html', {
      match: (href) => href.endsWith('?from=cs'),
    });
    expect(await page.extensionFrames()).toHaveLength(1);
    await frame.click('#btn');
    expect(await frame.text('#btn')).toBe('clicked'); // the frame only accepts trusted clicks

    await frame.type('#inp', 'hello sotto');
    await frame.press('Shift+Enter');
    expect(await frame.text('#out')).toBe('hello sotto');
    expect(await frame.text('#keys')).toBe('[shift-enter]');
    await expect(frame.type('#inp', 'a\nb')).rejects.toThrow(/text only/);

    // The real extension's frames reach the background through runtime messaging.
    expect(await ping(frame)).toMatchObject({ reply: 'pong' });
    await page.close();
  });

  it('routes keys.openpgp.org to the local server', async () => {
    const page = await user.newPage('https://x.com/');
    const body = await page.evaluate(async () => {
      const res = await fetch('https://keys.openpgp.org/vks/v1/by-fingerprint/ABCD');
      return res.text();
    });
    expect(body).toBe('keyserver saw /vks/v1/by-fingerprint/ABCD');
    expect(server.requests).toContain('keys.openpgp.org /vks/v1/by-fingerprint/ABCD');
    await page.close();
  });

  it('opens a non-web-accessible extension page', async () => {
    const options = await user.openExtensionPage('options.html');
    expect(options.url()).toBe(`${user.extensionOrigin}/options.html`);
    expect(await options.text('#title')).toBe('Self-test options');
    await options.close();
  });

  it('revives the background after it is stopped', async () => {
    const page = await user.openExtensionPage('options.html');
    const before = await ping(page);
    await user.stopBackground();
    const after = await ping(page);
    expect(after).toMatchObject({ reply: 'pong' });
    expect(after.boot).not.toBe(before.boot); // a new background answered
    await page.close();
  });
});
