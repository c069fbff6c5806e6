// A 1,000-message encrypted conversation, scrolled from newest to oldest and back in steps of 0.9
// screen (so every message is on screen at some stop), in both browsers: whatever is on screen is
// shown decrypted, every one of the 1,000 is seen so, no message frame is left without its
// message, and the number of live frames stays bounded (the peak is reported).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, unlockPrivateKey } from '../../src/core/keys.ts';
import { encryptMessage } from '../../src/core/message.ts';
import { openAs, PASSPHRASE, storedSecretKey } from './flows.ts';
import { poll, sleep } from './harness/common.ts';
import { browserKinds, type TestPage } from './harness/index.ts';
import { type Cast, castOf } from './scenario.ts';

const COUNT = 1000;
const MAX_LIVE_FRAMES = 60;
// Screens per scroll step: under one, so consecutive stops overlap and no message is skipped.
const STEP = 0.9;

interface ScreenState {
  scrollTop: number;
  atBottom: boolean;
  /** Handles of the message frames that should be showing a message now (on screen). */
  onScreen: string[];
  /** Ciphertext on screen with no frame over it. */
  bare: number;
  live: number;
  orphans: number;
  composer: number;
}

function screenState(page: TestPage): Promise<ScreenState> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('[data-testid="DmActivityViewport"]')!;
    const box = viewport.getBoundingClientRect();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.bottom > box.top + 1 && r.top < box.bottom - 1 && r.height > 0;
    };
    const onScreen: string[] = [];
    let bare = 0;
    for (const text of document.querySelectorAll<HTMLElement>('[data-testid="tweetText"]')) {
      const row = text.closest('[data-testid="cellInnerDiv"]');
      if (!row || !visible(row)) continue;
      const frame = text.nextElementSibling;
      if (frame instanceof HTMLIFrameElement && frame.dataset.sotto === 'message') {
        if (visible(frame)) onScreen.push(new URL(frame.src).hash.slice(1));
      } else if (text.textContent?.includes('SOTTO1:')) bare++;
    }
    const frames = Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-sotto="message"]'));
    const orphans = frames.filter((f) => !f.previousElementSibling?.hasAttribute('data-sotto-hidden')).length;
    return {
      scrollTop: viewport.scrollTop,
      atBottom: viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 2,
      onScreen,
      bare,
      live: frames.length,
      orphans,
      composer: document.querySelectorAll('iframe[data-sotto="composer"]').length,
    };
  });
}

/** Handle → text shown, for every message frame in the page. */
async function frameTexts(page: TestPage): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const frame of await page.extensionFrames()) {
    const seen = await frame
      .evaluate(() => ({
        handle: location.hash.slice(1),
        page: location.pathname,
        text:
          document.querySelector('[data-testid="sotto-message-text"]')?.textContent ??
          `(no text: ${document.body.textContent?.slice(0, 80)})`,
      }))
      .catch(() => null);
    if (seen?.page.endsWith('/message.html')) out.set(seen.handle, seen.text);
  }
  return out;
}

describe.each(browserKinds)('a 1,000-message conversation in %s', (kind) => {
  let cast: Cast;
  let conversation: string;

  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob']);
    conversation = cast.fakex.conversationId(['alice', 'bob']);
    const { alice, bob } = cast.members;
    const keyOf = async (fingerprint: string) => {
      const armored = cast.fakex.keyserver.keys().find((k) => k.fingerprint === fingerprint)?.armored ?? '';
      const checked = await checkPublicKey(armored, fingerprint);
      if (!checked.ok) throw new Error(checked.reason);
      return checked.key;
    };
    const recipients = [await keyOf(alice!.key.fingerprint), await keyOf(bob!.key.fingerprint)];
    const signers = {
      alice: await unlockPrivateKey(await storedSecretKey(alice!.key.options), PASSPHRASE),
      bob: await unlockPrivateKey(await storedSecretKey(bob!.key.options), PASSPHRASE),
    };
    const messages = [];
    for (let i = 0; i < COUNT; i++) {
      const from = i % 3 === 0 ? 'alice' : 'bob';
      const text = await encryptMessage({
        text: `message ${i}`,
        signingKey: signers[from],
        recipientKeys: recipients,
        context: { site: 'x.com', conversation },
      });
      messages.push({ from, text });
    }
    cast.fakex.seed(conversation, messages);
  });
  afterAll(() => cast?.close());

  it('shows every message on screen decrypted, with bounded frames, newest to oldest and back', async () => {
    // Alice has seen Bob's profile (his bio), as the thread opens far below the partner card.
    const page = await openAs(cast.members.alice!.browser, 'alice', '/bob');
    await page.waitForSelector('[data-testid="UserDescription"]');
    await sleep(1000);
    await page.goto(`https://x.com/messages/${conversation}`);
    await page.waitForSelector('[data-testid="DmActivityViewport"] [data-testid="cellInnerDiv"]');

    let peak = 0;
    let steps = 0;
    const shown = new Set<string>();
    let last = '';
    const check = (where: string) =>
      poll(`every message on screen to be decrypted (${where})`, 30_000, async () => {
        const state = await screenState(page);
        peak = Math.max(peak, state.live);
        last = JSON.stringify(state);
        expect(state.orphans).toBe(0);
        if (state.bare > 0 || state.onScreen.length === 0) return undefined;
        const texts = await frameTexts(page);
        const all = state.onScreen.map((h) => texts.get(h));
        last = JSON.stringify({ ...state, shown: all });
        if (!all.every((t) => typeof t === 'string' && /^message \d+$/.test(t))) return undefined;
        for (const t of all) shown.add(t!);
        return state;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; last seen ${last}`);
      });
    const scrollBy = (fraction: number) =>
      page.evaluate((f) => {
        const v = document.querySelector<HTMLElement>('[data-testid="DmActivityViewport"]')!;
        v.scrollBy({ top: f * v.clientHeight });
      }, fraction);

    // It opens at the newest message (the list keeps to the bottom while frames settle).
    await poll('the newest message', 30_000, async () => {
      await page.evaluate(() => {
        const v = document.querySelector<HTMLElement>('[data-testid="DmActivityViewport"]')!;
        v.scrollTo({ top: v.scrollHeight });
      });
      await check('newest');
      return shown.has(`message ${COUNT - 1}`) ? true : undefined;
    });
    let state = await check('newest');
    // Up to the oldest message…
    while (!shown.has('message 0')) {
      await scrollBy(-STEP);
      state = await check(`step ${++steps} up`);
      if (steps > 3 * COUNT) throw new Error('never reached the oldest message');
    }
    console.log(`[${kind}] distinct messages seen decrypted on the way up: ${shown.size}`);
    expect(shown.size).toBe(COUNT);
    // …and back down to the newest.
    while (!state.atBottom) {
      await scrollBy(STEP);
      state = await check(`step ${++steps} down`);
    }
    expect(shown.has(`message ${COUNT - 1}`)).toBe(true);
    console.log(`[${kind}] ${COUNT} messages, ${steps} steps: peak ${peak} live message frames`);
    expect(peak).toBeLessThanOrEqual(MAX_LIVE_FRAMES);
    await page.close();
  }, 1_500_000);
});
