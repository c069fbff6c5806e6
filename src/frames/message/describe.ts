// How each decryption outcome is told to the user: one tone, one sentence, and whether the text
// may be shown. Text is shown only for a valid signature.
import type { MessageKey } from '../../shared/i18n';
import type { MessageView } from '../../shared/protocol';
import type { KeyCardView, KeyRequestView } from '../../shared/trust';

/** An encrypted message's view (key requests and key cards have their own components). */
export type DecryptView = Exclude<MessageView, KeyRequestView | KeyCardView>;

export interface Shown {
  tone: 'ok' | 'warn' | 'bad';
  key: MessageKey;
  substitution?: string;
  text?: string;
}

export function describeMessage(view: DecryptView): Shown {
  switch (view.state) {
    case 'ok': {
      if (view.binding === 'other-conversation' || view.binding === 'other-recipients') {
        return { tone: 'bad', key: 'msgOtherConversation', text: view.text };
      }
      if (view.binding === 'other-sender') return { tone: 'bad', key: 'msgOtherSender', text: view.text };
      if (view.signerIsSelf) return { tone: 'ok', key: 'msgFromYou', text: view.text };
      if (view.signerHandle) {
        const who = `@${view.signerHandle}`;
        if (view.signerKey === 'previous')
          return { tone: 'warn', key: 'msgFromContactPrevious', substitution: who, text: view.text };
        if (view.signerTrust === 'changed')
          return { tone: 'warn', key: 'msgFromContactChanged', substitution: who, text: view.text };
        if (view.signerTrust === 'verified')
          return { tone: 'ok', key: 'msgFromContactVerified', substitution: who, text: view.text };
        if (view.signerTrust === 'pinned')
          return { tone: 'ok', key: 'msgFromContactPinned', substitution: who, text: view.text };
        return { tone: 'ok', key: 'msgFromContact', substitution: who, text: view.text };
      }
      return {
        tone: 'warn',
        key: 'msgUnknownSigner',
        substitution: view.signer.fingerprint.slice(-16),
        text: view.text,
      };
    }
    case 'bad-signature':
      return { tone: 'bad', key: 'msgBadSignature' };
    case 'unknown-signer':
      return { tone: 'warn', key: 'msgUnknownSignerHidden', substitution: view.signerKeyId };
    case 'unsigned':
      return { tone: 'bad', key: 'msgUnsigned' };
    case 'not-for-me':
      return { tone: 'warn', key: 'msgNotForMe' };
    case 'malformed':
      return { tone: 'bad', key: 'msgMalformed' };
    case 'too-large':
      return { tone: 'bad', key: 'msgTooLarge' };
    case 'unsupported':
      return { tone: 'warn', key: 'msgUnsupported' };
    case 'locked':
      return { tone: 'warn', key: 'msgLocked' };
  }
}
