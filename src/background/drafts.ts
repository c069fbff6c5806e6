// Unsent text of the secure composer, per conversation, so it survives X re-rendering the page
// or the user switching conversations. Plaintext: kept in background memory only, dropped when
// the vault locks or the text is sent.
import * as vault from './vault';

const MAX_DRAFTS = 50;
const drafts = new Map<string, string>();

// Locking forgets every draft; unlocking keeps them (the text typed while locked must survive).
vault.onVaultChange(() => {
  void vault.unlockedKey().then((key) => {
    if (!key) drafts.clear();
  });
});

export function saveDraft(conversationId: string, text: string): void {
  drafts.delete(conversationId);
  if (text === '') return;
  drafts.set(conversationId, text);
  if (drafts.size > MAX_DRAFTS) {
    const oldest = drafts.keys().next().value;
    if (oldest !== undefined) drafts.delete(oldest);
  }
}

export function draftFor(conversationId: string): string {
  return drafts.get(conversationId) ?? '';
}
