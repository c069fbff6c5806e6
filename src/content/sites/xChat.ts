// XChat (https://x.com/i/chat/<id>), X's newer DM UI. The composer is a React-controlled
// <textarea>. Every selector for this UI lives here (see shared/x-dom.md, "XChat").
import type { ComposerParts, Conversation, Direction, Health, SiteAdapter, Surface } from './types';
import { directionFromLayout, handleFromHref, isDisabled, recoverText, setNativeValue } from './xText';

const SEL = {
  panel: '[data-testid="dm-conversation-panel"]',
  header: '[data-testid="dm-conversation-header"]',
  form: 'form[data-testid="dm-composer-form"]',
  textarea: 'textarea[data-testid="dm-composer-textarea"]',
  sendButton: '[data-testid="dm-composer-send-button"]',
  list: '[data-testid="dm-message-list"]',
  messageText: '[data-testid^="message-text-"]',
  messageRow: '[data-testid^="message-"]:not([data-testid^="message-text-"])',
};

const CHAT_PATH = /^\/i\/chat\/([0-9]+(?:-[0-9]+)?)\/?$/;

function chatSurface(root: HTMLElement, id: string): Surface {
  return {
    slot: 'x-chat:page',
    root,
    conversation(): Conversation | null {
      // Groups have numeric ids (one-to-one ids are two user ids joined by '-'); their members come
      // from the group's info page, as in classic DMs.
      if (!id.includes('-')) return { id, participants: [], group: true };
      const links = Array.from(root.querySelector(SEL.header)?.querySelectorAll('a[href]') ?? []);
      const handles = new Set(
        links.map((a) => handleFromHref(a.getAttribute('href'))).filter((h) => h !== null),
      );
      if (handles.size !== 1) return null;
      // XChat shows no bio: the profile page and hover cards feed the bio cache instead.
      return { id, participants: [{ handle: [...handles][0]!, bio: null }], group: false };
    },
    composer(): ComposerParts | null {
      const editor = root.querySelector<HTMLTextAreaElement>(SEL.textarea);
      if (!editor) return null;
      const row = editor.closest<HTMLElement>(SEL.form) ?? editor.parentElement;
      return row ? { row, editor, sendButton: root.querySelector<HTMLElement>(SEL.sendButton) } : null;
    },
    insert(parts, text) {
      parts.editor.focus();
      setNativeValue(parts.editor as HTMLTextAreaElement, text);
    },
    read(parts) {
      return (parts.editor as HTMLTextAreaElement).value;
    },
    clear(parts) {
      if (this.read(parts) !== '') setNativeValue(parts.editor as HTMLTextAreaElement, '');
    },
    sendButton() {
      return root.querySelector<HTMLElement>(SEL.sendButton);
    },
    isSendEnabled() {
      return !isDisabled(this.sendButton());
    },
    messageTexts() {
      return Array.from(root.querySelectorAll<HTMLElement>(SEL.messageText));
    },
    recoverText(element) {
      return recoverText(element).replace(/\s+$/, '');
    },
    direction(element): Direction | null {
      return directionFromLayout(element.closest(SEL.messageRow));
    },
    health(): Health {
      return {
        composer: root.querySelector(SEL.textarea) !== null,
        messageList: root.querySelector(SEL.list) !== null,
      };
    },
  };
}

export const xChat: SiteAdapter = {
  name: 'x-chat',
  surfaces() {
    const id = CHAT_PATH.exec(location.pathname)?.[1];
    if (!id) return [];
    const root =
      document.querySelector<HTMLElement>(SEL.panel) ??
      document.querySelector<HTMLElement>('main') ??
      document.body;
    return [chatSurface(root, id)];
  },
};
