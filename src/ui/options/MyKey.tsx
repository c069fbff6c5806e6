import { useState } from 'preact/hooks';
import { groupsOfFour } from '../../shared/fingerprint';
import { t } from '../../shared/i18n';
import type { VaultStatus } from '../../shared/protocol';
import { request } from '../../shared/rpc';

export function MyKey({ status }: { status: VaultStatus }) {
  const [upload, setUpload] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  return (
    <section class="stack" aria-labelledby="key-heading">
      <h2 id="key-heading">{t('myKeyHeading')}</h2>
      <p class="lock-state" data-state={status.state} data-testid="lock-state">
        {status.state === 'unlocked' ? t('stateUnlocked') : t('stateLocked')}
      </p>
      <p>
        {t('fingerprintLabel')}{' '}
        <code data-testid="fingerprint">{groupsOfFour(status.fingerprint ?? '')}</code>
      </p>
      <p>{t('bioTokenIntro')}</p>
      <code class="token" data-testid="bio-token">
        {status.bioToken}
      </code>
      <button
        type="button"
        class="secondary"
        onClick={async () => {
          await navigator.clipboard.writeText(status.bioToken ?? '');
          setCopied(true);
        }}
      >
        {copied ? t('copied') : t('copyBioToken')}
      </button>
      <button
        type="button"
        class="secondary"
        data-testid="upload-key"
        onClick={async () => {
          setUpload(t('uploading'));
          const result = await request({ type: 'keyserver.upload' });
          setUpload(
            !result.ok
              ? t('uploadFailed', result.reason)
              : result.verification?.sent.length
                ? t('uploadCheckMail', result.verification.sent.join(', '))
                : t('uploadPublished'),
          );
        }}
      >
        {t('uploadButton')}
      </button>
      {upload && (
        <p role="status" data-testid="upload-status">
          {upload}
        </p>
      )}
      <details>
        <summary>{t('publicKeySummary')}</summary>
        <pre class="token" data-testid="public-key">
          {status.publicKey}
        </pre>
      </details>
      {status.state === 'unlocked' && (
        <button
          type="button"
          class="secondary"
          data-testid="lock-now"
          onClick={() => request({ type: 'vault.lock' })}
        >
          {t('lockNow')}
        </button>
      )}
    </section>
  );
}
