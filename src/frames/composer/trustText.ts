// Why a key could not be used or accepted, in words (shared by the composer's trust panels).
import type { MessageKey } from '../../shared/i18n';
import type { TrustFailure } from '../../shared/trust';

const REASONS: Record<TrustFailure, MessageKey> = {
  'not-participant': 'trustReasonNotParticipant',
  'no-bio-token': 'trustReasonNoBio',
  'key-not-found': 'trustReasonNotFound',
  'keyserver-unreachable': 'trustReasonUnreachable',
  unreadable: 'trustReasonUnreadable',
  'fingerprint-mismatch': 'trustReasonMismatch',
  'no-encryption-key': 'trustReasonNoEncryption',
  'no-user-id': 'trustReasonNoUserId',
  'expired-or-revoked': 'trustReasonExpired',
  'no-contact': 'trustReasonNoContact',
};

export function reasonKey(reason: string | undefined): MessageKey {
  return (reason && REASONS[reason as TrustFailure]) || 'trustReasonNotFound';
}
