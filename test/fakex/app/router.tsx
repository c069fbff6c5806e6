/** @jsxImportSource react */
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** X is a single-page app: navigation is pushState plus a popstate listener, no reloads. */
const NAV_EVENT = 'fakex:navigate';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAV_EVENT));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return path;
}

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
