// A key request in the conversation. Answering it sends the user's public key (a key card) through
// X, so it happens only when the user presses "Send my key".
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request } from '../../shared/rpc';
import type { KeyRequestView } from '../../shared/trust';

export function KeyRequest({ handle, view }: { handle: string; view: KeyRequestView }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const send = async () => {
    setState('sending');
    try {
      setState((await request({ type: 'keycard.send', handle })).ok ? 'sent' : 'failed');
    } catch {
      setState('failed');
    }
  };
  const text =
    view.from === 'self'
      ? t('keyRequestSelf')
      : view.from === 'participant'
        ? t('keyRequestFrom', `@${view.requesterHandle ?? ''}`)
        : t('keyRequestUnknown');
  return (
    <article class="message" data-state="key-request" aria-label={t('frameMessageTitle')}>
      <p
        class="sotto-status"
        data-tone={view.from === 'unknown' ? 'warn' : undefined}
        data-testid="sotto-keyrequest-text"
      >
        <span aria-hidden="true">🔑</span>
        <span>{text}</span>
      </p>
      {view.from !== 'self' &&
        (state === 'sent' ? (
          <p class="sotto-status" data-tone="ok" role="status" data-testid="sotto-keyrequest-sent">
            {t('keyRequestSent')}
          </p>
        ) : (
          <div class="actions">
            <button
              type="button"
              data-testid="sotto-keyrequest-send"
              disabled={state === 'sending'}
              onClick={() => void send()}
            >
              {t('keyRequestSend')}
            </button>
            <span class="hint">{t('keyRequestHint')}</span>
          </div>
        ))}
      {state === 'failed' && (
        <p class="sotto-status" data-tone="bad" role="alert">
          {t('keyRequestFailed')}
        </p>
      )}
    </article>
  );
}
