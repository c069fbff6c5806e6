// Onboarding with a key the user already has, exported from GnuPG (or sq, or another OpenPGP app):
// a file or pasted text, its current passphrase, then the passphrase that protects it in Sotto.
import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../../shared/i18n';
import type { ImportKeyFailure } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { FileField } from './FileField';
import type { PickedFile } from './fileInput';

const MIN_PASSPHRASE = 8;

const FAILURE: Record<ImportKeyFailure, MessageKey> = {
  unreadable: 'keyImportUnreadable',
  'too-large': 'keyImportTooLarge',
  'no-key': 'keyImportNoKey',
  'multiple-keys': 'keyImportMultipleKeys',
  'stub-secret-key': 'keyImportStub',
  'public-key-only': 'keyImportPublicOnly',
  'expired-or-revoked': 'keyImportExpired',
  'cannot-sign': 'keyImportCannotSign',
  'cannot-encrypt': 'keyImportCannotEncrypt',
  'no-user-id': 'keyImportNoUserId',
  'wrong-passphrase': 'keyImportWrongPassphrase',
  'empty-passphrase': 'keyImportEmptyPassphrase',
  'key-exists': 'keyImportKeyExists',
};

export function ImportKey({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [pasted, setPasted] = useState('');
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const source = file ?? (pasted.trim() ? { data: pasted.trim(), encoding: 'armored' as const } : null);
    if (!source) return setError(t('keyImportChooseKey'));
    if (passphrase.length < MIN_PASSPHRASE) return setError(t('passphraseTooShort', String(MIN_PASSPHRASE)));
    if (passphrase !== repeat) return setError(t('passphraseMismatch'));
    setBusy(true);
    setError(null);
    try {
      const result = await request({
        type: 'vault.import',
        data: source.data,
        encoding: source.encoding,
        currentPassphrase: current,
        passphrase,
      });
      if (result.ok) onDone();
      else setError(t(FAILURE[result.reason]));
    } catch {
      setError(t('keyImportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('keyImportHeading')}</h2>
      <p class="muted">{t('keyImportIntro')}</p>
      <code class="token">gpg --export-secret-keys --armor YOUR-KEY-ID &gt; my-key.asc</code>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FileField
          label="keyImportFileLabel"
          tooLarge="keyImportTooLarge"
          testId="import-file"
          accept=".asc,.gpg,.pgp,.key,.sec,application/pgp-keys"
          onFile={setFile}
          onError={setError}
        />
        <label>
          {t('keyImportPasteLabel')}
          <textarea
            data-testid="import-text"
            rows={4}
            spellcheck={false}
            placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
            value={pasted}
            disabled={file !== null}
            onInput={(e) => setPasted((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label>
          {t('keyImportCurrentLabel')}
          <input
            type="password"
            data-testid="import-current-passphrase"
            autocomplete="off"
            value={current}
            onInput={(e) => setCurrent((e.target as HTMLInputElement).value)}
          />
          <span class="muted">{t('keyImportCurrentHint')}</span>
        </label>
        <label>
          {t('newPassphraseLabel')}
          <input
            type="password"
            data-testid="import-passphrase"
            autocomplete="new-password"
            value={passphrase}
            onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)}
          />
          <span class="muted">{t('keyImportNewHint')}</span>
        </label>
        <label>
          {t('repeatPassphraseLabel')}
          <input
            type="password"
            data-testid="import-passphrase-repeat"
            autocomplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" data-testid="import-submit" disabled={busy}>
          {busy ? t('keyImporting') : t('keyImportButton')}
        </button>
        {error && (
          <p role="alert" class="error" data-testid="import-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
