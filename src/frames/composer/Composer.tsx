// The secure composer: the only place the user types a sealed message. The text stays here until
// the background reports that the ciphertext was sent; on any failure it stays and the reason shows.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../shared/i18n';
import type { ComposerView, ConversationStatus, SendFailure, SendResult } from '../../shared/protocol';
import { onCommitAsked, request } from '../../shared/rpc';
import { applyTheme } from '../shared/frame';
import { useFrameView } from '../shared/useFrameView';
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
  'not-committed': 'sendFailInterrupted',
};

// Longer than the background's own limit for a delivery, so a living background answers first.
const ANSWER_TIMEOUT_MS = 25_000;

/** One press of Send. While `open`, the background may be told to click; `committed` once it was. */
interface Attempt {
  id: string;
  open: boolean;
  committed: boolean;
}

/** The background's answer, or `null` if it went away or did not answer in time. */
async function answerOf(handle: string, text: string, attempt: Attempt): Promise<SendResult | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS);
  });
  try {
    const sending = request({ type: 'composer.send', handle, text, sendId: attempt.id });
    return await Promise.race([sending, silence]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

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
  const attempt = useRef<Attempt | null>(null);

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
  // shortly after typing stops, and at once when the site removes this frame. Not before the
  // saved draft has come back: the empty field would overwrite it (a slow background did so).
  const loaded = view !== null;
  useEffect(() => {
    if (!loaded) return;
    const save = () => void request({ type: 'composer.draft', handle, text }).catch(() => {});
    const timer = setTimeout(save, 150);
    addEventListener('pagehide', save);
    return () => {
      clearTimeout(timer);
      removeEventListener('pagehide', save);
    };
  }, [handle, text, loaded]);

  // The click on X's send button needs this composer's yes, given only while it still waits for the
  // answer: once it has told the user "nothing was sent", nothing can be.
  useEffect(
    () =>
      onCommitAsked(handle, (sendId) => {
        const current = attempt.current;
        if (!current || current.id !== sendId || !current.open) return false;
        current.committed = true;
        return true;
      }),
    [handle],
  );

  const unanswered = useFrameView(handle, load);

  // Sealed: the user writes here and X's own box is covered. Sending may still be refused (locked,
  // a key missing or changed): the background decides, and the text stays until it is sent.
  const sealed = view?.status.sealed === true;

  const send = async () => {
    if (sending || !sealed) return;
    if (text.trim() === '') return;
    setSending(true);
    setError(null);
    const current: Attempt = { id: crypto.randomUUID(), open: true, committed: false };
    attempt.current = current;
    const result = await answerOf(handle, text, current);
    current.open = false;
    if (result?.ok) setText('');
    else if (current.committed && (!result || result.reason === 'no-tab'))
      // The click was allowed and then Sotto lost track: say so rather than guess.
      setError(t('sendFailUnknown'));
    else setError(t(result ? FAILURE_TEXT[result.reason] : 'sendFailNoBackground'));
    setSending(false);
    field.current?.focus();
  };

  if (expired)
    return (
      <p class="sotto-status" data-tone="warn">
        {t('composerExpired')}
      </p>
    );
  if (!view) return <p class="sotto-status">{t(unanswered ? 'frameNotAnswering' : 'composerLoading')}</p>;
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
