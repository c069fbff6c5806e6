// Switching conversations without a page load (X's history API navigation): the secure composer
// and the message frames follow the conversation on screen, a draft stays with its own
// conversation, and nothing written for one conversation is sent to another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composerValue, openAs, typeInComposer, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, type TestPage } from './harness/index.ts';
import { type Cast, castOf, INPUT, STATUS, secureComposer } from './scenario.ts';

/** Clicks the inbox item for `handle` (X navigates with pushState). */
async function openFromInbox(page: TestPage, handle: string): Promise<void> {
  await page.evaluate((h) => {
    const items = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="conversation"]'));
    items.find((item) => item.textContent?.includes(`@${h}`))?.click();
  }, handle);
  await poll(`the conversation with @${handle}`, 15_000, async () => {
    const composer = await secureComposer(page);
    return (await composer.text(STATUS)).includes(`@${handle}`) ? composer : undefined;
  });
}

describe.each(browserKinds)('history navigation in %s', (kind) => {
  let cast: Cast;
  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob', 'carol']);
  });
  afterAll(() => cast?.close());

  it('the composer follows the conversation, drafts stay where they were written', async () => {
    const withBob = cast.fakex.conversationId(['alice', 'bob']);
    const withCarol = cast.fakex.conversationId(['alice', 'carol']);
    // Both conversations exist in Alice's inbox.
    cast.fakex.seed(withBob, [{ from: 'bob', text: 'hi alice' }]);
    cast.fakex.seed(withCarol, [{ from: 'carol', text: 'hello alice' }]);
    const forBob = `only for bob ${kind} ${Date.now()}`;
    const forCarol = `only for carol ${kind} ${Date.now()}`;

    const page = await openAs(cast.members.alice!.browser, 'alice', `/messages/${withBob}`);
    let composer = await secureComposer(page);
    expect(await composer.text(STATUS)).toContain('@bob');
    await typeInComposer(composer, forBob);
    await poll('the draft to be kept', 5_000, async () =>
      (await composerValue(composer)) === forBob ? true : undefined,
    );

    await openFromInbox(page, 'carol');
    expect(page.url()).toContain(`/messages/${withCarol}`);
    composer = await secureComposer(page);
    expect(await composerValue(composer)).toBe(''); // Bob's draft did not follow
    await typeInComposer(composer, forCarol);
    await composer.press('Enter');
    await poll('the message to Carol to go out', 30_000, async () =>
      (await composerValue(composer)) === '' ? true : undefined,
    );

    await page.evaluate(() => history.back());
    composer = await poll('the conversation with Bob again', 15_000, async () => {
      const c = await secureComposer(page);
      return (await c.text(STATUS)).includes('@bob') ? c : undefined;
    });
    await poll('Bob’s draft to come back', 10_000, async () =>
      (await composerValue(composer)) === forBob ? true : undefined,
    );
    await composer.click(INPUT);
    await composer.press('Enter');
    await poll('the message to Bob to go out', 30_000, async () =>
      (await composerValue(composer)) === '' ? true : undefined,
    );

    // Each went to its own conversation, and each reader reads only their own.
    expect(cast.fakex.messages(withBob)).toHaveLength(2);
    expect(cast.fakex.messages(withCarol)).toHaveLength(2);
    const bob = await openAs(cast.members.bob!.browser, 'bob', `/messages/${withBob}`);
    await waitForDecrypted(bob, forBob);
    const carol = await openAs(cast.members.carol!.browser, 'carol', `/messages/${withCarol}`);
    await waitForDecrypted(carol, forCarol);
    for (const frame of await carol.extensionFrames()) {
      expect(await frame.evaluate(() => document.body.textContent ?? '')).not.toContain(forBob);
    }
    await Promise.all([page.close(), bob.close(), carol.close()]);
  });
});
