import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { VaultStatus } from '../../shared/protocol';
import { request } from '../../shared/rpc';

const MIN_PASSPHRASE = 8;

export function CreateKey({ onCreated }: { onCreated: (status: VaultStatus) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const problem =
    passphrase.length < MIN_PASSPHRASE
      ? t('passphraseTooShort', String(MIN_PASSPHRASE))
      : passphrase !== repeat
        ? t('passphraseMismatch')
        : null;

  return (
    <section class="stack" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('createHeading')}</h2>
      <p class="muted">{t('createIntro')}</p>
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (problem) {
            setError(problem);
            return;
          }
          setBusy(true);
          setError(null);
          try {
            onCreated(
              await request({
                type: 'vault.create',
                name: name.trim() || 'Sotto user',
                email: email.trim(),
                passphrase,
              }),
            );
          } catch {
            setError(t('createFailed'));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          {t('nameLabel')}
          <input
            data-testid="create-name"
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('emailLabel')}
          <input
            type="email"
            data-testid="create-email"
            autocomplete="email"
            value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
          <span class="muted">{t('emailHint')}</span>
        </label>
        <label>
          {t('newPassphraseLabel')}
          <input
            type="password"
            data-testid="create-passphrase"
            autocomplete="new-password"
            value={passphrase}
            onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('repeatPassphraseLabel')}
          <input
            type="password"
            data-testid="create-passphrase-repeat"
            autocomplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" data-testid="create-submit" disabled={busy}>
          {busy ? t('creating') : t('createButton')}
        </button>
        {error && (
          <p role="alert" class="error" data-testid="create-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
