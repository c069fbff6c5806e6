import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request } from '../../shared/rpc';

export function UnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const result = await request({ type: 'vault.unlock', passphrase });
          if (result.ok) {
            setPassphrase('');
            onUnlocked();
          } else setError(t(result.reason === 'wrong-passphrase' ? 'unlockWrong' : 'unlockNoKey'));
        } catch {
          setError(t('backgroundNotResponding'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        {t('passphraseLabel')}
        <input
          type="password"
          data-testid="unlock-passphrase"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" data-testid="unlock-submit" disabled={busy || passphrase === ''}>
        {t('unlockButton')}
      </button>
      {error && (
        <p role="alert" class="error" data-testid="unlock-error">
          {error}
        </p>
      )}
    </form>
  );
}
