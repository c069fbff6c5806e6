/** @jsxImportSource react */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { type ApiUser, api, avatarUrl } from './api.ts';
import { RichText } from './RichText.tsx';
import { Link } from './router.tsx';
import { C } from './styles.ts';

const SHOW_MS = 300;
const HIDE_MS = 100;
const CARD_WIDTH = 300;
const CARD_HEIGHT = 220;
const HANDLE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/;
const NOT_USERS = new Set([
  'home',
  'messages',
  'explore',
  'notifications',
  'settings',
  'search',
  'i',
  'compose',
]);

/** The handle a link points at, when it is a profile link on x.com. */
function linkedHandle(a: HTMLAnchorElement): string | null {
  try {
    const url = new URL(a.getAttribute('href') ?? '', location.href);
    if (url.origin !== location.origin) return null;
    const h = HANDLE_PATH.exec(url.pathname)?.[1];
    return h && !NOT_USERS.has(h.toLowerCase()) ? h : null;
  } catch {
    return null;
  }
}

interface Shown {
  user: ApiUser;
  x: number;
  y: number;
}

/**
 * X's hover card: pointing at a link to `/<handle>` for ~300 ms shows
 * `#layers › hoverCardParent › HoverCard` with the name, @handle and the bio (`UserDescription`).
 * It stays while the pointer is on the link or the card and hides shortly after it leaves both.
 * Listens in the capture phase, so synthetic `mouseenter`/`mouseleave` work as well as real ones.
 */
export function HoverCards() {
  const [shown, setShown] = useState<Shown | null>(null);
  const card = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let link: HTMLAnchorElement | null = null;
    let showTimer = 0;
    let hideTimer = 0;
    let token = 0;
    const inside = (n: EventTarget | null) =>
      n instanceof Node && ((link?.contains(n) ?? false) || (card.current?.contains(n) ?? false));

    const enter = (e: Event) => {
      if (card.current?.contains(e.target as Node)) {
        clearTimeout(hideTimer);
        return;
      }
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      const handle = a ? linkedHandle(a) : null;
      if (!a || !handle) return;
      clearTimeout(hideTimer);
      if (a === link) return;
      link = a;
      clearTimeout(showTimer);
      const mine = ++token;
      showTimer = window.setTimeout(() => {
        api.user(handle).then(
          (user) => {
            if (mine !== token || !a.isConnected) return;
            // Below the link, or above it near the bottom; kept inside the window.
            const r = a.getBoundingClientRect();
            const below = r.bottom + 4 + CARD_HEIGHT <= innerHeight;
            setShown({
              user,
              x: Math.max(0, Math.min(r.left, innerWidth - CARD_WIDTH - 8)),
              y: below ? r.bottom + 4 : Math.max(0, r.top - 4 - CARD_HEIGHT),
            });
          },
          () => {},
        );
      }, SHOW_MS);
    };
    const leave = (e: Event) => {
      const t = e.target as Node | null;
      const fromLink = link !== null && t !== null && link.contains(t);
      const fromCard = card.current !== null && t !== null && card.current.contains(t);
      if (!fromLink && !fromCard) return;
      if (inside((e as MouseEvent).relatedTarget)) return;
      clearTimeout(hideTimer);
      hideTimer = window.setTimeout(() => {
        clearTimeout(showTimer);
        token++;
        link = null;
        setShown(null);
      }, HIDE_MS);
    };
    const opts = { capture: true, passive: true };
    document.addEventListener('mouseover', enter, opts);
    document.addEventListener('mouseenter', enter, opts);
    document.addEventListener('mouseout', leave, opts);
    document.addEventListener('mouseleave', leave, opts);
    return () => {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      document.removeEventListener('mouseover', enter, opts);
      document.removeEventListener('mouseenter', enter, opts);
      document.removeEventListener('mouseout', leave, opts);
      document.removeEventListener('mouseleave', leave, opts);
    };
  }, []);

  const layers = document.getElementById('layers');
  if (!layers || !shown) return null;
  const { user } = shown;
  return createPortal(
    <div data-testid="hoverCardParent" style={{ position: 'fixed', left: shown.x, top: shown.y, zIndex: 2 }}>
      <div data-testid="HoverCard" ref={card} className={`${C.view} fx-hovercard`}>
        <Link href={`/${user.screen_name}`} aria-hidden="true" tabIndex={-1}>
          <img className="fx-avatar" alt="" src={avatarUrl(user.id_str)} />
        </Link>
        <Link href={`/${user.screen_name}`}>
          <div dir="ltr">
            <span className={C.text} style={{ fontWeight: 700 }}>
              {user.name}
            </span>
          </div>
          <div dir="ltr">
            <span className={`${C.text} ${C.muted}`}>@{user.screen_name}</span>
          </div>
        </Link>
        {user.description && (
          <div data-testid="UserDescription" dir="auto" className={`${C.text} ${C.preWrap} ${C.breakWord}`}>
            <RichText text={user.description} />
          </div>
        )}
        <div className={C.muted}>
          <span>0 Following</span> · <span>0 Followers</span>
        </div>
      </div>
    </div>,
    layers,
  );
}
