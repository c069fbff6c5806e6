// The one entry point for requests to the background: validate the shape, check that the caller
// is allowed to say it, then act.
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import type { Request, RequestType, ResponseMap, ToContent } from '../shared/protocol';
import { requestSchema } from '../shared/requestSchema';
import { createBackup, restoreBackup } from './backup';
import { conversationStatus, rememberGroupMembers, seal } from './conversation';
import { draftFor, saveDraft } from './drafts';
import * as handles from './handles';
import { uploadOwnKey } from './keyserverUpload';
import { notifyStateChanged } from './notify';
import { openMessage } from './open';
import { send } from './send';
import { type Caller, classifySender, type SenderKind } from './senders';
import { seeBios } from './trust';
import { TRUST_ALLOWED, trustHandlers } from './trustRoutes';
import * as vault from './vault';

const ALLOWED: Record<RequestType, SenderKind | readonly SenderKind[]> = {
  'conversation.open': 'content',
  'message.register': 'content',
  'bios.seen': 'content',
  'composer.sealed': 'content',
  'group.members': 'content',
  'conversation.seal': 'frame',
  'composer.attach': 'frame',
  'composer.send': 'frame',
  'composer.draft': 'frame',
  'message.open': 'frame',
  'frame.resize': 'frame',
  'vault.status': 'page',
  'vault.create': 'page',
  'vault.unlock': ['page', 'frame'],
  'vault.lock': 'page',
  'keyserver.upload': 'page',
  'vault.settings': 'page',
  'vault.changePassphrase': 'page',
  'vault.import': 'page',
  'backup.create': 'page',
  'backup.restore': 'page',
  'publish.token': 'content',
  ...TRUST_ALLOWED,
};

type Handler<T extends RequestType> = (
  request: Extract<Request, { type: T }>,
  caller: Caller,
) => Promise<ResponseMap[T]>;

const handlers: { [T in RequestType]: Handler<T> } = {
  'conversation.open': async (r, caller) => {
    const composerHandle = await handles.registerComposer({
      kind: 'composer',
      tabId: caller.tabId!,
      openId: r.openId,
      conversationId: r.conversationId,
      participants: r.participants,
      group: r.group,
      ownHandle: r.ownHandle,
      theme: r.theme,
    });
    return {
      composerHandle,
      status: await conversationStatus(handles.lookup(composerHandle, 'composer', caller.tabId)!),
    };
  },
  'composer.sealed': async (r, caller) => {
    const record = handles.lookup(r.handle, 'composer', caller.tabId);
    if (!record) return { expired: true };
    return { sealed: (await conversationStatus(record)).sealed };
  },
  'group.members': async (r) => {
    await rememberGroupMembers(r.conversationId, r.handles);
    notifyStateChanged();
    return null;
  },
  'conversation.seal': async (r, caller) => {
    const record = handles.lookup(r.handle, 'composer', caller.tabId);
    if (record) {
      await seal(record.conversationId);
      notifyStateChanged();
    }
    return null;
  },
  'message.register': async (r, caller) => ({
    handle: handles.register({
      kind: 'message',
      tabId: caller.tabId!,
      conversationId: r.conversationId,
      ciphertext: r.ciphertext,
      theme: r.theme,
    }),
  }),
  'bios.seen': async (r) => {
    await seeBios(r.bios);
    return null;
  },
  'composer.attach': async (r, caller) => {
    const record = handles.lookup(r.handle, 'composer', caller.tabId);
    if (!record) return { expired: true };
    return {
      status: await conversationStatus(record),
      theme: record.theme,
      draft: draftFor(record.conversationId),
    };
  },
  'composer.send': async (r, caller) => {
    const record = handles.lookup(r.handle, 'composer', caller.tabId);
    if (!record) return { ok: false, reason: 'expired' };
    return send(r.handle, record, r.text, r.sendId);
  },
  'composer.draft': async (r, caller) => {
    const record = handles.lookup(r.handle, 'composer', caller.tabId);
    if (record) saveDraft(record.conversationId, r.text);
    return null;
  },
  'message.open': async (r, caller) => {
    const record = handles.lookup(r.handle, 'message', caller.tabId);
    if (!record) return { expired: true };
    return { view: await openMessage(record), theme: record.theme };
  },
  'frame.resize': async (r, caller) => {
    const message: ToContent = { type: 'frame.resize', handle: r.handle, height: r.height };
    if (caller.tabId !== undefined)
      await browser.tabs.sendMessage(caller.tabId, message, { frameId: 0 }).catch(() => {});
    return null;
  },
  'vault.status': async () => vault.status(),
  'vault.create': async (r) => vault.create(r.name, r.email, r.passphrase),
  'vault.unlock': async (r) => vault.unlock(r.passphrase),
  'vault.lock': async () => {
    await vault.lock();
    return null;
  },
  'keyserver.upload': async () => uploadOwnKey(),
  'vault.settings': async (r) => {
    await vault.setAutoLock(r.autoLockMinutes);
    return null;
  },
  'vault.changePassphrase': async (r) => vault.changePassphrase(r.current, r.next),
  'vault.import': async (r) => vault.importKey(r),
  'backup.create': async () => createBackup(),
  'backup.restore': async (r) => restoreBackup(r.file, r.code, r.passphrase),
  'publish.token': async () => vault.publishToken(),
  ...trustHandlers,
};

export async function route(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const caller = classifySender(sender);
  if (!caller) throw new Error('Unknown sender');
  const parsed = v.safeParse(requestSchema, message);
  if (!parsed.success) throw new Error('Malformed request');
  const request = parsed.output;
  await handles.ready;
  if (![ALLOWED[request.type]].flat().includes(caller.kind))
    throw new Error(`${request.type} is not allowed from ${caller.kind}`);
  const handler = handlers[request.type] as Handler<typeof request.type>;
  return handler(request as never, caller);
}
