// Onboarding on a new browser from a Sotto backup file: the recovery code written on the recovery
// sheet opens the file; the passphrase the key had when the backup was made opens the key.
import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../../shared/i18n';
import type { RestoreFailure } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { FileField } from './FileField';
import type { PickedFile } from './fileInput';

const FAILURE: Record<RestoreFailure, MessageKey> = {
  'code-bad-character': 'restoreCodeBadCharacter',
  'code-wrong-length': 'restoreCodeWrongLength',
  'code-typo': 'restoreCodeTypo',
  'wrong-code': 'restoreWrongCode',
  'not-a-backup': 'restoreNotABackup',
  'too-large': 'restoreTooLarge',
  'unsupported-version': 'restoreUnsupportedVersion',
  damaged: 'restoreDamaged',
  'wrong-passphrase': 'restoreWrongPassphrase',
  'key-exists': 'keyImportKeyExists',
};

export function RestoreBackup({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [code, setCode] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return setError(t('restoreChooseFile'));
    if (file.encoding !== 'armored') return setError(t('restoreNotABackup'));
    setBusy(true);
    setError(null);
    try {
      const result = await request({ type: 'backup.restore', file: file.data, code, passphrase });
      if (result.ok) onDone();
      else setError(t(FAILURE[result.reason]));
    } catch {
      setError(t('restoreFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="restore-heading">
      <h2 id="restore-heading">{t('restoreHeading')}</h2>
      <p class="muted">{t('restoreIntro')}</p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FileField
          label="restoreFileLabel"
          tooLarge="restoreTooLarge"
          testId="restore-file"
          accept=".asc,.txt,.sotto"
          onFile={setFile}
          onError={setError}
        />
        <label>
          {t('restoreCodeLabel')}
          <input
            data-testid="restore-code"
            autocomplete="off"
            spellcheck={false}
            autocapitalize="characters"
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            value={code}
            onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('restorePassphraseLabel')}
          <input
            type="password"
            data-testid="restore-passphrase"
            autocomplete="current-password"
            value={passphrase}
            onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" data-testid="restore-submit" disabled={busy}>
          {busy ? t('restoring') : t('restoreButton')}
        </button>
        {error && (
          <p role="alert" class="error" data-testid="restore-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
