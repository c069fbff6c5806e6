// Looking after the key once it exists: auto-lock time, exporting the public key, changing the
// passphrase, and an encrypted backup with a printable recovery sheet.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { groupsOfFour } from '../../shared/fingerprint';
import { type MessageKey, t } from '../../shared/i18n';
import {
  AUTO_LOCK_CHOICES,
  type AutoLockMinutes,
  type BackupCreated,
  type VaultStatus,
} from '../../shared/protocol';
import { request } from '../../shared/rpc';
import { textDownloadUrl } from './fileInput';
import './vault.css';

const MIN_PASSPHRASE = 8;

function autoLockLabel(minutes: number): string {
  return minutes < 60
    ? t(minutes === 1 ? 'autoLockMinute' : 'autoLockMinutes', String(minutes))
    : t(minutes === 60 ? 'autoLockHour' : 'autoLockHours', String(minutes / 60));
}

/** An object URL for `text` that lives as long as the component shows it. */
function useDownloadUrl(text: string | undefined, type: string): string | undefined {
  const url = useMemo(() => (text ? textDownloadUrl(text, type) : undefined), [text, type]);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return url;
}

function AutoLock({ status }: { status: VaultStatus }) {
  const [saved, setSaved] = useState(false);
  return (
    <section class="stack" aria-labelledby="autolock-heading">
      <h2 id="autolock-heading">{t('autoLockHeading')}</h2>
      <label>
        {t('autoLockLabel')}
        <select
          data-testid="autolock-select"
          value={String(status.autoLockMinutes)}
          onChange={async (e) => {
            const minutes = Number((e.target as HTMLSelectElement).value) as AutoLockMinutes;
            setSaved(false);
            await request({ type: 'vault.settings', autoLockMinutes: minutes });
            setSaved(true);
          }}
        >
          {AUTO_LOCK_CHOICES.map((m) => (
            <option key={m} value={String(m)}>
              {autoLockLabel(m)}
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t('autoLockHint')}</p>
      {saved && (
        <p role="status" data-testid="autolock-saved">
          {t('autoLockSaved')}
        </p>
      )}
    </section>
  );
}

function ExportPublic({ status }: { status: VaultStatus }) {
  const url = useDownloadUrl(status.publicKey, 'application/pgp-keys');
  const [copy, setCopy] = useState<MessageKey | null>(null);
  const name = `sotto-${(status.fingerprint ?? 'key').slice(-16).toLowerCase()}.asc`;
  return (
    <section class="stack" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p class="muted">{t('exportIntro')}</p>
      <div class="choices">
        {url && (
          <a class="button" href={url} download={name} data-testid="export-public-download">
            {t('exportDownload')}
          </a>
        )}
        <button
          type="button"
          class="secondary"
          data-testid="export-public-copy"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(status.publicKey ?? '');
              setCopy('copied');
            } catch {
              setCopy('copyFailed');
            }
          }}
        >
          {t('exportCopy')}
        </button>
      </div>
      {copy && (
        <p role="status" data-testid="export-public-copied">
          {t(copy)}
        </p>
      )}
    </section>
  );
}

function ChangePassphrase() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    if (next.length < MIN_PASSPHRASE)
      return setResult({ ok: false, text: t('passphraseTooShort', String(MIN_PASSPHRASE)) });
    if (next !== repeat) return setResult({ ok: false, text: t('passphraseMismatch') });
    setBusy(true);
    setResult(null);
    try {
      const r = await request({ type: 'vault.changePassphrase', current, next });
      if (r.ok) {
        setCurrent('');
        setNext('');
        setRepeat('');
        setResult({ ok: true, text: t('changeDone') });
      } else
        setResult({ ok: false, text: t(r.reason === 'wrong-passphrase' ? 'changeWrong' : 'unlockNoKey') });
    } catch {
      setResult({ ok: false, text: t('changeFailed') });
    } finally {
      setBusy(false);
    }
  };
  const field = (
    testid: string,
    label: MessageKey,
    value: string,
    set: (v: string) => void,
    auto: string,
  ) => (
    <label>
      {t(label)}
      <input
        type="password"
        data-testid={testid}
        autocomplete={auto}
        value={value}
        onInput={(e) => set((e.target as HTMLInputElement).value)}
      />
    </label>
  );
  return (
    <section class="stack" aria-labelledby="change-heading">
      <h2 id="change-heading">{t('changeHeading')}</h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {field('change-current', 'changeCurrentLabel', current, setCurrent, 'current-password')}
        {field('change-next', 'newPassphraseLabel', next, setNext, 'new-password')}
        {field('change-repeat', 'repeatPassphraseLabel', repeat, setRepeat, 'new-password')}
        <button type="submit" data-testid="change-submit" disabled={busy || current === ''}>
          {t('changeButton')}
        </button>
        {result && (
          <p
            role={result.ok ? 'status' : 'alert'}
            class={result.ok ? undefined : 'error'}
            data-testid={result.ok ? 'change-done' : 'change-error'}
          >
            {result.text}
          </p>
        )}
      </form>
    </section>
  );
}

function RecoverySheet({ backup }: { backup: BackupCreated }) {
  const url = useDownloadUrl(backup.file, 'text/plain');
  const date = new Date(backup.createdAt);
  const day = date.toISOString().slice(0, 10);
  return (
    <div class="stack">
      <article class="recovery-sheet stack" aria-labelledby="sheet-heading" data-testid="recovery-sheet">
        <h3 id="sheet-heading">{t('sheetHeading')}</h3>
        <p>{t('sheetIntro')}</p>
        <p class="sheet-label">{t('sheetCodeLabel')}</p>
        <code class="recovery-code" data-testid="backup-code">
          {backup.code}
        </code>
        <p>
          {t('fingerprintLabel')}{' '}
          <code data-testid="backup-fingerprint">{groupsOfFour(backup.fingerprint)}</code>
        </p>
        <p>
          {t('sheetDateLabel')} <time dateTime={date.toISOString()}>{date.toLocaleString()}</time>
        </p>
        <ol>
          <li>{t('sheetStep1')}</li>
          <li>{t('sheetStep2', `sotto-backup-${day}.asc`)}</li>
          <li>{t('sheetStep3')}</li>
          <li>{t('sheetStep4')}</li>
        </ol>
      </article>
      <div class="choices no-print">
        {url && (
          <a class="button" href={url} download={`sotto-backup-${day}.asc`} data-testid="backup-download">
            {t('backupDownload')}
          </a>
        )}
        <button type="button" class="secondary" data-testid="backup-print" onClick={() => window.print()}>
          {t('backupPrint')}
        </button>
      </div>
    </div>
  );
}

function Backup() {
  const [backup, setBackup] = useState<BackupCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="stack backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="muted">{t('backupIntro')}</p>
      <button
        type="button"
        class={backup ? 'secondary' : undefined}
        data-testid="backup-create"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const made = await request({ type: 'backup.create' });
            if (made.ok) setBackup(made);
            else setError(t('unlockNoKey'));
          } catch {
            setError(t('backupFailed'));
          } finally {
            setBusy(false);
          }
        }}
      >
        {backup ? t('backupAgain') : t('backupButton')}
      </button>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {backup && <RecoverySheet backup={backup} />}
    </section>
  );
}

export function VaultSettings({ status }: { status: VaultStatus }) {
  return (
    <>
      <AutoLock status={status} />
      <ExportPublic status={status} />
      <ChangePassphrase />
      <Backup />
    </>
  );
}
