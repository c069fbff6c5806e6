/**
 * The server's test switches, read once from the initial state (so a change applies at the next page
 * load, as a new X build or a server-side experiment would).
 */

interface Switches {
  variant?: 'normal' | 'renamed';
  faults?: { rejectPaste?: boolean; manglePaste?: boolean; noSendButton?: boolean; slowSendButton?: number };
}

const initial = (window as unknown as { __INITIAL_STATE__?: { fakex?: Switches } }).__INITIAL_STATE__;
const switches: Switches = initial?.fakex ?? {};

export const faults = switches.faults ?? {};

/** The DM test ids a "new build" renames (README lists them). */
const RENAMED: Record<string, string> = {
  dmComposerTextInput: 'dmComposerTextInputV2',
  dmComposerTextInputRichTextInputContainer: 'dmComposerTextInputV2RichTextInputContainer',
  dmComposerSendButton: 'dmComposerSendBtn',
  messageEntry: 'dmMessageEntry',
  tweetText: 'dmMessageText',
  'dm-composer-textarea': 'dm-composer-input',
  'dm-composer-send-button': 'dm-send-button',
  'message-text-': 'chat-message-text-',
};

/** A DM test id as this build names it. */
export function tid(id: string): string {
  return switches.variant === 'renamed' ? (RENAMED[id] ?? id) : id;
}

/**
 * The insertion faults. `inserted` is text going into the editor in one step; typing inserts one
 * character at a time, pasting or programmatic insertion more. Returns what the editor takes:
 * the text, nothing (`null`: rejected), or the text without its last character.
 */
export function faultyInsertion(inserted: string): string | null {
  if ([...inserted].length <= 1) return inserted;
  if (faults.rejectPaste) return null;
  if (faults.manglePaste) return [...inserted].slice(0, -1).join('');
  return inserted;
}
