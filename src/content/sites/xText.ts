// How X renders text, read back: emoji are <img alt>, links carry hidden parts plus an
// aria-hidden "…", <br> is a newline. Shared by every X adapter.

export function recoverText(node: Node): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
    else if (child instanceof HTMLImageElement) out += child.alt;
    else if (child instanceof HTMLBRElement) out += '\n';
    else if (child instanceof HTMLElement) {
      if (child.getAttribute('aria-hidden') === 'true') continue;
      out += recoverText(child);
    }
  }
  return out;
}

const HANDLE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/;
const NOT_HANDLES = new Set([
  'home',
  'messages',
  'explore',
  'notifications',
  'settings',
  'i',
  'search',
  'compose',
]);

/** `/<handle>` or `https://x.com/<handle>` → handle. */
export function handleFromHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, 'https://x.com');
    if (url.hostname !== 'x.com') return null;
    const handle = HANDLE_PATH.exec(url.pathname)?.[1] ?? null;
    return handle && !NOT_HANDLES.has(handle.toLowerCase()) ? handle : null;
  } catch {
    return null;
  }
}

/** Sets a React-controlled field's value so React sees it (a plain `.value =` is swallowed). */
export function setNativeValue(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  const proto =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function isDisabled(button: HTMLElement | null): boolean {
  if (!button?.isConnected) return true;
  return (button as HTMLButtonElement).disabled || button.getAttribute('aria-disabled') === 'true';
}

/** Direction is only in the layout: sent rows align right, received rows left. */
export function directionFromLayout(row: Element | null): 'sent' | 'received' | null {
  for (let el = row; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (style.alignItems === 'flex-end' || style.justifyContent === 'flex-end') return 'sent';
    if (style.alignItems === 'flex-start' || style.justifyContent === 'flex-start') return 'received';
  }
  return null;
}
