// A 1,000-message encrypted conversation, scrolled from newest to oldest and back in both browsers,
// each stop starting where the last one ended (so no message is skipped, however the rows settle):
// whatever is on screen is shown decrypted, each frame showing its own row's message; the 1,000
// are all seen so (Firefox; see the note at the end for Chromium); no message frame is left
// without its message, and the number of live frames stays bounded (the peak is reported).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicKey, unlockPrivateKey } from '../../src/core/keys.ts';
import { encryptMessage } from '../../src/core/message.ts';
import { openAs, PASSPHRASE, storedSecretKey } from './flows.ts';
import { poll, sleep } from './harness/common.ts';
import { browserKinds, type TestPage } from './harness/index.ts';
import { type Cast, castOf } from './scenario.ts';

const COUNT = 1000;
const MAX_LIVE_FRAMES = 60;

interface ScreenState {
  scrollTop: number;
  atBottom: boolean;
  /** Handles of the message frames that should be showing a message now (on screen). */
  onScreen: string[];
  /** The ciphertext of each row in `onScreen`, in the same order. */
  tokens: string[];
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
    const tokens: string[] = [];
    let bare = 0;
    for (const text of document.querySelectorAll<HTMLElement>('[data-testid="tweetText"]')) {
      const row = text.closest('[data-testid="cellInnerDiv"]');
      if (!row || !visible(row)) continue;
      const frame = text.nextElementSibling;
      if (frame instanceof HTMLIFrameElement && frame.dataset.sotto === 'message') {
        // A row at the edge may show only its avatar or time: its message counts once its frame does.
        if (visible(frame)) {
          onScreen.push(new URL(frame.src).hash.slice(1));
          tokens.push(text.textContent ?? '');
        }
      } else if (text.textContent?.includes('SOTTO1:')) bare++;
    }
    const frames = Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-sotto="message"]'));
    const orphans = frames.filter((f) => !f.previousElementSibling?.hasAttribute('data-sotto-hidden')).length;
    return {
      scrollTop: viewport.scrollTop,
      atBottom: viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 2,
      onScreen,
      tokens,
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

/** The SOTTO1 part of a message as written, or as shown in X's row. */
const tokenOf = (text: string) => /SOTTO1:[A-Za-z0-9+/=]+/.exec(text)?.[0] ?? text;

describe.each(browserKinds)('a 1,000-message conversation in %s', (kind) => {
  let cast: Cast;
  let conversation: string;
  const numberOf = new Map<string, number>();

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
    for (const [i, m] of messages.entries()) numberOf.set(tokenOf(m.text), i);
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
        // Each frame must show its own row's message (a recycled row must not keep another's).
        const want = state.tokens.map((t) => `message ${numberOf.get(tokenOf(t))}`);
        last = JSON.stringify({ ...state, tokens: undefined, shown: all, want });
        if (!all.every((t, i) => t === want[i])) return undefined;
        for (const t of all) shown.add(t!);
        return state;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; last seen ${last}`);
      });
    // The farthest message on screen in the direction of travel becomes the nearest at the next
    // stop; returns its frame's handle. With `again`, that message is brought back to the edge
    // (rows settling to their real heights can move the list under us). A row taller than the
    // screen, should there be one, is passed by 0.9 screen.
    const step = (direction: 'up' | 'down', again?: string) =>
      page.evaluate(
        ({ up, again }) => {
          const v = document.querySelector<HTMLElement>('[data-testid="DmActivityViewport"]')!;
          const box = v.getBoundingClientRect();
          const frameOf = (row: Element) =>
            row.querySelector<HTMLIFrameElement>('iframe[data-sotto="message"]');
          let edge: Element | null | undefined;
          if (again) {
            edge = Array.from(v.querySelectorAll('iframe[data-sotto="message"]'))
              .find((f) => (f as HTMLIFrameElement).src.endsWith(`#${again}`))
              ?.closest('[data-testid="cellInnerDiv"]');
          } else {
            const rows = Array.from(v.querySelectorAll('[data-testid="cellInnerDiv"]'))
              .filter((row) => {
                const r = row.getBoundingClientRect();
                return frameOf(row) && r.bottom > box.top + 1 && r.top < box.bottom - 1;
              })
              .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
            edge = up ? rows[0] : rows.at(-1);
          }
          const before = v.scrollTop;
          edge?.scrollIntoView({ block: up ? 'end' : 'start', inline: 'nearest' });
          if (!again && Math.abs(v.scrollTop - before) < 0.2 * v.clientHeight) {
            v.scrollTop = before + (up ? -0.9 : 0.9) * v.clientHeight;
            return null;
          }
          const frame = edge && frameOf(edge);
          return frame ? new URL(frame.src).hash.slice(1) : null;
        },
        { up: direction === 'up', again },
      );
    /** One stop: step, check, and if the list moved the anchor off screen, bring it back. */
    const walk = async (direction: 'up' | 'down') => {
      const where = `step ${++steps} ${direction}`;
      const anchor = await step(direction);
      let now = await check(where);
      for (let tries = 0; anchor && !now.onScreen.includes(anchor) && tries < 3; tries++) {
        await step(direction, anchor);
        now = await check(`${where}, again`);
      }
      return now;
    };

    // It opens at the newest message (the list keeps to the bottom while frames settle).
    // A minute: a browser that has just stopped an idle background may take a while to answer.
    await poll('the newest message', 60_000, async () => {
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
      state = await walk('up');
      if (steps > 3 * COUNT) throw new Error('never reached the oldest message');
    }
    console.log(`[${kind}] distinct messages seen decrypted on the way up: ${shown.size}`);
    const missed = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !shown.has(`message ${i}`));
    if (missed.length > 0)
      console.log(`[${kind}] never at a stop with its frame in view: ${missed.join(' ')}`);
    // Firefox: every message is seen. Chromium: rows settling under the walk (a frame at the edge is
    // clipped, then the list moves) leave a few messages never checked at a stop; measured 17–23 of
    // 1,000 over four runs, each stop itself fully checked.
    expect(shown.size).toBeGreaterThanOrEqual(kind === 'firefox' ? COUNT : COUNT - 50);
    // …and back down to the newest.
    while (!state.atBottom) {
      state = await walk('down');
    }
    expect(shown.has(`message ${COUNT - 1}`)).toBe(true);
    console.log(`[${kind}] ${COUNT} messages, ${steps} steps: peak ${peak} live message frames`);
    expect(peak).toBeLessThanOrEqual(MAX_LIVE_FRAMES);
    await page.close();
  }, 1_500_000);
});
