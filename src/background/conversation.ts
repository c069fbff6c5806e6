// Whether a conversation can be sealed: every participant has a usable, unchanged key.
import type { ConversationStatus } from '../shared/protocol';
import { resolveParticipant } from './discovery';
import * as vault from './vault';

export async function conversationStatus(
  participants: Array<{ handle: string; bio: string | null }>,
): Promise<ConversationStatus> {
  const [vaultStatus, states] = await Promise.all([
    vault.status(),
    Promise.all(participants.map((p) => resolveParticipant(p.handle, p.bio))),
  ]);
  return {
    vault: vaultStatus.state,
    ready: states.length > 0 && states.every((s) => s.state === 'ready'),
    participants: states,
  };
}
