// One decrypted message, shown in place. The text is rendered as text (never HTML).
import { useCallback, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { MessageFrameView } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { applyTheme } from '../shared/frame';
import { useFrameView } from '../shared/useFrameView';
import { describeMessage } from './describe';
import { KeyCard } from './KeyCard';
import { KeyRequest } from './KeyRequest';
import './message.css';

export function MessageFrame({ handle }: { handle: string }) {
  const [view, setView] = useState<MessageFrameView | null>(null);
  const [expired, setExpired] = useState(false);

  const load = useCallback(async () => {
    const answer = await request({ type: 'message.open', handle });
    if ('expired' in answer) setExpired(true);
    else {
      applyTheme(answer.theme);
      setView(answer);
    }
  }, [handle]);

  const unanswered = useFrameView(handle, load);

  if (expired)
    return (
      <p class="sotto-status" data-tone="warn">
        {t('msgExpired')}
      </p>
    );
  if (!view) return <p class="sotto-status">{t(unanswered ? 'frameNotAnswering' : 'msgDecrypting')}</p>;
  if (view.view.state === 'key-request') return <KeyRequest handle={handle} view={view.view} />;
  if (view.view.state === 'key-card') return <KeyCard view={view.view} />;
  const shown = describeMessage(view.view);
  return (
    <article class="message" data-state={view.view.state} aria-label={t('frameMessageTitle')}>
      {shown.text !== undefined && (
        <p class="text" data-testid="sotto-message-text" dir="auto">
          {shown.text}
        </p>
      )}
      <p class="sotto-status" data-tone={shown.tone} data-testid="sotto-message-status">
        <span aria-hidden="true">{shown.tone === 'ok' ? '🔒' : '⚠'}</span>
        <span>{t(shown.key, shown.substitution)}</span>
      </p>
    </article>
  );
}
