// X's classic DMs: the conversation page (https://x.com/messages/<id>) and the floating DM drawer
// shown over other pages. The composer is a DraftJS editor. Every selector for this UI lives here
// (see shared/x-dom.md).
import type { ComposerParts, Conversation, Direction, Health, SiteAdapter, Surface } from './types';
import { directionFromLayout, handleFromHref, isDisabled, recoverText } from './xText';

const SEL = {
  section: 'section[aria-labelledby="detail-header"]',
  primaryColumn: '[data-testid="primaryColumn"], main',
  drawer: '[data-testid="DMDrawer"]',
  drawerHeader: '[data-testid="DMDrawerHeader"]',
  editor: '[data-testid="dmComposerTextInput"]',
  editorContainer: '[data-testid="dmComposerTextInputRichTextInputContainer"]',
  sendButton: '[data-testid="dmComposerSendButton"]',
  avatar: 'a[data-testid="DM_Conversation_Avatar"]',
  scroller: '[data-testid="DmActivityViewport"]',
  messageEntry: '[data-testid="messageEntry"]',
  messageText: '[data-testid="messageEntry"] [data-testid="tweetText"]',
  row: '[data-testid="cellInnerDiv"]',
  bio: '[data-testid="UserDescription"]',
};

const CONVERSATION_PATH = /^\/messages\/([0-9]+(?:-[0-9]+)?)\/?$/;

/** The bio on the partner card at the top of a one-to-one conversation. */
function partnerBio(root: ParentNode, handle: string): string | null {
  for (const bio of root.querySelectorAll<HTMLElement>(SEL.bio)) {
    const card = bio.closest(SEL.row) ?? bio.parentElement;
    const links = card ? Array.from(card.querySelectorAll('a[href]')) : [];
    if (links.some((a) => handleFromHref(a.getAttribute('href'))?.toLowerCase() === handle.toLowerCase())) {
      return recoverText(bio);
    }
  }
  return null;
}

function lowestCommonAncestor(a: Element, b: Element): HTMLElement | null {
  let node: Element | null = a;
  while (node && !node.contains(b)) node = node.parentElement;
  return node as HTMLElement | null;
}

function pasteEvent(text: string): ClipboardEvent {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  if (event.clipboardData?.getData('text/plain') === text) return event;
  // Firefox ignores `clipboardData` in the constructor but honours its own {dataType, data}.
  return new ClipboardEvent('paste', {
    dataType: 'text/plain',
    data: text,
    bubbles: true,
    cancelable: true,
  } as ClipboardEventInit);
}

function classicSurface(slot: string, root: HTMLElement, id: string): Surface {
  return {
    slot,
    root,
    conversation(): Conversation | null {
      const href = root.querySelector(SEL.avatar)?.getAttribute('href') ?? null;
      if (href && /\/messages\/[0-9]+\/participants\/?$/.test(new URL(href, 'https://x.com').pathname)) {
        return { id, participants: [], group: true };
      }
      const handle = handleFromHref(href);
      if (!handle) return null;
      return { id, participants: [{ handle, bio: partnerBio(root, handle) }], group: false };
    },
    composer(): ComposerParts | null {
      const editor = root.querySelector<HTMLElement>(SEL.editor);
      if (!editor) return null;
      const sendButton = root.querySelector<HTMLElement>(SEL.sendButton);
      // Without a send button, cover the editor's own container (never DraftJS's insides).
      const row =
        (sendButton && lowestCommonAncestor(editor, sendButton)) ??
        editor.closest<HTMLElement>(SEL.editorContainer)?.parentElement ??
        editor.parentElement;
      return row ? { row, editor, sendButton } : null;
    },
    insert(parts, text) {
      // DraftJS builds its content from a paste's text/plain; writing the DOM would leave the
      // editor state (and so what X sends) unchanged.
      parts.editor.focus();
      parts.editor.dispatchEvent(pasteEvent(text));
    },
    read(parts) {
      const blocks = parts.editor.querySelectorAll('[data-block="true"]');
      if (blocks.length === 0) return parts.editor.textContent ?? '';
      return Array.from(blocks, (b) => b.textContent ?? '').join('\n');
    },
    clear(parts) {
      if (this.read(parts) === '') return;
      parts.editor.focus();
      getSelection()?.selectAllChildren(parts.editor);
      document.execCommand('delete');
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
      return directionFromLayout(element.closest(SEL.messageEntry)?.parentElement ?? null);
    },
    health(): Health {
      return {
        composer: root.querySelector(SEL.editor) !== null,
        messageList: root.querySelector(SEL.scroller) !== null,
      };
    },
  };
}

export const xClassic: SiteAdapter = {
  name: 'x-classic',
  surfaces() {
    const out: Surface[] = [];
    const id = CONVERSATION_PATH.exec(location.pathname)?.[1];
    if (id) {
      // If X renames its section we still cover the main column, so the health check can speak up.
      const root =
        document.querySelector<HTMLElement>(SEL.section) ??
        document.querySelector<HTMLElement>(SEL.primaryColumn) ??
        document.body;
      out.push(classicSurface('x-classic:page', root, id));
    }
    const drawer = document.querySelector<HTMLElement>(SEL.drawer);
    if (drawer && !id) {
      const link = drawer.querySelector(SEL.drawerHeader)?.querySelector('a[href^="/messages/"]');
      const drawerId =
        link &&
        CONVERSATION_PATH.exec(new URL(link.getAttribute('href') ?? '', 'https://x.com').pathname)?.[1];
      if (drawerId) out.push(classicSurface('x-classic:drawer', drawer, drawerId));
    }
    return out;
  },
};
