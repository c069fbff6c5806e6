// What Sotto needs from a DM user interface. One adapter per UI; selectors live in the adapter
// file and nowhere else. Adapters only read the page and drive its composer with ciphertext.

export interface Participant {
  handle: string;
  /** The bio text seen on this page for them, or null when the page shows none. */
  bio: string | null;
}

export interface Conversation {
  id: string;
  /** One-to-one: the other person. Groups: empty; the members come from the group's info page. */
  participants: Participant[];
  group: boolean;
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

export type Direction = 'sent' | 'received';

/** One conversation view in the page: the classic page's column, the floating drawer, XChat's panel. */
export interface Surface {
  /** Stable for the slot ('x-classic:page', 'x-classic:drawer', 'x-chat:page'). */
  readonly slot: string;
  readonly root: HTMLElement;
  conversation(): Conversation | null;
  composer(): ComposerParts | null;
  /** Put text into the site's editor the way its editor state accepts it. */
  insert(parts: ComposerParts, text: string): void;
  /** The editor's current text as the site would send it. */
  read(parts: ComposerParts): string;
  clear(parts: ComposerParts): void;
  /** The send control, looked up afresh (some UIs render it only once there is text). */
  sendButton(): HTMLElement | null;
  isSendEnabled(): boolean;
  /** Elements that each hold the text of one message. */
  messageTexts(): HTMLElement[];
  /** The text of a message element as the sender typed it (emoji images and hidden link parts restored). */
  recoverText(element: HTMLElement): string;
  direction(element: HTMLElement): Direction | null;
  health(): Health;
}

export interface SiteAdapter {
  readonly name: string;
  /** The conversation views this UI shows right now (none on pages without one). */
  surfaces(): Surface[];
}
