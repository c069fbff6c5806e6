// A conversation's state: who is in it, whether every one of them has a usable key, and whether
// it is sealed. Sealed is sticky: once a conversation was sealed it stays sealed, so a key that
// later goes missing blocks sending instead of falling back to plaintext.
import type { ConversationStatus } from '../shared/protocol';
import { resolveParticipant } from './discovery';
import type { ComposerRecord } from './handles';
import { getLocal, setLocal } from './store';
import * as vault from './vault';

const SITE = 'x.com';

function key(conversationId: string): string {
  return `${SITE}:${conversationId}`;
}

export async function groupMembers(conversationId: string): Promise<string[] | null> {
  return (await getLocal('groups'))?.[key(conversationId)] ?? null;
}

export async function rememberGroupMembers(conversationId: string, handles: string[]): Promise<void> {
  const groups = (await getLocal('groups')) ?? {};
  groups[key(conversationId)] = [...new Set(handles)];
  await setLocal('groups', groups);
}

export async function isSealed(conversationId: string): Promise<boolean> {
  return (await getLocal('sealed'))?.[key(conversationId)] !== undefined;
}

export async function seal(conversationId: string): Promise<void> {
  const sealed = (await getLocal('sealed')) ?? {};
  if (sealed[key(conversationId)] !== undefined) return;
  sealed[key(conversationId)] = Date.now();
  await setLocal('sealed', sealed);
}

/** The people to encrypt to (besides the user): the partner, or a group's members less the user. */
export async function participantsOf(
  record: Pick<ComposerRecord, 'conversationId' | 'participants' | 'group' | 'ownHandle'>,
): Promise<{ participants: Array<{ handle: string; bio: string | null }>; membersKnown: boolean }> {
  if (!record.group) return { participants: record.participants, membersKnown: true };
  const members = await groupMembers(record.conversationId);
  if (!members) return { participants: [], membersKnown: false };
  const own = record.ownHandle?.toLowerCase();
  return {
    participants: members.filter((h) => h.toLowerCase() !== own).map((handle) => ({ handle, bio: null })),
    membersKnown: true,
  };
}

export async function conversationStatus(
  record: Pick<ComposerRecord, 'conversationId' | 'participants' | 'group' | 'ownHandle'>,
): Promise<ConversationStatus> {
  const { participants, membersKnown } = await participantsOf(record);
  const [vaultStatus, states, wasSealed] = await Promise.all([
    vault.status(),
    Promise.all(participants.map((p) => resolveParticipant(p.handle, p.bio))),
    isSealed(record.conversationId),
  ]);
  const ready = membersKnown && states.length > 0 && states.every((s) => s.state === 'ready');
  // Sealed by default as soon as everyone has a key (and the user has a key of their own).
  const sealed = wasSealed || (ready && vaultStatus.state !== 'none');
  if (sealed && !wasSealed) await seal(record.conversationId);
  return { vault: vaultStatus.state, ready, sealed, membersKnown, participants: states };
}
