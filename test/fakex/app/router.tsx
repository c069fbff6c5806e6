/** @jsxImportSource react */
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** X is a single-page app: navigation is pushState plus a popstate listener, no reloads. */
const NAV_EVENT = 'fakex:navigate';

export function navigate(path: string, replace = false): void {
  // The DM drawer stays as it is across page navigations.
  const state = { dmDrawer: drawerState() };
  if (replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAV_EVENT));
}

/** The floating DM drawer's state lives in the history entry, so back/forward restore it too. */
export interface DrawerState {
  open: boolean;
  conversation: string | null;
}

export function drawerState(): DrawerState {
  const s = (history.state as { dmDrawer?: DrawerState } | null)?.dmDrawer;
  return { open: s?.open ?? false, conversation: s?.conversation ?? null };
}

/** Opening a conversation in the drawer is a new history entry; expanding/collapsing is not. */
export function setDrawer(next: DrawerState, push: boolean): void {
  const state = { ...(history.state as object | null), dmDrawer: next };
  if (push) history.pushState(state, '', location.href);
  else history.replaceState(state, '', location.href);
  window.dispatchEvent(new Event(NAV_EVENT));
}

function useHistory<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` is a module-level function
  useEffect(() => {
    const update = () => setValue(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return value;
}

export const useDrawer = () => useHistory(drawerState);

const currentPath = () => location.pathname;
export const usePath = () => useHistory(currentPath);

/** An anchor that routes client-side for same-origin targets, like X's links. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, ...rest } = props;
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const url = new URL(props.href, location.href);
    if (url.origin !== location.origin || props.target === '_blank') return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  };
  return <a role="link" {...rest} onClick={handle} />;
}
