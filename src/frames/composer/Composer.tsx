// The secure composer: the only place the user types a sealed message. The text stays here until
// the background reports that the ciphertext was sent; on any failure it stays and the reason shows.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../shared/i18n';
import type { ComposerView, ConversationStatus, SendFailure } from '../../shared/protocol';
import { onStateChanged, request } from '../../shared/rpc';
import { applyTheme, reportHeight } from '../shared/frame';
import { InlineUnlock } from './InlineUnlock';
import { TrustPanel } from './TrustPanel';
import './composer.css';

const FAILURE_TEXT: Record<SendFailure, MessageKey> = {
  locked: 'sendFailLocked',
  'not-ready': 'sendFailNotReady',
  'too-long': 'sendFailTooLong',
  empty: 'sendFailEmpty',
  expired: 'sendFailExpired',
  'encrypt-failed': 'sendFailEncrypt',
  'no-tab': 'sendFailNoTab',
  'insert-rejected': 'sendFailInsertRejected',
  'insert-mismatch': 'sendFailInsertMismatch',
  'send-button-missing': 'sendFailSendButton',
  'send-not-confirmed': 'sendFailNotConfirmed',
  'composer-missing': 'sendFailComposerMissing',
  busy: 'sendFailBusy',
};

function handles(list: Array<{ handle: string }>): string {
  return list.map((p) => `@${p.handle}`).join(', ');
}

/** One line that says, without guessing, whether what the user types here is protected. */
function describe(status: ConversationStatus): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  if (status.vault === 'none') return { tone: 'warn', text: t('composerNoKey') };
  if (!status.membersKnown) return { tone: 'warn', text: t('composerMembersUnknown') };
  const missing = status.participants.filter((p) => p.state !== 'ready');
  const changed = missing.find((p) => p.state === 'key-changed');
  if (!status.sealed) return { tone: 'bad', text: t('composerNotSealed', handles(missing)) };
  if (status.vault === 'locked') return { tone: 'warn', text: t('composerLocked') };
  if (changed) return { tone: 'bad', text: t('composerKeyChanged', `@${changed.handle}`) };
  if (missing.length > 0) return { tone: 'bad', text: t('composerBlockedMissing', handles(missing)) };
  return { tone: 'ok', text: t('composerSealed', handles(status.participants)) };
}

export function Composer({ handle }: { handle: string }) {
  const [view, setView] = useState<ComposerView | null>(null);
  const [expired, setExpired] = useState(false);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  const load = useCallback(async () => {
    const answer = await request({ type: 'composer.attach', handle });
    if ('expired' in answer) setExpired(true);
    else {
      applyTheme(answer.theme);
      setView(answer);
      // Restore unsent text, but never overwrite what is being typed now.
      if (answer.draft) setText((current) => current || answer.draft);
    }
  }, [handle]);

  // Keep unsent text in the background so it survives X re-rendering or a conversation switch:
  // shortly after typing stops, and at once when the site removes this frame.
  useEffect(() => {
    const save = () => void request({ type: 'composer.draft', handle, text }).catch(() => {});
    const timer = setTimeout(save, 150);
    addEventListener('pagehide', save);
    return () => {
      clearTimeout(timer);
      removeEventListener('pagehide', save);
    };
  }, [handle, text]);

  useEffect(() => {
    reportHeight(handle);
    void load();
    return onStateChanged(() => void load());
  }, [handle, load]);

  // Sealed: the user writes here and X's own box is covered. Sending may still be refused (locked,
  // a key missing or changed): the background decides, and the text stays until it is sent.
  const sealed = view?.status.sealed === true;

  const send = async () => {
    if (sending || !sealed) return;
    if (text.trim() === '') return;
    setSending(true);
    setError(null);
    try {
      const result = await request({ type: 'composer.send', handle, text });
      if (result.ok) setText('');
      else setError(t(FAILURE_TEXT[result.reason]));
    } catch {
      setError(t('sendFailNoBackground'));
    } finally {
      setSending(false);
      field.current?.focus();
    }
  };

  if (expired)
    return (
      <p class="sotto-status" data-tone="warn">
        {t('composerExpired')}
      </p>
    );
  if (!view) return <p class="sotto-status">{t('composerLoading')}</p>;
  const { tone, text: statusText } = describe(view.status);

  return (
    <form
      class="composer"
      data-sealed={sealed ? 'true' : 'false'}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p class="sotto-status" data-tone={tone} data-testid="sotto-composer-status">
        <span aria-hidden="true">{sealed ? '🔒' : '⚠'}</span>
        <span>{statusText}</span>
      </p>
      {view.status.vault === 'locked' && <InlineUnlock />}
      <TrustPanel handle={handle} status={view.status} />
      {!sealed && view.status.vault !== 'none' && (
        <button
          type="button"
          class="seal"
          data-testid="sotto-composer-seal"
          onClick={() => void request({ type: 'conversation.seal', handle })}
        >
          {t('composerSealButton')}
        </button>
      )}
      {sealed && (
        <div class="row">
          <textarea
            ref={field}
            data-testid="sotto-composer-input"
            aria-label={t('composerInputLabel')}
            placeholder={t('composerPlaceholder')}
            rows={1}
            value={text}
            maxLength={5000}
            disabled={sending}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                void send();
              }
            }}
          />
          <button
            type="submit"
            data-testid="sotto-composer-send"
            aria-label={t('composerSendLabel')}
            disabled={sending || text.trim() === ''}
          >
            {sending ? t('composerSending') : t('composerSend')}
          </button>
        </div>
      )}
      {error && (
        <p class="sotto-status" data-tone="bad" role="alert" data-testid="sotto-composer-error">
          {error}
        </p>
      )}
    </form>
  );
}
