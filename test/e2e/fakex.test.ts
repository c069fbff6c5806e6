import { request } from 'node:https';
import * as openpgp from 'openpgp';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../fakex/server.ts';

// Self-test of the fake x.com: it must behave like the real site where the extension depends on it.

let fx: FakeX;
let browser: Browser;
const contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
let conv: string;

const COMPOSER = '[data-testid="dmComposerTextInput"]';
const SEND = 'button[data-testid="dmComposerSendButton"]';

async function loginPage(handle: string, path: string): Promise<Page> {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`https://x.com/__login?as=${handle}&next=${encodeURIComponent(path)}`);
  return page;
}

/** Straight to the local keyserver from Node (the fake's certificate is self-signed). */
function vks(method: string, path: string, body?: unknown) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: fx.port,
          servername: 'keys.openpgp.org',
          method,
          path,
          headers: { host: 'keys.openpgp.org', 'content-type': 'application/json' },
          rejectUnauthorized: false,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    },
  );
}

const CHAT_SEND = 'form[data-testid="dm-composer-form"] button[data-testid="dm-composer-send-button"]';

/** What an adapter does to a React textarea: the prototype's value setter, then `input`. */
const setNative = (area: Locator, value: string) =>
  area.evaluate((el: HTMLTextAreaElement, v) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);

/** A synthetic paste into the focused DraftJS editor, as an adapter does. */
async function paste(editor: Locator, text: string) {
  await editor.focus();
  await editor.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Last message text as the page shows it, read from the tweetText runs. */
const lastMessageText = (page: Page) =>
  page.locator('[data-testid="tweetText"]').last().textContent({ timeout: 5000 });

beforeAll(async () => {
  fx = await startFakeX();
  conv = fx.conversationId(['alice', 'bob']);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP x.com 127.0.0.1:${fx.port}, MAP keys.openpgp.org 127.0.0.1:${fx.port}`,
      '--ignore-certificate-errors',
    ],
  });
  [alice, bob] = await Promise.all([
    loginPage('alice', `/messages/${conv}`),
    loginPage('bob', `/messages/${conv}`),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await fx?.close();
});

describe('fake x.com', () => {
  it('serves the classic DM page with X’s structure and a nonce CSP', async () => {
    expect(conv).toBe('1001-1002');
    const res = await alice.reload();
    const policy = res?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("frame-src 'self'");
    const section = alice.locator('section[aria-labelledby="detail-header"]');
    await expect
      .poll(() => section.locator('a[data-testid="DM_Conversation_Avatar"]').getAttribute('href'))
      .toBe('/bob');
    await expect.poll(() => alice.locator('#detail-header').textContent()).toBe('Bob');
    const card = section.locator(
      '[data-testid="DmActivityContainer"] [data-testid="DmActivityViewport"] [data-testid="DmScrollerContainer"] > [data-testid="cellInnerDiv"]',
    );
    await expect
      .poll(() => card.first().locator('[data-testid="UserDescription"]').textContent())
      .toBe('Cyclist and occasional baker.');
    expect(await card.first().locator('a[href="https://x.com/bob"]').count()).toBe(1);
    const editor = alice.locator(COMPOSER);
    expect(await editor.getAttribute('role')).toBe('textbox');
    expect(await editor.getAttribute('aria-multiline')).toBe('true');
    expect(await editor.getAttribute('class')).toContain('public-DraftEditor-content');
    expect(
      await alice.locator('[data-testid="dmComposerTextInputRichTextInputContainer"]').textContent(),
    ).toContain('Start a new message');
    expect(await alice.locator(SEND).getAttribute('aria-label')).toBe('Send');
    expect(await alice.locator('#layers').count()).toBe(1);
  });

  it('keeps Send disabled when only the DOM is written, as DraftJS does', async () => {
    await alice.locator(COMPOSER).evaluate((el) => {
      el.textContent = 'written behind DraftJS’s back';
    });
    await alice.waitForTimeout(100);
    expect(await alice.locator(SEND).isDisabled()).toBe(true);
    await alice.reload();
    await alice.locator(COMPOSER).waitFor();
  });

  it('sends typed text on Enter, Shift+Enter makes a newline, the backend records the body', async () => {
    const editor = alice.locator(COMPOSER);
    await editor.click();
    expect(await alice.locator(SEND).isDisabled()).toBe(true);
    await alice.keyboard.type('first line');
    expect(await alice.locator(SEND).isEnabled()).toBe(true);
    await alice.keyboard.press('Shift+Enter');
    await alice.keyboard.type('second line');
    await alice.keyboard.press('Enter');
    await expect.poll(() => fx.messages(conv).map((m) => m.text)).toEqual(['first line\nsecond line']);
    expect(await alice.locator(SEND).isDisabled()).toBe(true);
    expect((await editor.textContent())?.trim()).toBe('');
    const post = fx.requests.find((r) => r.method === 'POST' && r.url === '/i/api/1.1/dm/new2.json');
    expect(JSON.parse(post!.body)).toMatchObject({ conversation_id: conv, text: 'first line\nsecond line' });
    expect(fx.recordedText()).toContain('second line');
    await expect.poll(() => lastMessageText(bob)).toBe('first line\nsecond line');
  });

  it('accepts a synthetic paste into the editor state and sends it exactly', async () => {
    const b64 = Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 73 + 11) % 256)).toString('base64');
    await alice.locator(COMPOSER).focus();
    await alice.locator(COMPOSER).evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, b64);
    await expect.poll(() => alice.locator(SEND).isEnabled()).toBe(true);
    await alice.locator(SEND).click();
    await expect.poll(() => fx.messages(conv).at(-1)?.text).toBe(b64);
    // Bob reads it through X's message structure.
    const text = bob
      .locator(
        '[data-testid="cellInnerDiv"] [data-testid="messageEntry"][aria-expanded="false"][tabindex="0"] [data-testid="DMCompositeMessage"] [data-testid="tweetText"][dir="auto"]',
      )
      .last();
    await expect.poll(() => text.textContent()).toBe(b64);
    const style = await text.evaluate((el) => {
      const s = getComputedStyle(el);
      return { ws: s.whiteSpace, wb: s.wordBreak, spans: el.querySelectorAll(':scope > span').length };
    });
    expect(style).toEqual({ ws: 'pre-wrap', wb: 'break-word', spans: 1 });
  });

  it('renders emoji, links and mentions like X, with direction expressed only by style', async () => {
    const editor = alice.locator(COMPOSER);
    await editor.click();
    await alice.keyboard.type(
      'hi 😀 see https://example.com/a/very/long/path/to/somewhere @carol #tea $BTC   ',
    );
    await alice.keyboard.press('Enter');
    const msg = bob.locator('[data-testid="tweetText"]').last();
    await expect.poll(() => msg.locator('img').getAttribute('alt')).toBe('😀');
    expect(await msg.locator('img').getAttribute('src')).toBe('/emoji/v2/svg/1f600.svg');
    const link = msg.locator('a[href^="https://t.co/"]');
    expect(await link.count()).toBe(1);
    expect(await link.textContent()).toBe('https://example.com/a/very/long/path/to/somewhere…');
    expect(await link.locator('span[aria-hidden="true"]').allTextContents()).toEqual([
      'https://',
      'ath/to/somewhere',
      '…',
    ]);
    expect(await msg.locator('a[href="/carol"]').textContent()).toBe('@carol');
    expect(await msg.locator('a[href^="/hashtag/tea"]').count()).toBe(1);
    expect(await msg.locator('a[href^="/search?q=%24BTC"]').count()).toBe(1);
    // textContent loses the emoji and gains the "…"; trailing whitespace is trimmed.
    expect(await msg.textContent()).toBe(
      'hi  see https://example.com/a/very/long/path/to/somewhere… @carol #tea $BTC',
    );
    const align = (page: Page) =>
      page
        .locator('[data-testid="messageEntry"]')
        .last()
        .evaluate((el) => [getComputedStyle(el).alignItems, el.getAttribute('style')]);
    expect(await align(alice)).toEqual(['flex-end', null]);
    expect(await align(bob)).toEqual(['flex-start', null]);
    const reversed = await bob
      .locator('[data-testid="messageEntry"]')
      .last()
      .evaluate((el) =>
        [...el.querySelectorAll('div')].some((d) => getComputedStyle(d).flexDirection === 'row-reverse'),
      );
    expect(reversed).toBe(true);
    expect(await alice.locator('[data-testid="messageEntry"]').last().locator('svg').count()).toBe(1);
  });

  it('shows the inbox and profiles, and saves the bio only through the native setter', async () => {
    await bob.locator('a[data-testid="AppTabBar_DirectMessage_Link"]').click();
    const item = bob.locator('div[data-testid="conversation"]').first();
    await expect.poll(() => item.textContent()).toContain('@alice');
    expect(await item.getAttribute('aria-selected')).toBe('false');
    await item.click();
    await expect.poll(() => bob.url()).toBe(`https://x.com/messages/${conv}`);
    expect(await bob.locator('div[data-testid="conversation"][aria-selected="true"]').count()).toBe(1);

    await bob.locator('a[data-testid="DM_Conversation_Avatar"]').click();
    await expect.poll(() => bob.locator('[data-testid="UserName"]').textContent()).toBe('Alice@alice');
    expect(await bob.locator('[data-testid="UserJoinDate"]').textContent()).toMatch(/^Joined \w+ \d{4}$/);
    expect(await bob.locator('a[data-testid="sendDMFromProfile"]').getAttribute('href')).toBe(
      `/messages/${conv}`,
    );
    expect(await bob.locator('[data-testid="editProfileButton"]').count()).toBe(0);

    await alice.locator('a[data-testid="AppTabBar_Profile_Link"]').click();
    await alice.locator('a[data-testid="editProfileButton"]').click();
    const bio = alice.locator('#layers div[role="dialog"][aria-modal="true"] textarea[name="description"]');
    await bio.waitFor();
    expect(await bio.getAttribute('maxlength')).toBe('160');
    expect(await alice.getByLabel('Bio').count()).toBe(1);
    // A plain `.value =` is invisible to React: Save posts the old bio.
    await bio.evaluate((el: HTMLTextAreaElement) => {
      el.value = 'set behind React';
    });
    await alice.locator('button[data-testid="Profile_Save_Button"]').click();
    await expect.poll(() => alice.url()).toBe('https://x.com/alice');
    expect(fx.users.find((u) => u.handle === 'alice')?.bio).toBe('Gardener. Likes tea.');

    await alice.goto('https://x.com/settings/profile');
    await bio.waitFor();
    await bio.evaluate((el: HTMLTextAreaElement) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(el, 'new bio 🌱');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await alice.locator('button[data-testid="Profile_Save_Button"]').click();
    await expect.poll(() => fx.users.find((u) => u.handle === 'alice')?.bio).toBe('new bio 🌱');
    await expect
      .poll(() => alice.locator('[data-testid="UserDescription"] img').getAttribute('alt'))
      .toBe('🌱');
    expect(fx.requests.some((r) => r.url === '/i/api/1.1/account/update_profile.json')).toBe(true);
  });

  it('serves XChat with a React-controlled textarea, on the same message store', async () => {
    await alice.goto(`https://x.com/i/chat/${conv}`);
    const panel = alice.locator('[data-testid="dm-container"] [data-testid="dm-conversation-panel"]');
    await expect
      .poll(() => panel.locator('[data-testid="dm-conversation-header"] a[href]').getAttribute('href'))
      .toBe('/bob');
    expect(await panel.locator('[data-testid="dm-conversation-username"]').textContent()).toBe('Bob');
    const item = alice.locator(`[data-testid="dm-conversation-item-${conv}"] a[role="option"]`);
    expect(await item.getAttribute('href')).toBe(`/i/chat/${conv}`);
    // Messages sent in the classic UI show here, in XChat's structure and direction classes.
    const rows = panel.locator(
      '[data-testid="dm-message-list-container"] [data-testid="dm-message-list"] > li > [data-testid^="message-"]',
    );
    await expect.poll(() => rows.count()).toBe(fx.messages(conv).length);
    const first = fx.messages(conv)[0]!;
    const firstText = alice.locator(`[data-testid="message-text-${first.uuid}"] span[dir="auto"]`);
    expect(await firstText.textContent()).toBe(first.text);
    expect(await rows.first().getAttribute('class')).toContain('justify-end');
    expect(await rows.first().evaluate((el) => getComputedStyle(el).justifyContent)).toBe('flex-end');

    const area = alice.locator(
      'form[data-testid="dm-composer-form"] textarea[data-testid="dm-composer-textarea"]',
    );
    expect(await area.getAttribute('placeholder')).toBe('Unencrypted message');
    expect(await alice.locator(CHAT_SEND).count()).toBe(0);
    // `.value =` alone is not seen by React: no send button, Enter sends nothing.
    await area.evaluate((el: HTMLTextAreaElement) => {
      el.value = 'behind React';
    });
    await area.press('Enter');
    await alice.waitForTimeout(150);
    expect(await alice.locator(CHAT_SEND).count()).toBe(0);
    expect(fx.messages(conv).some((m) => m.text === 'behind React')).toBe(false);
    await area.evaluate((el: HTMLTextAreaElement) => {
      el.value = '';
    });
    await setNative(area, 'through the setter');
    await expect.poll(() => alice.locator(CHAT_SEND).count()).toBe(1);
    await area.press('Enter');
    await expect.poll(() => fx.messages(conv).at(-1)?.text).toBe('through the setter');
    expect(await area.inputValue()).toBe('');
    expect(await alice.locator(CHAT_SEND).count()).toBe(0);
    const sent = fx.messages(conv).at(-1)!;
    const post = fx.requests.find((r) =>
      r.url.startsWith('/i/api/graphql/fakeXChat/XChatSendMessageMutation'),
    );
    expect(JSON.parse(post!.body).variables).toEqual({
      conversation_id: conv,
      message_id: sent.uuid,
      text: 'through the setter',
    });
    // Typing, Shift+Enter for a newline, the send button.
    await area.click();
    await alice.keyboard.type('one');
    await alice.keyboard.press('Shift+Enter');
    await alice.keyboard.type('two');
    await alice.locator(CHAT_SEND).click();
    await expect.poll(() => fx.messages(conv).at(-1)?.text).toBe('one\ntwo');
    // Bob reads it in the classic UI.
    await bob.goto(`https://x.com/messages/${conv}`);
    await expect.poll(() => lastMessageText(bob)).toBe('one\ntwo');
  });

  it('has group conversations with sender names and a members page', async () => {
    const group = fx.createGroup(['alice', 'bob', 'carol', 'dave'], 'Birders');
    expect(group).toMatch(/^\d+$/);
    const carol = await loginPage('carol', `/messages/${group}`);
    await carol.locator(COMPOSER).click();
    await carol.keyboard.type('hello group');
    await carol.keyboard.press('Enter');
    await expect.poll(() => fx.messages(group).map((m) => m.text)).toEqual(['hello group']);

    await alice.goto(`https://x.com/messages/${group}`);
    const section = alice.locator('section[aria-labelledby="detail-header"]');
    await expect
      .poll(() => section.locator('a[data-testid="DM_Conversation_Avatar"]').getAttribute('href'))
      .toBe(`/messages/${group}/participants`);
    expect(await alice.locator('#detail-header').textContent()).toBe('Birders');
    const entry = section.locator('[data-testid="messageEntry"]').last();
    await expect.poll(() => entry.locator('[data-testid="tweetText"]').textContent()).toBe('hello group');
    expect(await entry.locator('a[href="/carol"] img').count()).toBe(1);
    expect(await entry.textContent()).toContain('Carol');
    const groupItem = alice.locator('div[data-testid="conversation"][aria-selected="true"]');
    expect(await groupItem.textContent()).toContain('Birders');

    await alice.locator('a[aria-label="Group info"]').click();
    await expect.poll(() => alice.url()).toBe(`https://x.com/messages/${group}/info`);
    const cells = alice.locator('div[data-testid="UserCell"]');
    await expect.poll(() => cells.count()).toBe(4);
    const handles = await cells.evaluateAll((els) =>
      els.map((el) => [el.querySelector('a[href^="/"]')!.getAttribute('href'), el.textContent]),
    );
    expect(handles).toEqual([
      ['/alice', 'Alice@alice'],
      ['/bob', 'Bob@bob'],
      ['/carol', 'Carol@carol'],
      ['/dave', 'Dave@dave'],
    ]);
    await alice.goto(`https://x.com/messages/${group}/participants`);
    await expect.poll(() => cells.count()).toBe(4);
    // XChat shows the group too, with the sender on received messages.
    await alice.goto(`https://x.com/i/chat/${group}`);
    const row = alice.locator('[data-testid="dm-message-list"] > li > [data-testid^="message-"]').last();
    await expect.poll(() => row.textContent()).toContain('hello group');
    expect(await row.getAttribute('class')).toContain('justify-start');
    expect(await row.locator('a[href="/carol"]').count()).toBe(1);
    expect(await row.textContent()).toContain('Carol');
    expect(await alice.locator('[data-testid="dm-conversation-username"]').textContent()).toBe('Birders');
    await carol.context().close();
  });

  it('renames the DM test ids in the "renamed" build, from the next page load', async () => {
    fx.setVariant('renamed');
    try {
      await alice.goto(`https://x.com/messages/${conv}`);
      await alice.locator('[data-testid="dmComposerTextInputV2"]').waitFor();
      expect(await alice.locator(COMPOSER).count()).toBe(0);
      expect(await alice.locator('[data-testid="dmComposerSendBtn"]').count()).toBe(1);
      expect(await alice.locator(SEND).count()).toBe(0);
      await expect.poll(() => alice.locator('[data-testid="dmMessageEntry"]').count()).toBeGreaterThan(0);
      expect(await alice.locator('[data-testid="messageEntry"], [data-testid="tweetText"]').count()).toBe(0);
      await alice.goto(`https://x.com/i/chat/${conv}`);
      await alice.locator('textarea[data-testid="dm-composer-input"]').waitFor();
      expect(await alice.locator('[data-testid="dm-composer-textarea"]').count()).toBe(0);
      expect(await alice.locator('[data-testid^="message-text-"]').count()).toBe(0);
    } finally {
      fx.setVariant('normal');
    }
    await alice.goto(`https://x.com/messages/${conv}`);
    await alice.locator(COMPOSER).waitFor();
  });

  it('applies the editor and send-button faults', async () => {
    const token = 'c290dG8gdG9rZW4gZm9yIHRoZSBmYXVsdCB0ZXN0';
    const before = fx.messages(conv).length;
    try {
      fx.setFaults({ rejectPaste: true });
      await alice.reload();
      await paste(alice.locator(COMPOSER), token);
      await alice.waitForTimeout(150);
      expect(await alice.locator(SEND).isDisabled()).toBe(true);
      expect((await alice.locator(COMPOSER).textContent())?.trim()).toBe('');
      // Typing one character at a time still works.
      await alice.locator(COMPOSER).click();
      await alice.keyboard.type('ok');
      expect(await alice.locator(SEND).isEnabled()).toBe(true);
      await alice.goto(`https://x.com/i/chat/${conv}`);
      const area = alice.locator('textarea[data-testid="dm-composer-textarea"]');
      await setNative(area, token);
      await alice.waitForTimeout(150);
      expect(await area.inputValue()).toBe('');
      expect(await alice.locator(CHAT_SEND).count()).toBe(0);

      fx.setFaults({ manglePaste: true });
      await alice.reload();
      await setNative(area, token);
      await expect.poll(() => area.inputValue()).toBe(token.slice(0, -1));
      await alice.goto(`https://x.com/messages/${conv}`);
      await paste(alice.locator(COMPOSER), token);
      await expect.poll(() => alice.locator(SEND).isEnabled()).toBe(true);
      await alice.locator(SEND).click();
      await expect.poll(() => fx.messages(conv).at(-1)?.text).toBe(token.slice(0, -1));

      fx.setFaults({ noSendButton: true });
      await alice.reload();
      await alice.locator(COMPOSER).click();
      await alice.keyboard.type('no button');
      expect(await alice.locator(SEND).count()).toBe(0);
      await alice.goto(`https://x.com/i/chat/${conv}`);
      await area.click();
      await alice.keyboard.type('no button');
      expect(await alice.locator(CHAT_SEND).count()).toBe(0);
    } finally {
      fx.setFaults({});
    }
    expect(fx.messages(conv).length).toBe(before + 1);
  });

  it('virtualises a seeded 1,000-message conversation and recycles row nodes', async () => {
    const id = fx.conversationId(['alice', 'dave']);
    const body = (i: number) => `message ${i} ${'lorem ipsum '.repeat((i % 5) * 8)}`.trim();
    fx.seed(
      id,
      Array.from({ length: 1000 }, (_, i) => ({ from: i % 3 ? 'dave' : 'alice', text: body(i) })),
    );
    expect(fx.messages(id)).toHaveLength(1000);
    await alice.goto(`https://x.com/messages/${id}`);
    const viewport = alice.locator('[data-testid="DmActivityViewport"]');
    const cells = viewport.locator('[data-testid="DmScrollerContainer"] > [data-testid="cellInnerDiv"]');
    // Opens at the newest message, at the bottom.
    await expect.poll(() => lastMessageText(alice)).toBe(body(999));
    await expect
      .poll(() => viewport.evaluate((v) => v.scrollHeight - v.scrollTop - v.clientHeight))
      .toBeLessThan(3);
    const live = await cells.count();
    expect(live).toBeGreaterThan(3);
    expect(live).toBeLessThan(60);
    expect(await cells.first().getAttribute('style')).toMatch(/transform: translateY\(\d+(\.\d+)?px\)/);

    // Remember the nodes and what they show, then scroll up.
    await alice.evaluate(() => {
      const w = window as unknown as { fxMarked: Array<[Element, string | null]> };
      w.fxMarked = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].map((el) => [
        el,
        el.textContent,
      ]);
    });
    await viewport.evaluate((v) => {
      v.scrollTop -= v.clientHeight * 1.5;
    });
    const reused = () =>
      alice.evaluate(() => {
        const w = window as unknown as { fxMarked: Array<[Element, string | null]> };
        return w.fxMarked.filter(([el, t]) => el.isConnected && el.textContent !== t).length;
      });
    await expect.poll(reused).toBeGreaterThan(0);
    expect(await cells.count()).toBeLessThan(60);

    // All the way up: the first message and the partner card, still few rows.
    await expect
      .poll(async () => {
        await viewport.evaluate((v) => {
          v.scrollTop = 0;
        });
        return alice.locator('[data-testid="tweetText"]').first().textContent();
      })
      .toBe(body(0));
    expect(await cells.first().locator('[data-testid="UserDescription"]').textContent()).toBe(
      'Here for the birds.',
    );
    expect(await cells.count()).toBeLessThan(60);
    // And back down: the newest again.
    await viewport.evaluate((v) => {
      v.scrollTop = v.scrollHeight;
    });
    await expect.poll(() => lastMessageText(alice)).toBe(body(999));
  });

  it('keeps its rows when a row shrinks under it (text hidden by a script), with no scroll event', async () => {
    const id = fx.conversationId(['alice', 'carol']);
    fx.seed(id, [{ from: 'carol', text: 'QUJD'.repeat(1500) }]);
    await alice.goto(`https://x.com/messages/${id}`);
    const viewport = alice.locator('[data-testid="DmActivityViewport"]');
    const text = viewport.locator('[data-testid="messageEntry"] [data-testid="tweetText"]');
    await expect.poll(() => text.count()).toBe(1);
    await expect.poll(() => viewport.evaluate((v) => v.scrollTop)).toBeGreaterThan(1000);
    // What an extension does to a ciphertext: hide it and put something small in its place.
    await text.evaluate((el) => {
      el.style.setProperty('display', 'none', 'important');
      const stand = document.createElement('div');
      stand.textContent = 'stand-in';
      stand.id = 'fx-stand-in';
      el.after(stand);
    });
    await expect.poll(() => viewport.evaluate((v) => v.scrollHeight <= v.clientHeight + 1)).toBe(true);
    await alice.waitForTimeout(300);
    expect(await viewport.locator('[data-testid="cellInnerDiv"]').count()).toBe(2);
    expect(await alice.locator('#fx-stand-in').isVisible()).toBe(true);
  });

  it('keeps working while a tall panel squeezes the message list to 0 px, and shows it again after', async () => {
    const id = fx.conversationId(['alice', 'dave']);
    const shown = (text: string) =>
      alice.locator('[data-testid="DmActivityViewport"] [data-testid="tweetText"]', { hasText: text });
    fx.seed(id, [{ from: 'dave', text: 'before the squeeze' }]);
    await alice.goto(`https://x.com/messages/${id}`);
    const viewport = alice.locator('[data-testid="DmActivityViewport"]');
    await expect.poll(() => shown('before the squeeze').count()).toBe(1);
    await viewport.evaluate((v) => v.style.setProperty('flex', '0 0 0px'));
    fx.seed(id, [{ from: 'dave', text: 'during the squeeze' }]);
    await expect.poll(() => shown('during the squeeze').count()).toBe(1);
    expect(await viewport.evaluate((v) => v.clientHeight)).toBe(0);
    expect(await alice.locator('[data-testid="error-detail"]').count()).toBe(0);
    await viewport.evaluate((v) => v.style.removeProperty('flex'));
    await expect.poll(() => shown('during the squeeze').isVisible()).toBe(true);
  });

  it('opens a conversation in the DM drawer over another page, with history', async () => {
    await alice.goto('https://x.com/home');
    const drawer = alice.locator('div[data-testid="DMDrawer"]');
    await drawer.locator('[data-testid="DMDrawerHeader"]').click();
    await drawer.locator('div[data-testid="conversation"]', { hasText: '@bob' }).click();
    await expect
      .poll(() =>
        drawer.locator('[data-testid="DMDrawerHeader"] a[aria-label="Expand"]').getAttribute('href'),
      )
      .toBe(`/messages/${conv}`);
    // The page behind stays.
    expect(alice.url()).toBe('https://x.com/home');
    expect(await alice.locator('[data-testid="primaryColumn"] h2').textContent()).toBe('Home');
    // The classic conversation's structure, scoped inside the drawer; the partner card is the first
    // row of the virtual list, so it exists once scrolled to the top.
    const viewport = drawer.locator('[data-testid="DmActivityViewport"]');
    await expect
      .poll(async () => {
        await viewport.evaluate((v) => {
          v.scrollTop = 0;
        });
        return drawer.locator('[data-testid="cellInnerDiv"] [data-testid="UserDescription"]').textContent({
          timeout: 500,
        });
      })
      .toBe('Cyclist and occasional baker.');
    expect(await drawer.locator('a[data-testid="DM_Conversation_Avatar"]').getAttribute('href')).toBe('/bob');
    expect(await drawer.locator('[data-testid="DMDrawerHeader"]').textContent()).toContain('Bob');
    await drawer.locator(COMPOSER).click();
    await alice.keyboard.type('from the drawer');
    expect(await drawer.locator(SEND).isEnabled()).toBe(true);
    await alice.keyboard.press('Enter');
    await expect.poll(() => fx.messages(conv).at(-1)?.text).toBe('from the drawer');
    await expect
      .poll(() =>
        drawer.locator('[data-testid="messageEntry"] [data-testid="tweetText"]').last().textContent(),
      )
      .toBe('from the drawer');

    // Back: the drawer's inbox, same page; forward: the conversation again.
    await alice.evaluate(() => history.back());
    await expect.poll(() => drawer.locator(COMPOSER).count()).toBe(0);
    await expect.poll(() => drawer.locator('div[data-testid="conversation"]').count()).toBeGreaterThan(0);
    expect(alice.url()).toBe('https://x.com/home');
    await alice.evaluate(() => history.forward());
    await drawer.locator(COMPOSER).waitFor();
    // Navigating the page keeps the drawer's conversation; Expand opens the full page.
    await alice.locator('a[data-testid="AppTabBar_Profile_Link"]').click();
    await expect.poll(() => alice.url()).toBe('https://x.com/alice');
    expect(await drawer.locator(COMPOSER).count()).toBe(1);
    await drawer.locator('a[aria-label="Expand"]').click();
    await expect.poll(() => alice.url()).toBe(`https://x.com/messages/${conv}`);
    expect(await alice.locator('div[data-testid="DMDrawer"]').count()).toBe(0);
    await alice.locator('section[aria-labelledby="detail-header"]').locator(COMPOSER).waitFor();
  });

  it('switches conversations through the history API in classic and XChat', async () => {
    const dave = fx.conversationId(['alice', 'dave']);
    await alice.goto(`https://x.com/messages/${conv}`);
    const header = alice.locator('#detail-header');
    await expect.poll(() => header.textContent()).toBe('Bob');
    const loads = () => alice.evaluate(() => performance.getEntriesByType('navigation').length);
    await alice.evaluate(() => {
      (window as unknown as { fxSamePage: boolean }).fxSamePage = true;
    });
    await alice.locator('div[data-testid="conversation"]', { hasText: '@dave' }).click();
    await expect.poll(() => alice.url()).toBe(`https://x.com/messages/${dave}`);
    await expect.poll(() => header.textContent()).toBe('Dave');
    await alice.evaluate(() => history.back());
    await expect.poll(() => header.textContent()).toBe('Bob');
    expect(alice.url()).toBe(`https://x.com/messages/${conv}`);
    await alice.evaluate(() => history.forward());
    await expect.poll(() => header.textContent()).toBe('Dave');
    expect(await loads()).toBe(1);
    expect(await alice.evaluate(() => (window as unknown as { fxSamePage?: boolean }).fxSamePage)).toBe(true);

    await alice.goto(`https://x.com/i/chat/${conv}`);
    const name = alice.locator('[data-testid="dm-conversation-username"]');
    await expect.poll(() => name.textContent()).toBe('Bob');
    await alice.locator(`[data-testid="dm-conversation-item-${dave}"] a[role="option"]`).click();
    await expect.poll(() => name.textContent()).toBe('Dave');
    expect(alice.url()).toBe(`https://x.com/i/chat/${dave}`);
    expect(
      await alice.locator(`[data-testid="dm-conversation-item-${dave}"] a[aria-selected="true"]`).count(),
    ).toBe(1);
    await alice.evaluate(() => history.back());
    await expect.poll(() => name.textContent()).toBe('Bob');
    expect(alice.url()).toBe(`https://x.com/i/chat/${conv}`);
  });

  it('shows a hover card with the bio on user links, and hides it on leave', async () => {
    fx.setBio('carol', 'Reads a lot. https://example.org/books 📚');
    await alice.goto(`https://x.com/messages/${conv}`);
    const card = alice.locator('#layers [data-testid="hoverCardParent"] [data-testid="HoverCard"]');
    const mention = alice.locator('[data-testid="tweetText"] a[href="/carol"]').first();
    await mention.hover();
    await expect
      .poll(() => card.locator('[data-testid="UserDescription"] img').getAttribute('alt'))
      .toBe('📚');
    expect(await card.textContent()).toContain('@carol');
    expect(await card.locator('[data-testid="UserDescription"]').textContent()).toContain('Reads a lot.');
    await alice.mouse.move(1, 1);
    await expect.poll(() => card.count()).toBe(0);

    // Synthetic enter/leave (as a script would do) on the header's profile link, and the inbox avatar.
    const avatar = alice.locator('a[data-testid="DM_Conversation_Avatar"]');
    await avatar.dispatchEvent('mouseenter');
    await expect
      .poll(() => card.locator('[data-testid="UserDescription"]').textContent())
      .toBe('Cyclist and occasional baker.');
    await avatar.dispatchEvent('mouseleave');
    await expect.poll(() => card.count()).toBe(0);
    const inboxAvatar = alice.locator('div[data-testid="conversation"] a[href="/dave"]');
    await inboxAvatar.hover();
    await expect
      .poll(() => card.locator('[data-testid="UserDescription"]').textContent())
      .toBe('Here for the birds.');
    await alice.mouse.move(1, 1);
    await expect.poll(() => card.count()).toBe(0);
  });

  it('runs a VKS keyserver that hides user IDs until verified', async () => {
    const gen = (email: string) =>
      openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'T', email }] });
    const served = async (fpr: string) => {
      const r = await vks('GET', `/vks/v1/by-fingerprint/${fpr}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/pgp-keys');
      expect(r.headers['access-control-allow-origin']).toBe('*');
      return openpgp.readKey({ armoredKey: r.text });
    };

    const a = await gen('alice@example.org');
    const up = await vks('POST', '/vks/v1/upload', { keytext: a.publicKey });
    const upJson = JSON.parse(up.text);
    const fprA = (await openpgp.readKey({ armoredKey: a.publicKey })).getFingerprint().toUpperCase();
    expect(upJson.key_fpr).toBe(fprA);
    expect(upJson.status).toEqual({ 'alice@example.org': 'published' });
    expect((await served(fprA)).getUserIDs()).toEqual(['T <alice@example.org>']);

    fx.keyserver.autoVerify = false;
    const b = await gen('bob@example.org');
    const upB = JSON.parse((await vks('POST', '/vks/v1/upload', { keytext: b.publicKey })).text);
    expect(upB.status).toEqual({ 'bob@example.org': 'unpublished' });
    const keyB = await served(upB.key_fpr);
    expect(keyB.users).toHaveLength(0);
    expect(keyB.getSubkeys()).toHaveLength(1);
    const keyId = keyB.getKeyID().toHex().toUpperCase();
    expect((await vks('GET', `/vks/v1/by-keyid/${keyId}`)).status).toBe(200);
    const verify = JSON.parse(
      (await vks('POST', '/vks/v1/request-verify', { token: upB.token, addresses: ['bob@example.org'] }))
        .text,
    );
    expect(verify.status).toEqual({ 'bob@example.org': 'pending' });
    fx.keyserver.verify('bob@example.org');
    expect((await served(upB.key_fpr)).getUserIDs()).toEqual(['T <bob@example.org>']);

    expect((await vks('GET', `/vks/v1/by-fingerprint/${'0'.repeat(40)}`)).status).toBe(404);
    expect((await vks('GET', `/vks/v1/by-fingerprint/${fprA.toLowerCase()}`)).status).toBe(400);
    expect(fx.keyserver.uploads).toHaveLength(2);
    expect(fx.keyserver.keys().map((k) => k.fingerprint)).toEqual([fprA, upB.key_fpr]);
    // Keyserver traffic is not mixed into the x.com record.
    expect(fx.requests.some((r) => r.url.startsWith('/vks/'))).toBe(false);
  });
});
