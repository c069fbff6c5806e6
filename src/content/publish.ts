// Publishing the user's key in their X bio. On X's edit-profile page Sotto adds a button next to
// the bio field that puts the user's bio token (public) into the field; the user presses X's own
// Save. Then, on the user's own profile page, Sotto reads the live bio back and says whether the
// key is published. Only the public token and plain labels ever enter the page.
import { bioWithToken } from '../core/bioEdit';
import { parseBioFingerprint } from '../core/bioToken';
import { message, request } from './runtime';
import { xProfile } from './sites/xProfile';

const PANEL_ATTR = 'data-sotto-publish';
const RESULT_ATTR = 'data-sotto-publish-result';
const BOX = 'all:initial;display:flex;gap:8px;margin:8px;font:14px/1.4 system-ui,sans-serif;color:inherit;';
const BUTTON_STYLE =
  'all:initial;cursor:pointer;padding:6px 14px;border-radius:999px;background:#1d9bf0;color:#fff;font:700 14px system-ui;';
const TONES = {
  ok: 'background:#e8f8f1;color:#00573a;border:1px solid #00ba7c;padding:10px;border-radius:8px;',
  warn: 'background:#fff4e5;color:#5f3700;border:1px solid #f4a100;padding:10px;border-radius:8px;',
};

/** The token the user added on the edit page, until their profile confirms it. */
let pending: string | null = null;
const panels = new WeakMap<HTMLTextAreaElement, HTMLElement>();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.style.cssText = style;
  node.textContent = text;
  return node;
}

function mountButton(field: HTMLTextAreaElement): void {
  const panel = el('div', `${BOX}flex-direction:column;align-items:flex-start;`);
  panels.set(field, panel);
  panel.setAttribute(PANEL_ATTR, '');
  const button = el('button', BUTTON_STYLE, message('publishButton'));
  button.type = 'button';
  button.setAttribute('data-testid', 'sotto-publish-button');
  const status = el('p', 'font:inherit;margin:0;');
  status.setAttribute('role', 'status');
  status.setAttribute('data-testid', 'sotto-publish-status');
  panel.append(button, status);
  xProfile.bioAnchor(field).after(panel);

  const say = (text: string, tone: 'ok' | 'bad') => {
    status.textContent = text;
    status.style.color = tone === 'ok' ? '#00ba7c' : '#f4212e';
    status.setAttribute('data-tone', tone);
  };
  button.addEventListener('click', async () => {
    let answer: { token: string } | { none: true };
    try {
      answer = await request({ type: 'publish.token' });
    } catch {
      return say(message('publishFailed'), 'bad');
    }
    if (!('token' in answer)) return say(message('publishNoKey'), 'bad');
    const edit = bioWithToken(field.value, answer.token, xProfile.bioLimit(field));
    if (!edit.ok) return say(message('publishNoRoom', [String(edit.needed), String(edit.available)]), 'bad');
    if (edit.changed) {
      const before = field.value;
      if (!xProfile.setBio(field, edit.bio)) {
        xProfile.setBio(field, before);
        return say(message('publishFieldRefused'), 'bad');
      }
    }
    pending = answer.token;
    say(message(edit.changed ? 'publishAdded' : 'publishAlready'), 'ok');
    xProfile.saveButton()?.focus();
  });
}

function showResult(token: string): void {
  const own = xProfile.ownProfile();
  if (!own) return;
  const expected = parseBioFingerprint(token);
  const found = parseBioFingerprint(own.bio);
  const state = found === null ? 'missing' : found === expected ? 'confirmed' : 'other';
  let banner = own.root.querySelector<HTMLElement>(`[${RESULT_ATTR}]`);
  if (banner?.getAttribute('data-state') === state) return;
  if (!banner) {
    banner = el('div', BOX);
    banner.setAttribute(RESULT_ATTR, '');
    banner.setAttribute('role', 'status');
    banner.append(el('span', 'flex:1;'));
    const dismiss = el('button', 'all:initial;cursor:pointer;text-decoration:underline;font:inherit;');
    dismiss.type = 'button';
    dismiss.textContent = message('publishDismiss');
    dismiss.addEventListener('click', () => {
      pending = null;
      banner?.remove();
    });
    banner.append(dismiss);
    own.root.prepend(banner);
  }
  banner.setAttribute('data-state', state);
  banner.style.cssText = BOX + TONES[state === 'confirmed' ? 'ok' : 'warn'];
  const text = banner.firstElementChild as HTMLElement;
  text.textContent =
    state === 'confirmed'
      ? message('publishConfirmed')
      : state === 'other'
        ? message('publishOther', `openpgp4fpr:${(found ?? '').toLowerCase()}`)
        : message('publishMissing');
}

function pass(): void {
  if (xProfile.isEditProfile(new URL(location.href))) {
    const field = xProfile.bioField();
    if (field && !panels.get(field)?.isConnected) mountButton(field);
  } else if (pending) {
    showResult(pending);
  }
}

export function startPublish(): void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      pass();
    });
  };
  new MutationObserver(schedule).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  window.addEventListener('popstate', schedule);
  schedule();
}
