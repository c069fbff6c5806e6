// Facts about the signed-in user and groups that X shows outside a conversation view.
import { handleFromHref } from './xText';

const SEL = {
  accountSwitcher: '[data-testid="SideNav_AccountSwitcher_Button"]',
  userCell: '[data-testid="UserCell"]',
};

const GROUP_INFO_PATH = /^\/messages\/([0-9]+)\/(?:info|participants)\/?$/;

/** The signed-in user's handle, from the account switcher in X's side navigation. */
export function ownHandle(): string | null {
  const text = document.querySelector(SEL.accountSwitcher)?.textContent ?? '';
  return /@([A-Za-z0-9_]{1,15})/.exec(text)?.[1] ?? null;
}

/** On a group's info page: the group id and its members' handles. */
export function groupMembersOnPage(): { conversationId: string; handles: string[] } | null {
  const conversationId = GROUP_INFO_PATH.exec(location.pathname)?.[1];
  if (!conversationId) return null;
  const handles = new Set<string>();
  for (const cell of document.querySelectorAll(SEL.userCell)) {
    for (const a of cell.querySelectorAll('a[href]')) {
      const handle = handleFromHref(a.getAttribute('href'));
      if (handle) handles.add(handle);
    }
  }
  return handles.size > 0 ? { conversationId, handles: [...handles] } : null;
}
