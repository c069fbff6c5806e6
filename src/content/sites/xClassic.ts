// X's classic DM page (https://x.com/messages/<id>), composer is a DraftJS editor.
// Every selector for this UI lives in this file (see shared/x-dom.md).
import type { Theme } from '../../shared/protocol';
import type { ComposerParts, Conversation, Health, SiteAdapter } from './types';

const SEL = {
  section: 'section[aria-labelledby="detail-header"]',
  editor: '[data-testid="dmComposerTextInput"]',
  sendButton: '[data-testid="dmComposerSendButton"]',
  avatar: 'a[data-testid="DM_Conversation_Avatar"]',
  scroller: '[data-testid="DmActivityViewport"]',
  messageText: '[data-testid="messageEntry"] [data-testid="tweetText"]',
  bio: '[data-testid="UserDescription"]',
};

const CONVERSATION_PATH = /^\/messages\/([0-9]+(?:-[0-9]+)?)\/?$/;
const HANDLE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/;

function scope(): ParentNode {
  return document.querySelector(SEL.section) ?? document;
}

function handleFromHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, location.origin);
    if (url.hostname !== 'x.com') return null;
    return HANDLE_PATH.exec(url.pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The bio shown on the partner card at the top of a one-to-one conversation. */
function partnerBio(root: ParentNode, handle: string): string | null {
  for (const bio of root.querySelectorAll<HTMLElement>(SEL.bio)) {
    const card = bio.closest('[data-testid="cellInnerDiv"]') ?? bio.parentElement;
    const links = card ? Array.from(card.querySelectorAll('a[href]')) : [];
    if (links.some((a) => handleFromHref(a.getAttribute('href'))?.toLowerCase() === handle.toLowerCase())) {
      return recover(bio);
    }
  }
  return null;
}

function recover(node: Node): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
    else if (child instanceof HTMLImageElement) out += child.alt;
    else if (child instanceof HTMLBRElement) out += '\n';
    else if (child instanceof HTMLElement) {
      // The "…" X appends to shortened links is decoration, not text.
      if (child.getAttribute('aria-hidden') === 'true') continue;
      out += recover(child);
    }
  }
  return out;
}

function lowestCommonAncestor(a: Element, b: Element): HTMLElement | null {
  let node: Element | null = a;
  while (node && !node.contains(b)) node = node.parentElement;
  return node as HTMLElement | null;
}

function rgbLuminance(color: string): number | null {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(color);
  if (!m || m[4] === '0') return null;
  return (Number(m[1]) * 299 + Number(m[2]) * 587 + Number(m[3]) * 114) / 1000;
}

export const xClassic: SiteAdapter = {
  name: 'x-classic',

  matches(url) {
    return url.hostname === 'x.com' && CONVERSATION_PATH.test(url.pathname);
  },

  conversation(): Conversation | null {
    const id = CONVERSATION_PATH.exec(location.pathname)?.[1];
    if (!id) return null;
    const root = scope();
    const handle = handleFromHref(root.querySelector(SEL.avatar)?.getAttribute('href') ?? null);
    if (!handle) return null; // groups link the avatar to /participants: handled by a later adapter
    return { id, participants: [{ handle, bio: partnerBio(root, handle) }] };
  },

  composer(): ComposerParts | null {
    const root = scope();
    const editor = root.querySelector<HTMLElement>(SEL.editor);
    if (!editor) return null;
    const sendButton = root.querySelector<HTMLElement>(SEL.sendButton);
    const row = (sendButton && lowestCommonAncestor(editor, sendButton)) ?? editor.parentElement;
    return row ? { row, editor, sendButton } : null;
  },

  insert(parts, text) {
    const { editor } = parts;
    editor.focus();
    // DraftJS builds its content from a paste's text/plain; writing the DOM would leave the
    // editor state (and so what X sends) unchanged.
    const data = new DataTransfer();
    data.setData('text/plain', text);
    let event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (event.clipboardData?.getData('text/plain') !== text) {
      // Firefox ignores `clipboardData` in the constructor but honours its own {dataType, data}.
      event = new ClipboardEvent('paste', {
        dataType: 'text/plain',
        data: text,
        bubbles: true,
        cancelable: true,
      } as ClipboardEventInit);
    }
    editor.dispatchEvent(event);
  },

  read(parts) {
    // DraftJS renders each block as a div; blocks are lines.
    const blocks = parts.editor.querySelectorAll('[data-block="true"]');
    if (blocks.length === 0) return parts.editor.textContent ?? '';
    return Array.from(blocks, (b) => b.textContent ?? '').join('\n');
  },

  clear(parts) {
    const { editor } = parts;
    if ((this.read(parts) ?? '') === '') return;
    editor.focus();
    const selection = getSelection();
    selection?.selectAllChildren(editor);
    document.execCommand('delete');
  },

  isSendEnabled(parts) {
    const button = parts.sendButton;
    if (!button?.isConnected) return false;
    return !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true';
  },

  messageTexts() {
    return Array.from(scope().querySelectorAll<HTMLElement>(SEL.messageText));
  },

  recoverText(element) {
    return recover(element).replace(/\s+$/, '');
  },

  theme(): Theme {
    const lum = rgbLuminance(getComputedStyle(document.body).backgroundColor);
    if (lum === null || lum > 128) return 'light';
    return lum > 20 ? 'dim' : 'dark';
  },

  health(): Health {
    const root = scope();
    return {
      composer: root.querySelector(SEL.editor) !== null,
      messageList: root.querySelector(SEL.scroller) !== null,
    };
  },
};
