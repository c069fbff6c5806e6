// The key-change explanation: shown when a participant's bio names another key than the pinned one.
// Sending to them stays blocked until the user accepts (the new key is fetched, checked against the
// bio and pinned; the old one is kept for old messages) or rejects it.
import { useState } from 'preact/hooks';
import { groupsOfFour } from '../../shared/fingerprint';
import { t } from '../../shared/i18n';
import type { ParticipantStatus } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { reasonKey } from './trustText';

export function KeyChange({ handle, participant }: { handle: string; participant: ParticipantStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = `@${participant.handle}`;
  const decide = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (accept) {
        const result = await request({ type: 'trust.accept', handle, participant: participant.handle });
        if (!result.ok) setError(t('keyChangeFailed', t(reasonKey(result.reason))));
      } else {
        await request({ type: 'trust.reject', handle, participant: participant.handle });
      }
    } catch {
      setError(t('backgroundNotResponding'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      class="sotto-panel"
      data-tone="bad"
      data-testid="sotto-keychange"
      aria-labelledby="keychange-heading"
    >
      <h3 id="keychange-heading">{t('keyChangeHeading', who)}</h3>
      <p>{t('keyChangeBody')}</p>
      <dl class="sotto-fprs">
        <dt>{t('keyChangeOld')}</dt>
        <dd>
          <code data-testid="sotto-keychange-old">{groupsOfFour(participant.pinnedFingerprint ?? '')}</code>
        </dd>
        <dt>{t('keyChangeNew')}</dt>
        <dd>
          <code data-testid="sotto-keychange-new">{groupsOfFour(participant.fingerprint ?? '')}</code>
        </dd>
      </dl>
      <p>{t('keyChangeMeaning')}</p>
      {participant.rejected && (
        <p class="sotto-status" data-tone="bad" data-testid="sotto-keychange-rejected">
          {t('keyChangeRejected', who)}
        </p>
      )}
      <div class="sotto-actions">
        <button
          type="button"
          data-testid="sotto-keychange-accept"
          disabled={busy}
          onClick={() => void decide(true)}
        >
          {busy ? t('keyChangeAccepting') : t('keyChangeAccept')}
        </button>
        {!participant.rejected && (
          <button
            type="button"
            class="secondary"
            data-testid="sotto-keychange-reject"
            disabled={busy}
            onClick={() => void decide(false)}
          >
            {t('keyChangeReject')}
          </button>
        )}
      </div>
      {error && (
        <p class="sotto-status" data-tone="bad" role="alert" data-testid="sotto-keychange-error">
          {error}
        </p>
      )}
    </section>
  );
}
