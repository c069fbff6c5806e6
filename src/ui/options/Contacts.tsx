// The contact list: each person's pinned key (fingerprint in groups of four), whether it is verified,
// pinned or changed, where it came from and when; compare keys, remove, or import a key by hand.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CompareKeys } from '../../shared/CompareKeys';
import { groupsOfFour } from '../../shared/fingerprint';
import { type MessageKey, t } from '../../shared/i18n';
import { onStateChanged, request } from '../../shared/rpc';
import type { ContactSummary, KeySource, TrustFailure, TrustLevel } from '../../shared/trust';
import './contacts.css';

const TRUST_TEXT: Record<TrustLevel, MessageKey> = {
  verified: 'contactStateVerified',
  pinned: 'contactStatePinned',
  changed: 'contactStateChanged',
};

const SOURCE_TEXT: Record<KeySource, MessageKey> = {
  keyserver: 'contactSourceKeyserver',
  'key-card': 'contactSourceKeyCard',
  manual: 'contactSourceManual',
};

const REASON_TEXT: Record<TrustFailure, MessageKey> = {
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

function ImportContact() {
  const [handle, setHandle] = useState('');
  const [armored, setArmored] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const clean = handle.trim().replace(/^@/, '');
  return (
    <form
      class="stack"
      aria-labelledby="contact-import-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          const r = await request({ type: 'contacts.import', participant: clean, armored });
          setResult(
            r.ok
              ? { ok: true, text: t('contactImportDone', `@${clean}`) }
              : { ok: false, text: t('contactImportFailed', t(REASON_TEXT[r.reason])) },
          );
          if (r.ok) setArmored('');
        } catch {
          setResult({ ok: false, text: t('contactImportFailed', t('trustReasonUnreadable')) });
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="contact-import-heading">{t('contactImportHeading')}</h3>
      <label>
        {t('contactImportHandleLabel')}
        <input
          data-testid="contact-import-handle"
          value={handle}
          pattern="@?[A-Za-z0-9_]{1,15}"
          required
          onInput={(e) => setHandle((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('contactImportKeyLabel')}
        <textarea
          data-testid="contact-import-key"
          rows={6}
          required
          value={armored}
          onInput={(e) => setArmored((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <button type="submit" data-testid="contact-import-submit" disabled={busy}>
        {t('contactImportButton')}
      </button>
      {result && (
        <p
          role={result.ok ? 'status' : 'alert'}
          class={result.ok ? '' : 'error'}
          data-testid="contact-import-result"
        >
          {result.text}
        </p>
      )}
    </form>
  );
}

function Contact({ contact, own }: { contact: ContactSummary; own: string | null }) {
  const [comparing, setComparing] = useState(false);
  const who = `@${contact.handle}`;
  return (
    <li class="contact" data-testid={`contact-${contact.handle}`} data-trust={contact.trust}>
      <div class="contact-head">
        <strong>{who}</strong>
        <span class="badge" data-trust={contact.trust} data-testid="contact-trust">
          {t(TRUST_TEXT[contact.trust])}
        </span>
      </div>
      <code data-testid="contact-fingerprint">{groupsOfFour(contact.fingerprint)}</code>
      <span class="muted">
        {t(SOURCE_TEXT[contact.source])} ·{' '}
        {t('contactPinnedOn', new Date(contact.pinnedAt).toLocaleDateString())}
      </span>
      {contact.previous.length > 0 && (
        <span class="muted" data-testid="contact-previous">
          {t('contactPrevious', contact.previous.map((p) => groupsOfFour(p.fingerprint)).join('; '))}
        </span>
      )}
      <div class="row">
        {own && (
          <button
            type="button"
            class="secondary"
            data-testid="contact-compare"
            onClick={() => setComparing(!comparing)}
          >
            {t('trustCompareButton')}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          data-testid="contact-remove"
          aria-label={t('contactRemoveLabel', who)}
          onClick={() => void request({ type: 'contacts.remove', participant: contact.handle })}
        >
          {t('contactRemove')}
        </button>
      </div>
      {comparing && own && (
        <CompareKeys
          view={{
            handle: contact.handle,
            ownFingerprint: own,
            theirFingerprint: contact.fingerprint,
            verified: contact.trust === 'verified',
          }}
          onVerify={(verified) =>
            void request({ type: 'contacts.verify', participant: contact.handle, verified })
          }
          onClose={() => setComparing(false)}
        />
      )}
    </li>
  );
}

export function Contacts() {
  const [list, setList] = useState<{ contacts: ContactSummary[]; ownFingerprint: string | null } | null>(
    null,
  );
  const refresh = useCallback(async () => setList(await request({ type: 'contacts.list' })), []);
  useEffect(() => {
    void refresh();
    return onStateChanged(() => void refresh());
  }, [refresh]);
  return (
    <section class="stack" aria-labelledby="contacts-heading" data-testid="contacts">
      <h2 id="contacts-heading">{t('contactsHeading')}</h2>
      {list && list.contacts.length === 0 && <p class="muted">{t('contactsEmpty')}</p>}
      {list && list.contacts.length > 0 && (
        <ul class="contacts">
          {list.contacts.map((c) => (
            <Contact key={c.handle} contact={c} own={list.ownFingerprint} />
          ))}
        </ul>
      )}
      <ImportContact />
    </section>
  );
}
