// Backup and restore in real Chromium and Firefox with the built extension: a backup made in one
// profile, with its recovery code, restores in a fresh profile that then reads the messages sent
// before, and keeps writing to the pinned contacts. Wrong codes are refused with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecoveryCode } from '../../src/core/recoveryCode.ts';
import { extensionDir } from '../support/dist.ts';
import { openAs, PASSPHRASE, waitForDecrypted } from './flows.ts';
import { poll } from './harness/common.ts';
import { browserKinds, launchUser, type TestPage, type UserBrowser } from './harness/index.ts';
import { type Cast, castOf, type Member } from './scenario.ts';
import { chooseFile, downloadText, sendAs, sendIn, waitForComposer, waitForText } from './vaultFlows.ts';

describe.each(browserKinds)('backup and restore in %s', (kind) => {
  let cast: Cast;
  let alice: Member;
  let bob: Member;
  let conversation: string;
  let bobPage: TestPage;
  let fresh: UserBrowser;
  let restoreOptions: TestPage;
  let backup: { code: string; file: string };
  const fromBob = `from bob, before the backup ${kind}`;
  const fromAlice = `from alice, before the backup ${kind}`;

  beforeAll(async () => {
    cast = await castOf(kind, ['alice', 'bob']);
    alice = cast.members.alice!;
    bob = cast.members.bob!;
    conversation = cast.fakex.conversationId(['alice', 'bob']);
  });

  afterAll(async () => {
    await fresh?.close();
    await cast?.close();
  });

  it('makes a backup file and a recovery sheet with the code, the fingerprint and the date', async () => {
    await (await sendAs(alice.browser, 'alice', conversation, fromAlice)).close();
    await (await sendAs(bob.browser, 'bob', conversation, fromBob)).close();
    bobPage = await openAs(bob.browser, 'bob', `/messages/${conversation}`);
    expect(await waitForDecrypted(bobPage, fromAlice)).toContain('@alice');

    const options = alice.key.options;
    await options.click('[data-testid="backup-create"]');
    const code = (await waitForText(options, '[data-testid="backup-code"]')).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
    const sheet = await options.text('[data-testid="recovery-sheet"]');
    expect(sheet.replace(/\s/g, '')).toContain(alice.key.fingerprint);
    expect(sheet).toContain('Made on');
    expect(sheet).toContain('Restore from a backup');
    await options.waitForSelector('[data-testid="backup-print"]');
    const { name, text } = await downloadText(options, '[data-testid="backup-download"]');
    expect(name).toMatch(/^sotto-backup-\d{4}-\d{2}-\d{2}\.asc$/);
    expect(text).toContain('-----BEGIN PGP MESSAGE-----');
    // The file is encrypted: neither the key nor the contacts can be read from it.
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(alice.key.fingerprint);
    backup = { code, file: text };
  });

  it('refuses a wrong recovery code, a code with a typo, and a wrong passphrase, each clearly', async () => {
    fresh = await launchUser(kind, { extensionDir: extensionDir(kind), serverPort: cast.fakex.port });
    restoreOptions = await fresh.waitForPage((url) => url.includes('/extension/options.html'), 30_000);
    await restoreOptions.click('[data-testid="onboard-restore"]');
    await chooseFile(
      restoreOptions,
      '[data-testid="restore-file"]',
      'sotto-backup.asc',
      Buffer.from(backup.file).toString('base64'),
    );
    await restoreOptions.type('[data-testid="restore-passphrase"]', PASSPHRASE);

    const attempt = async (code: string, previous: string) => {
      await restoreOptions.click('[data-testid="restore-code"]');
      await restoreOptions.press('Control+a');
      await restoreOptions.type('[data-testid="restore-code"]', code);
      await restoreOptions.click('[data-testid="restore-submit"]');
      return poll('the restore to be refused with a new reason', 30_000, async () => {
        const now = await restoreOptions.text('[data-testid="restore-error"]').catch(() => '');
        return now && now !== previous ? now : undefined;
      });
    };
    const wrong = await attempt(generateRecoveryCode(), '');
    expect(wrong).toContain('does not open this backup');
    const at = backup.code.indexOf('-') + 1;
    const typo = backup.code.slice(0, at) + (backup.code[at] === 'A' ? 'B' : 'A') + backup.code.slice(at + 1);
    const typoText = await attempt(typo, wrong);
    expect(typoText).toContain('has a typo');

    await restoreOptions.click('[data-testid="restore-passphrase"]');
    await restoreOptions.press('Control+a');
    await restoreOptions.type('[data-testid="restore-passphrase"]', 'not the passphrase');
    // The right code, typed loosely: lower case, spaces instead of dashes.
    const loose = backup.code.toLowerCase().replace(/-/g, ' ');
    expect(await attempt(loose, typoText)).toContain('that passphrase does not open the key');
    expect(await restoreOptions.evaluate(() => !!document.querySelector('[data-testid="bio-token"]'))).toBe(
      false,
    );
  });

  it('restores in the fresh profile, which reads the messages sent before and keeps writing', async () => {
    await restoreOptions.click('[data-testid="restore-passphrase"]');
    await restoreOptions.press('Control+a');
    await restoreOptions.type('[data-testid="restore-passphrase"]', PASSPHRASE);
    await restoreOptions.click('[data-testid="restore-submit"]');
    await restoreOptions.waitForSelector('[data-testid="bio-token"]', { timeoutMs: 30_000 });
    expect((await restoreOptions.text('[data-testid="bio-token"]')).trim()).toBe(alice.key.bioToken);

    const page = await openAs(fresh, 'alice', `/messages/${conversation}`);
    expect(await waitForDecrypted(page, fromBob)).toContain('@bob');
    expect(await waitForDecrypted(page, fromAlice)).toContain('you');
    // Bob's key came back with the pinned contacts: the restored profile writes to him at once.
    await waitForComposer(page, 'input');
    const after = `written after the restore ${kind}`;
    await sendIn(page, after);
    await bobPage.close();
    bobPage = await openAs(bob.browser, 'bob', `/messages/${conversation}`);
    expect(await waitForDecrypted(bobPage, after)).toContain('@alice');
  });
});
