// What decrypting one message can end in. Each state is something the UI can
// show as is; only 'ok' carries text. Decisions:
// - A bad signature, an unsigned message, or a signer we hold no key for never
//   shows its text (a forger could otherwise put words in anyone's mouth).
// - A plain gpg/sq message (no Sotto envelope) can be 'ok' with binding 'none'.

export type Binding =
  /** Envelope names this site+conversation, the signer, and (if known) the expected participants. */
  | 'match'
  /** Envelope names another site or conversation: a replay from elsewhere. */
  | 'other-conversation'
  /** Envelope's recipient list is not this conversation's participants, or omits us. */
  | 'other-recipients'
  /** Envelope's sender handle differs from the handle X shows for this message. */
  | 'other-sender'
  /** No Sotto envelope (plain gpg/sq message): nothing to check. */
  | 'none';

export interface Signer {
  /** Primary fingerprint of the key that made the valid signature, UPPERCASE hex. */
  fingerprint: string;
  /** True when that key is among the caller's `verificationKeys` (pinned/trusted). */
  known: boolean;
}

export type DecryptResult =
  | {
      state: 'ok';
      text: string;
      signer: Signer;
      binding: Binding;
      /** Envelope time (ms since epoch), only for Sotto envelopes. */
      sentAt?: number;
      /** Handle the sender wrote into the envelope, only for Sotto envelopes. */
      senderHandle?: string;
    }
  | { state: 'bad-signature'; reason: string }
  | { state: 'unsigned' }
  /** Signed, but by a key the caller does not have; fetch it and try again. */
  | { state: 'unknown-signer'; signerKeyId: string; claimedFingerprint?: string }
  | { state: 'not-for-me' }
  | { state: 'malformed'; reason: string }
  | { state: 'too-large' }
  | { state: 'unsupported'; reason: string }
  | { state: 'locked' };

export type DecryptState = DecryptResult['state'];
