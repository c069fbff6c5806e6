// What a handle stands for: which tab may use it, for which conversation, and (for a message)
// which ciphertext. Never plaintext.
import type { Theme } from '../shared/protocol';

export interface ComposerRecord {
  kind: 'composer';
  tabId: number;
  /** The content script's name for the opening (a repeated conversation.open reuses the handle). */
  openId: string;
  conversationId: string;
  participants: Array<{ handle: string; bio: string | null }>;
  group: boolean;
  ownHandle: string | null;
  theme: Theme;
}

export interface MessageRecord {
  kind: 'message';
  tabId: number;
  conversationId: string;
  ciphertext: string;
  theme: Theme;
}

export type HandleRecord = ComposerRecord | MessageRecord;
