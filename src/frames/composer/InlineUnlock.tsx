// Unlocking Sotto right where the user wants to write: a passphrase field inside the secure
// composer frame (an extension page the site cannot read). On success the background tells every
// frame and tab that the state changed, so this composer and the message frames refresh.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request } from '../../shared/rpc';
import './inlineUnlock.css';

export function InlineUnlock() {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Not a <form>: this sits inside the composer's own form.
  const submit = async () => {
    if (busy || passphrase === '') return;
    setBusy(true);
    setError(null);
    try {
      const result = await request({ type: 'vault.unlock', passphrase });
      if (result.ok) setPassphrase('');
      else setError(t(result.reason === 'wrong-passphrase' ? 'unlockWrong' : 'unlockNoKey'));
    } catch {
      setError(t('backgroundNotResponding'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="inline-unlock" data-testid="sotto-unlock">
      <div class="row">
        <input
          type="password"
          data-testid="sotto-unlock-passphrase"
          aria-label={t('passphraseLabel')}
          placeholder={t('inlineUnlockPlaceholder')}
          autocomplete="current-password"
          value={passphrase}
          disabled={busy}
          onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
              void submit();
            }
          }}
        />
        <button
          type="button"
          data-testid="sotto-unlock-submit"
          disabled={busy || passphrase === ''}
          onClick={() => void submit()}
        >
          {busy ? t('inlineUnlocking') : t('unlockButton')}
        </button>
      </div>
      {error && (
        <p class="sotto-status" data-tone="bad" role="alert" data-testid="sotto-unlock-error">
          {error}
        </p>
      )}
    </div>
  );
}
