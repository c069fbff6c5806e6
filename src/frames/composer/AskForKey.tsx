// When a participant's key cannot be found or used: say why, and offer to ask them for it through X
// (a key request; their Sotto offers to answer with a key card, checked here against their bio).
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { ParticipantStatus } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { reasonKey } from './trustText';

export function AskForKey({ handle, participant }: { handle: string; participant: ParticipantStatus }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const who = `@${participant.handle}`;
  const reason =
    participant.state === 'key-not-found' ? (participant.detail ?? 'key-not-found') : participant.detail;
  const ask = async () => {
    setState('sending');
    try {
      const result = await request({ type: 'keys.ask', handle, participant: participant.handle });
      setState(result.ok ? 'sent' : 'failed');
    } catch {
      setState('failed');
    }
  };
  return (
    <section class="sotto-panel" data-tone="warn" data-testid="sotto-askkey">
      <p data-testid="sotto-askkey-reason">{t('askKeyIntro', [who, t(reasonKey(reason))])}</p>
      {state === 'sent' ? (
        <p class="sotto-status" data-tone="ok" role="status" data-testid="sotto-askkey-sent">
          {t('askKeySent', who)}
        </p>
      ) : (
        <button
          type="button"
          data-testid="sotto-askkey-button"
          disabled={state === 'sending'}
          onClick={() => void ask()}
        >
          {t('askKeyButton', who)}
        </button>
      )}
      {state === 'failed' && (
        <p class="sotto-status" data-tone="bad" role="alert">
          {t('askKeyFailed')}
        </p>
      )}
    </section>
  );
}
