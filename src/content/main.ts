// Content script: finds conversations, mounts the secure composer and message frames, and moves
// ciphertext between the site and the background. It never sees plaintext or keys.
import type { ToContent } from '../shared/protocol';
import { currentComposer, deliver, keepComposerMounted, mountComposer, unmountComposer } from './composer';
import { resizeFrame, sweepFrames } from './frames';
import { scanMessages } from './messages';
import { onBackgroundMessage, request } from './runtime';
import type { Conversation, SiteAdapter } from './sites/types';
import { xClassic } from './sites/xClassic';

const adapters: SiteAdapter[] = [xClassic];

let active: { adapter: SiteAdapter; key: string; conversation: Conversation } | null = null;
let opening: string | null = null;
let scheduled = false;
let running: Promise<void> = Promise.resolve();

function conversationKey(c: Conversation): string {
  return JSON.stringify([c.id, c.participants]);
}

async function openConversation(
  adapter: SiteAdapter,
  conversation: Conversation,
  key: string,
): Promise<void> {
  opening = key;
  try {
    const { composerHandle, status } = await request({
      type: 'conversation.open',
      conversationId: conversation.id,
      participants: conversation.participants,
      theme: adapter.theme(),
    });
    if (opening !== key) return; // navigated away meanwhile
    mountComposer(adapter, conversation.id, composerHandle, status);
    active = { adapter, key, conversation };
  } finally {
    if (opening === key) opening = null;
  }
}

async function pass(): Promise<void> {
  const url = new URL(location.href);
  const adapter = adapters.find((a) => a.matches(url));
  const conversation = adapter?.conversation() ?? null;
  if (!adapter || !conversation) {
    if (active) {
      unmountComposer();
      active = null;
    }
    return;
  }
  const key = conversationKey(conversation);
  if (active?.key !== key && opening !== key) {
    if (active) unmountComposer();
    active = null;
    await openConversation(adapter, conversation, key);
  } else if (active) {
    keepComposerMounted(adapter);
  }
  await scanMessages(adapter, conversation.id, adapter.theme());
  sweepFrames();
}

// Batch DOM changes into one pass per animation frame; passes never overlap.
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    running = running.then(pass).catch(() => undefined);
  });
}

onBackgroundMessage((message: ToContent) => {
  switch (message.type) {
    case 'composer.deliver': {
      const adapter = active?.adapter;
      if (!adapter) return Promise.resolve({ ok: false, reason: 'composer-missing' });
      return deliver(adapter, message.composerHandle, message.ciphertext);
    }
    case 'frame.resize':
      resizeFrame(message.handle, message.height);
      return undefined;
    case 'state.changed':
      // Lock state changed: re-open the conversation so the composer reflects it.
      if (!currentComposer()?.delivering) {
        unmountComposer();
        active = null;
        schedule();
      }
      return undefined;
  }
});

new MutationObserver(schedule).observe(document.documentElement, {
  childList: true,
  subtree: true,
  characterData: true,
});
window.addEventListener('popstate', schedule);
schedule();
