// First run: create a new key (the default), bring a key from GnuPG, or restore a Sotto backup.
import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../../shared/i18n';
import type { VaultStatus } from '../../shared/protocol';
import { CreateKey } from './CreateKey';
import { ImportKey } from './ImportKey';
import { RestoreBackup } from './RestoreBackup';
import './vault.css';

type Way = 'create' | 'import' | 'restore';
const WAYS: Array<[Way, MessageKey]> = [
  ['create', 'onboardCreate'],
  ['import', 'onboardImport'],
  ['restore', 'onboardRestore'],
];

export function Onboarding({
  onCreated,
  onDone,
}: {
  onCreated: (s: VaultStatus) => void;
  onDone: () => void;
}) {
  const [way, setWay] = useState<Way>('create');
  return (
    <>
      <fieldset class="choices">
        <legend class="muted">{t('onboardChoices')}</legend>
        {WAYS.map(([w, label]) => (
          <button
            key={w}
            type="button"
            class={way === w ? undefined : 'secondary'}
            aria-pressed={way === w}
            data-testid={`onboard-${w}`}
            onClick={() => setWay(w)}
          >
            {t(label)}
          </button>
        ))}
      </fieldset>
      {way === 'create' && <CreateKey onCreated={onCreated} />}
      {way === 'import' && <ImportKey onDone={onDone} />}
      {way === 'restore' && <RestoreBackup onDone={onDone} />}
    </>
  );
}
