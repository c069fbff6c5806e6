// X's profile pages, for publishing the user's key: the edit-profile modal at /settings/profile
// (an uncontrolled bio textarea and X's own Save button) and the user's own profile page, where
// the saved bio is read back. Every selector for these pages lives here (see shared/x-dom.md).
import { ownHandle } from './xAccount';
import { handleFromHref, recoverText, setNativeValue } from './xText';

const SEL = {
  bioField: 'textarea[name="description"]',
  saveButton: '[data-testid="Profile_Save_Button"]',
  userName: '[data-testid="UserName"]',
  userDescription: '[data-testid="UserDescription"]',
  primaryColumn: '[data-testid="primaryColumn"]',
};

const EDIT_PROFILE_PATH = /^\/settings\/profile\/?$/;
const BIO_LIMIT = 160;

export const xProfile = {
  isEditProfile(url: URL): boolean {
    return EDIT_PROFILE_PATH.test(url.pathname);
  },

  bioField(): HTMLTextAreaElement | null {
    return document.querySelector<HTMLTextAreaElement>(SEL.bioField);
  },

  /** The field's own limit (maxlength, UTF-16 code units), X's 160 when it states none. */
  bioLimit(field: HTMLTextAreaElement): number {
    return field.maxLength > 0 ? field.maxLength : BIO_LIMIT;
  },

  /** Sets the uncontrolled field the way X's onChange sees it; true if it now holds `value`. */
  setBio(field: HTMLTextAreaElement, value: string): boolean {
    setNativeValue(field, value);
    return field.value === value;
  },

  /** Where the publish button goes: after the bio field's label. */
  bioAnchor(field: HTMLTextAreaElement): HTMLElement {
    return field.closest('label') ?? field;
  },

  saveButton(): HTMLElement | null {
    return document.querySelector<HTMLElement>(SEL.saveButton);
  },

  /**
   * On the signed-in user's own profile page, once it shows that user: their handle and live bio
   * ('' when the profile shows no bio). Null anywhere else or while the profile is loading.
   */
  ownProfile(): { handle: string; bio: string; root: HTMLElement } | null {
    const pageHandle = handleFromHref(location.pathname);
    const own = ownHandle();
    if (!pageHandle || !own || pageHandle.toLowerCase() !== own.toLowerCase()) return null;
    const name = document.querySelector<HTMLElement>(SEL.userName);
    if (!name || !(name.textContent ?? '').toLowerCase().includes(`@${own.toLowerCase()}`)) return null;
    const root = name.closest<HTMLElement>(SEL.primaryColumn) ?? name.parentElement ?? document.body;
    const bio = root.querySelector<HTMLElement>(SEL.userDescription);
    return { handle: own, bio: bio ? recoverText(bio) : '', root };
  },
};
