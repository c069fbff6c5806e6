// Content script: finds conversation views, mounts the secure composer and message frames, and
// moves ciphertext between the site and the background. It never sees plaintext or keys.
import type { ToContent } from '../shared/protocol';
import { reportBios } from './bios';
import { resizeFrame } from './frames';
import { startPublish } from './publish';
import { onBackgroundMessage, onDelivery, request } from './runtime';
import type { SiteAdapter } from './sites/types';
import { groupMembersOnPage } from './sites/xAccount';
import { xChat } from './sites/xChat';
import { xClassic } from './sites/xClassic';
import { SurfaceController } from './surface';

const adapters: SiteAdapter[] = [xClassic, xChat];
const controllers = new Map<string, SurfaceController>();
let lastGroupMembers = '';

async function pass(): Promise<void> {
  const surfaces = adapters.flatMap((a) => a.surfaces());
  const slots = new Set(surfaces.map((s) => s.slot));
  for (const [slot, controller] of controllers) {
    if (!slots.has(slot)) {
      controller.closeConversation();
      controllers.delete(slot);
    }
  }
  for (const surface of surfaces) {
    let controller = controllers.get(surface.slot);
    if (!controller) {
      controller = new SurfaceController(surface);
      controllers.set(surface.slot, controller);
    }
    await controller.update(surface);
  }
  const members = groupMembersOnPage();
  const membersKey = JSON.stringify(members);
  if (members && membersKey !== lastGroupMembers) {
    lastGroupMembers = membersKey;
    await request({ type: 'group.members', ...members });
  }
  await reportBios();
}

// Batch DOM changes into one pass per animation frame; passes never overlap.
const PASS_RETRY_MS = 2000;
let scheduled = false;
let running: Promise<void> = Promise.resolve();
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    // A pass that failed (the background did not answer even when asked again) is tried again.
    running = running.then(pass).catch(() => void setTimeout(schedule, PASS_RETRY_MS));
  });
}

onDelivery((message, mayClick) => {
  for (const controller of controllers.values()) {
    const allowUnsealed = message.kind !== 'message';
    const delivery = controller.deliver(message.composerHandle, message.ciphertext, allowUnsealed, mayClick);
    if (delivery) return delivery;
  }
  // Not a composer on this page any more (the user navigated away): refuse, never send elsewhere.
  return Promise.resolve({ ok: false, reason: 'composer-missing' });
});

onBackgroundMessage((message: ToContent) => {
  switch (message.type) {
    case 'composer.deliver':
      return undefined; // deliveries come over a port (onDelivery)
    case 'frame.resize':
      resizeFrame(message.handle, message.height);
      return undefined;
    case 'state.changed':
      for (const controller of controllers.values()) void controller.refresh().then(schedule);
      return undefined;
  }
});

new MutationObserver(() => {
  for (const controller of controllers.values()) controller.scanNow();
  schedule();
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  characterData: true,
});
window.addEventListener('popstate', schedule);
// Scrolling moves messages towards or away from the viewport: frames follow (see messages.ts).
window.addEventListener('scroll', schedule, { capture: true, passive: true });
schedule();
startPublish();
