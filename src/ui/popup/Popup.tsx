// The toolbar popup: lock state at a glance, unlock and lock.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n';
import type { VaultStatus } from '../../shared/protocol';
import { onStateChanged, request } from '../../shared/rpc';
import { UnlockForm } from '../shared/UnlockForm';

export function Popup() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const refresh = useCallback(async () => setStatus(await request({ type: 'vault.status' })), []);
  useEffect(() => {
    void refresh();
    return onStateChanged(() => void refresh());
  }, [refresh]);
  return (
    <main style={{ minWidth: '300px', padding: '16px' }} class="stack">
      <strong>Sotto</strong>
      {status?.state === 'none' && (
        <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {t('popupSetUp')}
        </button>
      )}
      {status?.state === 'locked' && (
        <>
          <p class="lock-state" data-state="locked">
            {t('stateLocked')}
          </p>
          <UnlockForm onUnlocked={refresh} />
        </>
      )}
      {status?.state === 'unlocked' && (
        <>
          <p class="lock-state" data-state="unlocked">
            {t('stateUnlocked')}
          </p>
          <button type="button" class="secondary" onClick={() => request({ type: 'vault.lock' })}>
            {t('lockNow')}
          </button>
        </>
      )}
      <button type="button" class="secondary" onClick={() => browser.runtime.openOptionsPage()}>
        {t('openSettings')}
      </button>
    </main>
  );
}
