// Each participant's key state under the composer's status line: verified / pinned (with "Compare
// keys"), the key-change decision, or why their key cannot be used (with "Ask for their key").
import { useState } from 'preact/hooks';
import { CompareKeys } from '../../shared/CompareKeys';
import { t } from '../../shared/i18n';
import type { ConversationStatus, ParticipantStatus } from '../../shared/protocol';
import { request } from '../../shared/rpc';
import type { CompareView } from '../../shared/trust';
import { AskForKey } from './AskForKey';
import { KeyChange } from './KeyChange';
import './trust.css';

function Ready({ participant, onCompare }: { participant: ParticipantStatus; onCompare: () => void }) {
  const who = `@${participant.handle}`;
  return (
    <li
      data-testid={`sotto-trust-${participant.handle}`}
      data-trust={participant.verified ? 'verified' : 'pinned'}
    >
      <span>
        {who} · {participant.verified ? `✓ ${t('trustVerified')}` : t('trustPinned')}
      </span>
      <button
        type="button"
        class="link"
        data-testid="sotto-compare-open"
        aria-label={t('trustCompareLabel', who)}
        onClick={onCompare}
      >
        {t('trustCompareButton')}
      </button>
    </li>
  );
}

export function TrustPanel({ handle, status }: { handle: string; status: ConversationStatus }) {
  const [compare, setCompare] = useState<CompareView | null>(null);
  if (status.vault === 'none') return null;
  const open = async (participant: string) => {
    const view = await request({ type: 'trust.compare', handle, participant });
    setCompare('expired' in view ? null : view);
  };
  const verify = async (verified: boolean) => {
    if (!compare) return;
    await request({ type: 'trust.verify', handle, participant: compare.handle, verified });
    setCompare({ ...compare, verified });
  };
  const ready = status.participants.filter((p) => p.state === 'ready');
  return (
    <div class="sotto-trust">
      {status.participants.map((p) => {
        if (p.state === 'key-changed') return <KeyChange key={p.handle} handle={handle} participant={p} />;
        if (p.state === 'key-not-found' || p.state === 'key-unusable')
          return <AskForKey key={p.handle} handle={handle} participant={p} />;
        return null;
      })}
      {ready.length > 0 && (
        <ul class="sotto-people" aria-label={t('contactsHeading')}>
          {ready.map((p) => (
            <Ready key={p.handle} participant={p} onCompare={() => void open(p.handle)} />
          ))}
        </ul>
      )}
      {compare && (
        <CompareKeys view={compare} onVerify={(v) => void verify(v)} onClose={() => setCompare(null)} />
      )}
    </div>
  );
}
