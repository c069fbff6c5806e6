// Bios X shows outside a conversation: the profile page `/<handle>` and hover cards (in `#layers`).
// The partner card at the top of a conversation is read by xClassic. Selectors live here only.
import { ownHandle } from './xAccount';
import { handleFromHref, recoverText } from './xText';

const SEL = {
  userName: '[data-testid="UserName"]',
  userDescription: '[data-testid="UserDescription"]',
  primaryColumn: '[data-testid="primaryColumn"]',
  hoverCard: '#layers [data-testid="HoverCard"]',
};

const HANDLE_TEXT = /@([A-Za-z0-9_]{1,15})\b/;

function shownHandle(root: ParentNode): string | null {
  const name = root.querySelector(SEL.userName);
  const fromName = HANDLE_TEXT.exec(name?.textContent ?? '')?.[1];
  if (fromName) return fromName;
  for (const a of root.querySelectorAll('a[href]')) {
    const handle = handleFromHref(a.getAttribute('href'));
    if (handle) return handle;
  }
  return null;
}

/** The profile page's person and bio ('' when the profile shows none), once it shows that person. */
function profileBio(): { handle: string; bio: string } | null {
  const pageHandle = handleFromHref(location.pathname);
  if (!pageHandle) return null;
  for (const name of document.querySelectorAll<HTMLElement>(SEL.userName)) {
    if (name.closest(SEL.hoverCard)) continue;
    if (HANDLE_TEXT.exec(name.textContent ?? '')?.[1]?.toLowerCase() !== pageHandle.toLowerCase()) continue;
    const root = name.closest<HTMLElement>(SEL.primaryColumn) ?? name.parentElement;
    const bio = root?.querySelector<HTMLElement>(SEL.userDescription);
    return { handle: pageHandle, bio: bio ? recoverText(bio) : '' };
  }
  return null;
}

/** Every bio on screen outside conversations: the profile page's and each open hover card's. */
export function biosOnPage(): Array<{ handle: string; bio: string }> {
  const out: Array<{ handle: string; bio: string }> = [];
  const profile = profileBio();
  if (profile) out.push(profile);
  for (const card of document.querySelectorAll<HTMLElement>(SEL.hoverCard)) {
    const handle = shownHandle(card);
    const bio = card.querySelector<HTMLElement>(SEL.userDescription);
    if (handle) out.push({ handle, bio: bio ? recoverText(bio) : '' });
  }
  const own = ownHandle()?.toLowerCase();
  return out.filter((b) => b.handle.toLowerCase() !== own);
}
