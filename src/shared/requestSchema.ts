// Runtime validation of every request the background receives. Kept apart from protocol.ts so
// the content script, which only needs the types, does not bundle the validator.
import * as v from 'valibot';
import { AUTO_LOCK_CHOICES, type Request } from './protocol';

const handle = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));
const xHandle = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,15}$/));
const conversationId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{1,80}$/));
const theme = v.picklist(['light', 'dim', 'dark']);

export const requestSchema = v.variant('type', [
  // content script
  v.object({
    type: v.literal('conversation.open'),
    openId: handle,
    conversationId,
    participants: v.pipe(
      v.array(v.object({ handle: xHandle, bio: v.nullable(v.pipe(v.string(), v.maxLength(2000))) })),
      v.maxLength(64),
    ),
    group: v.boolean(),
    ownHandle: v.nullable(xHandle),
    theme,
  }),
  v.object({ type: v.literal('composer.sealed'), handle }),
  v.object({
    type: v.literal('group.members'),
    conversationId,
    handles: v.pipe(v.array(xHandle), v.minLength(1), v.maxLength(256)),
  }),
  v.object({ type: v.literal('conversation.seal'), handle }),
  v.object({
    type: v.literal('message.register'),
    conversationId,
    ciphertext: v.pipe(v.string(), v.maxLength(70_000)),
    theme,
  }),
  v.object({
    type: v.literal('bios.seen'),
    bios: v.pipe(
      v.array(v.object({ handle: xHandle, bio: v.pipe(v.string(), v.maxLength(2000)) })),
      v.maxLength(50),
    ),
  }),
  // frames
  v.object({ type: v.literal('keys.ask'), handle, participant: xHandle }),
  v.object({ type: v.literal('keycard.send'), handle }),
  v.object({ type: v.literal('trust.accept'), handle, participant: xHandle }),
  v.object({ type: v.literal('trust.reject'), handle, participant: xHandle }),
  v.object({ type: v.literal('trust.compare'), handle, participant: xHandle }),
  v.object({ type: v.literal('trust.verify'), handle, participant: xHandle, verified: v.boolean() }),
  v.object({ type: v.literal('composer.attach'), handle }),
  v.object({
    type: v.literal('composer.send'),
    handle,
    text: v.pipe(v.string(), v.maxLength(20_000)),
    sendId: v.pipe(v.string(), v.regex(/^[0-9a-f-]{8,64}$/)),
  }),
  v.object({ type: v.literal('composer.draft'), handle, text: v.pipe(v.string(), v.maxLength(20_000)) }),
  v.object({ type: v.literal('message.open'), handle }),
  v.object({
    type: v.literal('frame.resize'),
    handle,
    height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  }),
  // extension pages
  v.object({ type: v.literal('contacts.list') }),
  v.object({
    type: v.literal('contacts.import'),
    participant: xHandle,
    armored: v.pipe(v.string(), v.maxLength(256 * 1024)),
  }),
  v.object({ type: v.literal('contacts.remove'), participant: xHandle }),
  v.object({ type: v.literal('contacts.verify'), participant: xHandle, verified: v.boolean() }),
  v.object({ type: v.literal('vault.status') }),
  v.object({
    type: v.literal('vault.create'),
    name: v.pipe(v.string(), v.maxLength(100)),
    email: v.union([v.literal(''), v.pipe(v.string(), v.email(), v.maxLength(254))]),
    passphrase: v.pipe(v.string(), v.minLength(8), v.maxLength(1000)),
  }),
  v.object({ type: v.literal('vault.unlock'), passphrase: v.pipe(v.string(), v.maxLength(1000)) }),
  v.object({ type: v.literal('vault.lock') }),
  v.object({ type: v.literal('keyserver.upload') }),
  v.object({ type: v.literal('vault.settings'), autoLockMinutes: v.picklist(AUTO_LOCK_CHOICES) }),
  v.object({
    type: v.literal('vault.changePassphrase'),
    current: v.pipe(v.string(), v.maxLength(1000)),
    next: v.pipe(v.string(), v.minLength(8), v.maxLength(1000)),
  }),
  v.object({
    type: v.literal('vault.import'),
    data: v.pipe(v.string(), v.minLength(1), v.maxLength(400_000)),
    encoding: v.picklist(['armored', 'base64']),
    currentPassphrase: v.pipe(v.string(), v.maxLength(1000)),
    passphrase: v.pipe(v.string(), v.minLength(8), v.maxLength(1000)),
  }),
  v.object({ type: v.literal('backup.create') }),
  v.object({
    type: v.literal('backup.restore'),
    file: v.pipe(v.string(), v.minLength(1), v.maxLength(2 * 1024 * 1024)),
    code: v.pipe(v.string(), v.maxLength(200)),
    passphrase: v.pipe(v.string(), v.maxLength(1000)),
  }),
  v.object({ type: v.literal('publish.token') }),
]);

// The schema and the protocol's type must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesProtocol: Same<v.InferOutput<typeof requestSchema>, Request> = true;
void schemaMatchesProtocol;
