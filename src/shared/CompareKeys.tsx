// "Compare keys": both fingerprints in groups of four and as QR codes of their openpgp4fpr: URIs,
// and the button that marks the contact verified. Used by the composer frame and the options page.
import { fingerprintUri, groupsOfFour } from './fingerprint';
import { t } from './i18n';
import { qrPath } from './qr';
import type { CompareView } from './trust';

function Qr({ fingerprint, label }: { fingerprint: string; label: string }) {
  const { size, d } = qrPath(fingerprintUri(fingerprint));
  return (
    <svg
      class="sotto-qr"
      viewBox={`0 0 ${size} ${size}`}
      width={size * 3}
      height={size * 3}
      role="img"
      aria-label={label}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" shape-rendering="crispEdges" />
    </svg>
  );
}

export function CompareKeys({
  view,
  onVerify,
  onClose,
}: {
  view: CompareView;
  onVerify: (verified: boolean) => void;
  onClose: () => void;
}) {
  const them = `@${view.handle}`;
  return (
    <section class="sotto-compare" aria-label={t('compareHeading', them)} data-testid="sotto-compare">
      <h3>{t('compareHeading', them)}</h3>
      <p class="sotto-muted">{t('compareIntro', them)}</p>
      <div class="sotto-compare-pair">
        <figure>
          <figcaption>{t('compareYours')}</figcaption>
          <code data-testid="sotto-compare-own">{groupsOfFour(view.ownFingerprint)}</code>
          <Qr
            fingerprint={view.ownFingerprint}
            label={t('compareQrLabel', groupsOfFour(view.ownFingerprint))}
          />
        </figure>
        <figure>
          <figcaption>{t('compareTheirs', them)}</figcaption>
          <code data-testid="sotto-compare-theirs">{groupsOfFour(view.theirFingerprint)}</code>
          <Qr
            fingerprint={view.theirFingerprint}
            label={t('compareQrLabel', groupsOfFour(view.theirFingerprint))}
          />
        </figure>
      </div>
      {view.verified && (
        <p class="sotto-status" data-tone="ok" role="status">
          {t('compareVerifiedNote', them)}
        </p>
      )}
      <div class="sotto-actions">
        <button type="button" data-testid="sotto-compare-verify" onClick={() => onVerify(!view.verified)}>
          {view.verified ? t('compareUnverify') : t('compareMarkVerified')}
        </button>
        <button type="button" class="secondary" data-testid="sotto-compare-close" onClick={onClose}>
          {t('compareClose')}
        </button>
      </div>
    </section>
  );
}
