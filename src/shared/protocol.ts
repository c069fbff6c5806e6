// The typed protocol between Sotto's contexts. Everything that crosses a context boundary is
// declared here; the background validates every request against `requestSchema` before acting.
//
// Who may say what (checked by the background from `sender`, never from the message):
//   content  — the content script in an x.com tab: only ciphertext, handles, handles of people, bios.
//   frame    — the composer/message frames: redeem a handle, send text to encrypt.
//   page     — the options page and the popup: vault management.
import type { DecryptResult } from '../core/result';

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
}

export interface ConversationStatus {
  vault: VaultState;
  /** True when every participant has a usable key: the conversation is sealed. */
  ready: boolean;
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
export type MessageView = DecryptResult & { signerHandle?: string; signerIsSelf?: boolean };

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
  | 'busy';

export type SendResult = { ok: true } | { ok: false; reason: SendFailure };

// ---- requests to the background (validated there by requestSchema.ts) ----

export type Request =
  | {
      type: 'conversation.open';
      conversationId: string;
      participants: Array<{ handle: string; bio: string | null }>;
      theme: Theme;
    }
  | { type: 'message.register'; conversationId: string; ciphertext: string; theme: Theme }
  | { type: 'bios.seen'; bios: Array<{ handle: string; bio: string }> }
  | { type: 'composer.attach'; handle: string }
  | { type: 'composer.send'; handle: string; text: string }
  | { type: 'message.open'; handle: string }
  | { type: 'frame.resize'; handle: string; height: number }
  | { type: 'vault.status' }
  | { type: 'vault.create'; name: string; email: string; passphrase: string }
  | { type: 'vault.unlock'; passphrase: string }
  | { type: 'vault.lock' }
  | { type: 'keyserver.upload' };

export type RequestType = Request['type'];

export interface ComposerView {
  status: ConversationStatus;
  theme: Theme;
}

export interface MessageFrameView {
  view: MessageView;
  theme: Theme;
}

/** The answer for each request type. */
export interface ResponseMap {
  'conversation.open': { composerHandle: string; status: ConversationStatus };
  'message.register': { handle: string };
  'bios.seen': null;
  'composer.attach': ComposerView | { expired: true };
  'composer.send': SendResult;
  'message.open': MessageFrameView | { expired: true };
  'frame.resize': null;
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': { ok: true } | { ok: false; reason: 'wrong-passphrase' | 'no-key' };
  'vault.lock': null;
  'keyserver.upload': { ok: true; fingerprint: string } | { ok: false; reason: string };
}

export type Response<T extends RequestType> = ResponseMap[T];

// ---- messages from the background to the content script of a tab ----

export type ToContent =
  | { type: 'composer.deliver'; composerHandle: string; ciphertext: string }
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
        | 'composer-missing';
    };

// ---- messages from the background to frames and pages (broadcast) ----

export type Broadcast = { type: 'state.changed' };
