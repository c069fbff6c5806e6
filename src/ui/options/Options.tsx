// Settings and onboarding: create the key, see the bio token to publish, unlock/lock.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { VaultStatus } from '../../shared/protocol';
import { onStateChanged, request } from '../../shared/rpc';
import { UnlockForm } from '../shared/UnlockForm';
import { Contacts } from './Contacts';
import { MyKey } from './MyKey';
import { Onboarding } from './Onboarding';
import { VaultSettings } from './VaultSettings';

export function Options() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const refresh = useCallback(async () => setStatus(await request({ type: 'vault.status' })), []);
  useEffect(() => {
    void refresh();
    return onStateChanged(() => void refresh());
  }, [refresh]);

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      {status === null && <p>{t('loading')}</p>}
      {status?.state === 'none' && <Onboarding onCreated={setStatus} onDone={refresh} />}
      {status?.state === 'locked' && (
        <section class="stack" aria-labelledby="unlock-heading">
          <h2 id="unlock-heading">{t('lockedHeading')}</h2>
          <UnlockForm onUnlocked={refresh} />
        </section>
      )}
      {status && status.state !== 'none' && <MyKey status={status} />}
      {status && status.state !== 'none' && <VaultSettings status={status} />}
      {status && status.state !== 'none' && <Contacts />}
    </main>
  );
}
