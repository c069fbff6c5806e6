// Requests about contacts, key exchange and trust (merged into the router's tables). Frames act only
// on their own conversation's participants (through their composer or message handle); the options
// page manages the contact list.
import type { Request, ResponseMap } from '../shared/protocol';
import * as handles from './handles';
import { answerKeyRequest, sendKeyRequest } from './keyCards';
import type { Caller, SenderKind } from './senders';
import {
  acceptKeyChange,
  compareInConversation,
  importContact,
  listContacts,
  rejectKeyChange,
  removeContact,
  verify,
  verifyInConversation,
} from './trust';

type TrustRequestType =
  | 'keys.ask'
  | 'keycard.send'
  | 'trust.accept'
  | 'trust.reject'
  | 'trust.compare'
  | 'trust.verify'
  | 'contacts.list'
  | 'contacts.import'
  | 'contacts.remove'
  | 'contacts.verify';

type Handler<T extends TrustRequestType> = (
  request: Extract<Request, { type: T }>,
  caller: Caller,
) => Promise<ResponseMap[T]>;

export const TRUST_ALLOWED: Record<TrustRequestType, SenderKind> = {
  'keys.ask': 'frame',
  'keycard.send': 'frame',
  'trust.accept': 'frame',
  'trust.reject': 'frame',
  'trust.compare': 'frame',
  'trust.verify': 'frame',
  'contacts.list': 'page',
  'contacts.import': 'page',
  'contacts.remove': 'page',
  'contacts.verify': 'page',
};

const composer = (handle: string, caller: Caller) => handles.lookup(handle, 'composer', caller.tabId);

export const trustHandlers: { [T in TrustRequestType]: Handler<T> } = {
  'keys.ask': async (r, caller) => {
    const record = composer(r.handle, caller);
    return record ? sendKeyRequest(r.handle, record, r.participant) : { ok: false, reason: 'expired' };
  },
  'keycard.send': async (r, caller) => {
    const record = handles.lookup(r.handle, 'message', caller.tabId);
    return record ? answerKeyRequest(record) : { ok: false, reason: 'expired' };
  },
  'trust.accept': async (r, caller) => {
    const record = composer(r.handle, caller);
    return record ? acceptKeyChange(record, r.participant) : { ok: false, reason: 'not-participant' };
  },
  'trust.reject': async (r, caller) => {
    const record = composer(r.handle, caller);
    if (record) await rejectKeyChange(record, r.participant);
    return null;
  },
  'trust.compare': async (r, caller) => {
    const record = composer(r.handle, caller);
    const view = record ? await compareInConversation(record, r.participant) : null;
    return view ?? { expired: true };
  },
  'trust.verify': async (r, caller) => {
    const record = composer(r.handle, caller);
    if (record) await verifyInConversation(record, r.participant, r.verified);
    return null;
  },
  'contacts.list': async () => listContacts(),
  'contacts.import': async (r) => importContact(r.participant, r.armored),
  'contacts.remove': async (r) => {
    await removeContact(r.participant);
    return null;
  },
  'contacts.verify': async (r) => {
    await verify(r.participant, r.verified);
    return null;
  },
};
