// Shapes for contacts and trust that cross context boundaries (background ↔ frames/pages).

/** How much the user can rely on a contact's key. */
export type TrustLevel = 'verified' | 'pinned' | 'changed';

/** Where a contact's key came from. */
export type KeySource = 'keyserver' | 'key-card' | 'manual';

/** A key request seen in a conversation: someone asks for the user's public key. */
export interface KeyRequestView {
  state: 'key-request';
  /** The requester's fingerprint, as written in the request. */
  fingerprint: string;
  /** 'self': the user's own request; 'participant': matches a participant's bio; else unknown. */
  from: 'self' | 'participant' | 'unknown';
  requesterHandle?: string;
}

export type KeyCardOutcome =
  | 'own' // the user's own key card
  | 'pinned' // matches a participant's bio: that participant's key (pinned now or before)
  | 'changed' // matches the participant's new bio, but another key is pinned: review in the composer
  | 'mismatch' // no participant's bio names this key: rejected
  | 'unusable' // matches a bio but cannot be used (no encryption subkey, expired, unreadable)
  | 'malformed';

/** A key card seen in a conversation, checked against the participants' bio fingerprints. */
export interface KeyCardView {
  state: 'key-card';
  outcome: KeyCardOutcome;
  /** Primary fingerprint of the card's key (absent when unreadable). */
  fingerprint?: string;
  /** The participant the card belongs to (pinned/changed/unusable), or the one it claims (mismatch). */
  handle?: string;
  /** For a mismatch: the bio fingerprints of the conversation's participants. */
  bioFingerprints?: string[];
  detail?: string;
}

export interface PreviousKey {
  fingerprint: string;
  pinnedAt: number;
  replacedAt: number;
}

/** One contact as the options page lists it. */
export interface ContactSummary {
  handle: string;
  fingerprint: string;
  trust: TrustLevel;
  pinnedAt: number;
  source: KeySource;
  /** The fingerprint in their last seen bio, when one was seen this session. */
  bioFingerprint: string | null;
  previous: PreviousKey[];
}

/** What the "Compare keys" panel shows. */
export interface CompareView {
  handle: string;
  ownFingerprint: string;
  theirFingerprint: string;
  verified: boolean;
}

export type TrustFailure =
  | 'not-participant'
  | 'no-bio-token'
  | 'key-not-found'
  | 'keyserver-unreachable'
  | 'unreadable'
  | 'fingerprint-mismatch'
  | 'no-encryption-key'
  | 'no-user-id'
  | 'expired-or-revoked'
  | 'no-contact';

export type TrustResult = { ok: true } | { ok: false; reason: TrustFailure };
