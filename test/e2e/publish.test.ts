// Publishing the user's key in their X bio, in real Chromium and Firefox with the built extension,
// on the fake x.com's edit-profile modal (uncontrolled bio textarea, X's own Save button): Sotto
// adds the token keeping the bio, replaces an old token, refuses with a clear error and no change
// when there is no room, and reads the saved bio back from the user's profile page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../fakex/server.ts';
import { extensionDir } from '../support/dist.ts';
import { bioFieldValue, type Onboarded, onboard, openAs, PUBLISH } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';

const OTHER_TOKEN = 'openpgp4fpr:0123456789abcdef0123456789abcdef01234567';

describe.each(browserKinds)('publishing the key in the bio in %s', (kind) => {
  let fakex: FakeX;
  let alice: UserBrowser;
  let key: Onboarded;

  const savedBio = () => fakex.users.find((u) => u.handle === 'alice')?.bio ?? '';

  /** Opens X's edit-profile modal as alice, with `bio` saved beforehand, and clicks Sotto's button. */
  async function editAndAdd(bio: string): Promise<TestPage> {
    fakex.setBio('alice', bio);
    const page = await openAs(alice, 'alice', '/settings/profile');
    await page.waitForSelector('textarea[name="description"]');
    expect(await bioFieldValue(page)).toBe(bio);
    await page.click(PUBLISH.button);
    await poll(
      'Sotto to answer the publish button',
      10_000,
      async () => (await page.text(PUBLISH.status).catch(() => '')) || undefined,
    );
    return page;
  }

  async function result(page: TestPage, state: string): Promise<string> {
    const selector = `${PUBLISH.result}[data-state="${state}"]`;
    await page.waitForSelector(selector, { timeoutMs: 15_000 });
    return page.text(selector);
  }

  beforeAll(async () => {
    fakex = await startFakeX();
    // As keys.openpgp.org does: user IDs are served only once the owner confirms the address.
    fakex.keyserver.autoVerify = false;
    alice = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: fakex.port });
    key = await onboard(alice, 'Alice');
  });

  afterAll(async () => {
    await alice?.close();
    await fakex?.close();
  });

  it('uploads to keys.openpgp.org and asks it to e-mail the verification link', async () => {
    const status = await key.options.text('[data-testid="upload-status"]');
    expect(status).toContain('Check your mail');
    expect(status).toContain('alice@example.org');
    expect(fakex.keyserver.keys().map((k) => k.fingerprint)).toContain(key.fingerprint);
    // The address shows as pending only once Sotto has sent the verification request.
    fakex.keyserver.verify('alice@example.org');
  });

  it('adds the token after the existing bio; X saves it; the profile confirms it', async () => {
    const page = await editAndAdd('Birdwatcher. Tea over coffee 🫖');
    expect(await bioFieldValue(page)).toBe(`Birdwatcher. Tea over coffee 🫖 ${key.bioToken}`);
    expect(await page.text(PUBLISH.status)).toContain('Press Save');
    expect(savedBio()).toBe('Birdwatcher. Tea over coffee 🫖'); // nothing is saved until the user saves
    await page.click('[data-testid="Profile_Save_Button"]');
    await poll('X to save the bio', 10_000, async () =>
      savedBio() === `Birdwatcher. Tea over coffee 🫖 ${key.bioToken}` ? true : undefined,
    );
    expect(await result(page, 'confirmed')).toContain('your key is published in your bio');
    await page.close();
  });

  it('replaces an old token of the user’s, and says so on the profile when it was not saved', async () => {
    const page = await editAndAdd(`Old key: ${OTHER_TOKEN} bye`);
    expect(await bioFieldValue(page)).toBe(`Old key: bye ${key.bioToken}`);
    // The user closes the modal without saving: the live bio still names the other key.
    await page.click('[data-testid="app-bar-close"]');
    const text = await result(page, 'other');
    expect(text).toContain('different key');
    expect(text).toContain(OTHER_TOKEN);
    expect(savedBio()).toBe(`Old key: ${OTHER_TOKEN} bye`);
    await page.close();
  });

  it('says the key is missing when the saved bio has no token', async () => {
    const page = await editAndAdd('Hello');
    // The user changes their mind and writes another bio before pressing Save.
    await page.click('textarea[name="description"]');
    await page.press('Control+a');
    await page.type('textarea[name="description"]', 'Just me');
    await page.click('[data-testid="Profile_Save_Button"]');
    await poll('X to save the bio', 10_000, async () => (savedBio() === 'Just me' ? true : undefined));
    expect(await result(page, 'missing')).toContain('does not show your Sotto key');
    await page.close();
  });

  it('refuses with a clear error and changes nothing when the bio has no room', async () => {
    const full = `${'Long bio '.repeat(16)}end.`.slice(0, 150);
    const page = await editAndAdd(full);
    const status = await page.text(PUBLISH.status);
    expect(status).toContain('No room');
    expect(status).toContain('Nothing was changed');
    expect(await bioFieldValue(page)).toBe(full);
    expect(savedBio()).toBe(full);
    await page.close();
  });
});
