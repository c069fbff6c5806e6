// When an adapter cannot find the parts of a conversation view it needs, Sotto says so in the
// page instead of failing silently, and fences every editable in that view so nothing is typed
// into X's composer by mistake.
import { fence } from './composer';
import { message } from './runtime';
import type { Health, Surface } from './sites/types';

const BANNER_ATTR = 'data-sotto-banner';
const EDITABLES =
  'textarea, [contenteditable="true"], [contenteditable=""], input[type="text"], input:not([type])';

export function showHealth(surface: Surface, health: Health): void {
  const existing = surface.root.querySelector<HTMLElement>(`[${BANNER_ATTR}]`);
  if (health.composer && health.messageList) {
    existing?.remove();
    return;
  }
  const text = message(health.composer ? 'healthNoMessageList' : 'healthNoComposer');
  let banner = existing;
  if (!banner) {
    banner = document.createElement('div');
    banner.setAttribute(BANNER_ATTR, '');
    banner.setAttribute('role', 'alert');
    banner.style.cssText =
      'all:initial;display:block;box-sizing:border-box;margin:8px;padding:10px 12px;border-radius:8px;' +
      'background:#fff4e5;color:#5f3700;border:1px solid #f4a100;font:14px/1.4 system-ui,sans-serif;';
    surface.root.prepend(banner);
  }
  if (banner.textContent !== text) banner.textContent = text;
  if (!health.composer) {
    for (const editable of surface.root.querySelectorAll<HTMLElement>(EDITABLES)) fence(editable);
  }
}
