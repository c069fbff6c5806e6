// What Sotto needs from a DM user interface. One adapter per UI; selectors live in the adapter
// file and nowhere else. Adapters only read the page and drive its composer with ciphertext.
import type { Theme } from '../../shared/protocol';

export interface Participant {
  handle: string;
  /** The bio text seen on this page for them, or null when the page shows none. */
  bio: string | null;
}

export interface Conversation {
  id: string;
  participants: Participant[];
}

export interface ComposerParts {
  /** The smallest element holding the editor and its send button: what the secure composer covers. */
  row: HTMLElement;
  editor: HTMLElement;
  sendButton: HTMLElement | null;
}

export interface Health {
  composer: boolean;
  messageList: boolean;
}

export interface SiteAdapter {
  readonly name: string;
  /** True when the current page is a conversation this adapter understands. */
  matches(url: URL): boolean;
  conversation(): Conversation | null;
  composer(): ComposerParts | null;
  /** Put text into the site's editor the way its editor state accepts it. */
  insert(parts: ComposerParts, text: string): void;
  /** The editor's current text as the site would send it. */
  read(parts: ComposerParts): string;
  clear(parts: ComposerParts): void;
  isSendEnabled(parts: ComposerParts): boolean;
  /** Elements that each hold the text of one message. */
  messageTexts(): HTMLElement[];
  /** The text of a message element as the sender typed it (emoji images and hidden link parts restored). */
  recoverText(element: HTMLElement): string;
  theme(): Theme;
  health(): Health;
}
