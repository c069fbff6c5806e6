// The typed protocol between Sotto's contexts. Everything that crosses a context boundary is
// declared here; the background validates every request against `requestSchema` before acting.
//
// Who may say what (checked by the background from `sender`, never from the message):
//   content  — the content script in an x.com tab: only ciphertext, handles, handles of people, bios.
//   frame    — the composer/message frames: redeem a handle, send text to encrypt.
//   page     — the options page and the popup: vault management.
import type { DecryptResult } from '../core/result';
import type {
  CompareView,
  ContactSummary,
  KeyCardView,
  KeyRequestView,
  TrustLevel,
  TrustResult,
} from './trust';

export type VaultState = 'none' | 'locked' | 'unlocked';
export type Theme = 'light' | 'dim' | 'dark';

export type ParticipantState =
  | 'ready' // a pinned key that can encrypt, matching the bio
  | 'no-bio-token' // their bio shows no openpgp4fpr token (or we have not seen their bio)
  | 'key-not-found' // the keyserver has no key for that fingerprint
  | 'key-unusable' // a key was found but cannot be used (no user ID, no encryption subkey, mismatch)
  | 'key-changed'; // the bio now names another key than the one pinned: blocked until the user decides

export interface ParticipantStatus {
  handle: string;
  state: ParticipantState;
  fingerprint?: string;
  pinnedFingerprint?: string;
  detail?: string;
  /** The user compared fingerprints with this person (ready) / rejected the new key (key-changed). */
  verified?: boolean;
  rejected?: boolean;
}

export interface ConversationStatus {
  vault: VaultState;
  /** True when every participant has a usable key. */
  ready: boolean;
  /**
   * Sealed: the native composer is covered and only ciphertext goes out. A conversation is sealed
   * by default once it is ready, and stays sealed (a later missing key blocks, never unseals).
   */
  sealed: boolean;
  /** Groups: whether Sotto has seen the member list (X shows it on the group's info page). */
  membersKnown: boolean;
  participants: ParticipantStatus[];
}

export interface VaultStatus {
  state: VaultState;
  fingerprint?: string;
  bioToken?: string;
  publicKey?: string;
  name?: string;
  autoLockMinutes: number;
}

/** What a message frame shows: the core's result plus who signed it, as far as we know. */
export type MessageView =
  | (DecryptResult & {
      signerHandle?: string;
      signerIsSelf?: boolean;
      /** Which of the signer's keys signed: their pinned one, or one they had before a key change. */
      signerKey?: 'current' | 'previous';
      signerTrust?: TrustLevel;
    })
  | KeyRequestView
  | KeyCardView;

export type SendFailure =
  | 'locked'
  | 'not-ready'
  | 'too-long'
  | 'empty'
  | 'expired'
  | 'encrypt-failed'
  | 'no-tab'
  | 'insert-rejected'
  | 'insert-mismatch'
  | 'send-button-missing'
  | 'send-not-confirmed'
  | 'composer-missing'
  | 'busy'
  | 'not-committed';

export type SendResult = { ok: true } | { ok: false; reason: SendFailure };

// ---- requests to the background (validated there by requestSchema.ts) ----

export type Request =
  | {
      type: 'conversation.open';
      /** The content script's name for this opening, so a repeated request opens one composer. */
      openId: string;
      conversationId: string;
      participants: Array<{ handle: string; bio: string | null }>;
      group: boolean;
      ownHandle: string | null;
      theme: Theme;
    }
  | { type: 'composer.sealed'; handle: string }
  | { type: 'group.members'; conversationId: string; handles: string[] }
  | { type: 'conversation.seal'; handle: string }
  | { type: 'message.register'; conversationId: string; ciphertext: string; theme: Theme }
  | { type: 'bios.seen'; bios: Array<{ handle: string; bio: string }> }
  | { type: 'keys.ask'; handle: string; participant: string }
  | { type: 'keycard.send'; handle: string }
  | { type: 'trust.accept'; handle: string; participant: string }
  | { type: 'trust.reject'; handle: string; participant: string }
  | { type: 'trust.compare'; handle: string; participant: string }
  | { type: 'trust.verify'; handle: string; participant: string; verified: boolean }
  | { type: 'contacts.list' }
  | { type: 'contacts.import'; participant: string; armored: string }
  | { type: 'contacts.remove'; participant: string }
  | { type: 'contacts.verify'; participant: string; verified: boolean }
  | { type: 'composer.attach'; handle: string }
  /** `sendId`: the composer's name for this attempt; it must agree to the click (see `Commit`). */
  | { type: 'composer.send'; handle: string; text: string; sendId: string }
  | { type: 'composer.draft'; handle: string; text: string }
  | { type: 'message.open'; handle: string }
  | { type: 'frame.resize'; handle: string; height: number }
  | { type: 'vault.status' }
  | { type: 'vault.create'; name: string; email: string; passphrase: string }
  | { type: 'vault.unlock'; passphrase: string }
  | { type: 'vault.lock' }
  | { type: 'keyserver.upload' }
  | { type: 'vault.settings'; autoLockMinutes: AutoLockMinutes }
  | { type: 'vault.changePassphrase'; current: string; next: string }
  | {
      type: 'vault.import';
      /** Armored text, or base64 of a binary export. */
      data: string;
      encoding: 'armored' | 'base64';
      currentPassphrase: string;
      passphrase: string;
    }
  | { type: 'backup.create' }
  | { type: 'backup.restore'; file: string; code: string; passphrase: string }
  | { type: 'publish.token' };

export type RequestType = Request['type'];

/**
 * Requests that may be sent again when the background does not answer (see persist.ts): reads,
 * and registrations whose duplicate is only an unused handle. Never a send, a draft (an older
 * text could land last) or anything that changes keys.
 */
export const REPEATABLE_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'conversation.open',
  'composer.sealed',
  'composer.attach',
  'message.register',
  'message.open',
  'group.members',
  'bios.seen',
  'vault.status',
  'contacts.list',
]);

// ---- vault: settings, import, backup ----

/** The auto-lock choices the options page offers. */
export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240, 480] as const;
export type AutoLockMinutes = (typeof AUTO_LOCK_CHOICES)[number];

/** Why a key could not be imported (src/core/importKey.ts, plus the vault's own refusal). */
export type ImportKeyFailure =
  | 'unreadable'
  | 'too-large'
  | 'no-key'
  | 'multiple-keys'
  | 'stub-secret-key'
  | 'public-key-only'
  | 'expired-or-revoked'
  | 'cannot-sign'
  | 'cannot-encrypt'
  | 'no-user-id'
  | 'wrong-passphrase'
  | 'empty-passphrase'
  | 'key-exists';

export interface BackupCreated {
  ok: true;
  /** Shown once, for the user to write down; never stored. */
  code: string;
  /** The armored, password-encrypted backup file. */
  file: string;
  fingerprint: string;
  createdAt: number;
}

export type RestoreFailure =
  | 'code-bad-character'
  | 'code-wrong-length'
  | 'code-typo'
  | 'wrong-code'
  | 'not-a-backup'
  | 'too-large'
  | 'unsupported-version'
  | 'damaged'
  | 'wrong-passphrase'
  | 'key-exists';

export interface ComposerView {
  status: ConversationStatus;
  theme: Theme;
  /** Unsent text from an earlier composer for this conversation. */
  draft: string;
}

export interface MessageFrameView {
  view: MessageView;
  theme: Theme;
}

/** The answer for each request type. */
export interface ResponseMap {
  'conversation.open': { composerHandle: string; status: ConversationStatus };
  'message.register': { handle: string };
  'composer.sealed': { sealed: boolean } | { expired: true };
  'group.members': null;
  'conversation.seal': null;
  'bios.seen': null;
  'keys.ask': SendResult;
  'keycard.send': SendResult;
  'trust.accept': TrustResult;
  'trust.reject': null;
  'trust.compare': CompareView | { expired: true };
  'trust.verify': null;
  'contacts.list': { contacts: ContactSummary[]; ownFingerprint: string | null };
  'contacts.import': TrustResult;
  'contacts.remove': null;
  'contacts.verify': null;
  'composer.attach': ComposerView | { expired: true };
  'composer.send': SendResult;
  'composer.draft': null;
  'message.open': MessageFrameView | { expired: true };
  'frame.resize': null;
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': { ok: true } | { ok: false; reason: 'wrong-passphrase' | 'no-key' };
  'vault.lock': null;
  'keyserver.upload':
    | { ok: true; fingerprint: string; verification?: { sent: string[]; published: string[] } }
    | { ok: false; reason: string };
  'vault.settings': null;
  'vault.changePassphrase': { ok: true } | { ok: false; reason: 'wrong-passphrase' | 'no-key' };
  'vault.import': { ok: true } | { ok: false; reason: ImportKeyFailure; detail?: string };
  'backup.create': BackupCreated | { ok: false; reason: 'no-key' };
  'backup.restore': { ok: true } | { ok: false; reason: RestoreFailure };
  'publish.token': { token: string } | { none: true };
}

export type Response<T extends RequestType> = ResponseMap[T];

// ---- messages from the background to the content script of a tab ----

export type ToContent =
  | {
      type: 'composer.deliver';
      composerHandle: string;
      ciphertext: string;
      /** Key requests and key cards are public and may go out in a conversation that is not sealed. */
      kind: 'message' | 'key-request' | 'key-card';
    }
  | { type: 'frame.resize'; handle: string; height: number }
  | { type: 'state.changed' };

export type DeliverResult =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'insert-rejected'
        | 'insert-mismatch'
        | 'send-button-missing'
        | 'send-not-confirmed'
        | 'composer-missing'
        | 'not-committed';
    };

/**
 * After `composer.deliver`, on the same port: when the ciphertext is in X's composer and checked,
 * the content script asks `ready`; it clicks only on `go`. The background says `go` only after the
 * secure composer that sent it agreed (`Commit`), so a background that hangs or restarts mid-send,
 * or a composer that has already told its user "nothing was sent", means no click.
 */
export type DeliverHandshake = { type: 'ready' } | { type: 'go' } | { type: 'stop' };

// ---- messages from the background to frames and pages (broadcast) ----

export type Broadcast = { type: 'state.changed' };

/** Background → the secure composer that asked to send: may the click happen? Answer: boolean. */
export type Commit = { type: 'composer.commit'; handle: string; sendId: string };
