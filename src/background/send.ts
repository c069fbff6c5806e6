// Sending from the secure composer: encrypt to every participant and self, then hand the
// ciphertext to the tab's content script, which inserts it, checks it and presses send.
// Any failure leaves the text in the composer (the frame keeps it until we answer ok).
import browser from 'webextension-polyfill';
import { MAX_TOKEN_CHARS } from '../core/limits';
import { encryptMessage } from '../core/message';
import type { Commit, SendResult } from '../shared/protocol';
import { conversationStatus, participantsOf } from './conversation';
import { deliverToTab } from './deliver';
import { saveDraft } from './drafts';
import type { ComposerRecord } from './handles';
import { pinned, publicKey } from './keyring';
import * as vault from './vault';

const busy = new Set<string>();

/**
 * The secure composer agrees to the click only while it still waits for this send's answer.
 * Chrome delivers runtime messages to extension frames inside a tab; Firefox gives such frames
 * content-script messaging, so they hear tabs.sendMessage instead. Ask both ways; one yes is enough.
 */
function askComposer(tabId: number, commit: Commit): Promise<boolean> {
  const asks = [browser.runtime.sendMessage(commit), browser.tabs.sendMessage(tabId, commit)];
  return new Promise((resolve) => {
    let left = asks.length;
    for (const ask of asks)
      ask
        .then(
          (answer) => answer === true,
          () => false,
        )
        .then((yes) => {
          left -= 1;
          if (yes || left === 0) resolve(yes);
        });
  });
}

export async function send(
  composerHandle: string,
  record: ComposerRecord,
  text: string,
  sendId: string,
): Promise<SendResult> {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (busy.has(composerHandle)) return { ok: false, reason: 'busy' };
  busy.add(composerHandle);
  // Until it is sent, the text is a draft: a failure keeps it even if the page goes away now.
  saveDraft(record.conversationId, text);
  try {
    return await encryptAndDeliver(composerHandle, record, text, sendId);
  } finally {
    busy.delete(composerHandle);
  }
}

async function encryptAndDeliver(
  composerHandle: string,
  record: ComposerRecord,
  text: string,
  sendId: string,
): Promise<SendResult> {
  const signingKey = await vault.unlockedKey();
  const own = await vault.ownPublicKey();
  if (!signingKey || !own) return { ok: false, reason: 'locked' };

  // Re-check readiness at the moment of sending: a key may have changed since the composer opened.
  const status = await conversationStatus(record);
  if (!status.ready) return { ok: false, reason: 'not-ready' };
  const { participants } = await participantsOf(record);
  const recipientKeys = [own.key];
  for (const p of participants) {
    const contact = await pinned(p.handle);
    if (!contact) return { ok: false, reason: 'not-ready' };
    recipientKeys.push(await publicKey(contact));
  }

  let ciphertext: string;
  try {
    ciphertext = await encryptMessage({
      text,
      signingKey,
      recipientKeys,
      context: { site: 'x.com', conversation: record.conversationId },
    });
  } catch {
    return { ok: false, reason: 'encrypt-failed' };
  }
  if (ciphertext.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'too-long' };
  await vault.touch();

  const result = await deliverToTab(
    record.tabId,
    { type: 'composer.deliver', composerHandle, ciphertext, kind: 'message' },
    () => askComposer(record.tabId, { type: 'composer.commit', handle: composerHandle, sendId }),
  );
  if (!result.ok) return { ok: false, reason: result.reason };
  saveDraft(record.conversationId, '');
  return { ok: true };
}
