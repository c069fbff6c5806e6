// A key card in the conversation, with the result of checking it against the participants' bios.
import { groupsOfFour } from '../../shared/fingerprint';
import { type MessageKey, t } from '../../shared/i18n';
import type { KeyCardOutcome, KeyCardView } from '../../shared/trust';

const TONE: Record<KeyCardOutcome, 'ok' | 'warn' | 'bad'> = {
  own: 'ok',
  pinned: 'ok',
  changed: 'warn',
  mismatch: 'bad',
  unusable: 'bad',
  malformed: 'bad',
};

function sentence(view: KeyCardView): string {
  const who = `@${view.handle ?? ''}`;
  const keys: Record<KeyCardOutcome, MessageKey> = {
    own: 'keyCardOwn',
    pinned: 'keyCardPinned',
    changed: 'keyCardChanged',
    mismatch: view.bioFingerprints?.length ? 'keyCardMismatch' : 'keyCardNoBio',
    unusable: 'keyCardUnusable',
    malformed: 'keyCardMalformed',
  };
  return t(keys[view.outcome], [who, view.detail ?? '']);
}

export function KeyCard({ view }: { view: KeyCardView }) {
  const tone = TONE[view.outcome];
  return (
    <article class="message" data-state="key-card" aria-label={t('frameMessageTitle')}>
      <p class="sotto-status" data-tone={tone} data-testid="sotto-keycard-status" data-outcome={view.outcome}>
        <span aria-hidden="true">{tone === 'ok' ? '🔑' : '⚠'}</span>
        <span>{sentence(view)}</span>
      </p>
      {view.fingerprint && (
        <p class="fpr">
          {t('keyCardFingerprint')} <code>{groupsOfFour(view.fingerprint)}</code>
        </p>
      )}
      {view.outcome === 'mismatch' &&
        view.bioFingerprints?.map((f) => (
          <p class="fpr" key={f}>
            {t('keyCardBioFingerprint')} <code>{groupsOfFour(f)}</code>
          </p>
        ))}
    </article>
  );
}
