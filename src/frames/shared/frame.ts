// What every frame does: read its handle (the only thing in its URL), follow the site's theme,
// and tell the background its height so the site can size the iframe.
import type { Theme } from '../../shared/protocol';
import { request } from '../../shared/rpc';

export function frameHandle(): string | null {
  const handle = location.hash.slice(1);
  return /^[0-9a-f]{32}$/.test(handle) ? handle : null;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function reportHeight(handle: string): void {
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    void request({ type: 'frame.resize', handle, height }).catch(() => undefined);
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}
