// Everything Sotto keeps for one conversation view (the classic page, the drawer, XChat): the
// conversation it shows, the secure composer over it, and the message frames in it.
import type { ConversationStatus, DeliverResult } from '../shared/protocol';
import { randomId } from '../shared/randomId';
import { showHealth } from './banner';
import { ComposerMount } from './composer';
import { MessageFrames } from './messages';
import { request } from './runtime';
import type { Conversation, Surface } from './sites/types';
import { ownHandle } from './sites/xAccount';
import { pageTheme } from './theme';

// A view that is still rendering is not broken: speak up only after this long.
const HEALTH_GRACE_MS = 1500;

/** Which conversation, with whom: a bio appearing or changing does not make it another one. */
function conversationKey(c: Conversation): string {
  return JSON.stringify([c.id, c.group, c.participants.map((p) => p.handle.toLowerCase())]);
}

export class SurfaceController {
  private conversationKey: string | null = null;
  private conversationId: string | null = null;
  private composer: ComposerMount | null = null;
  private opening: string | null = null;
  private unhealthySince: number | null = null;
  private reportedBios = '';
  readonly messages = new MessageFrames(pageTheme);

  constructor(private surface: Surface) {}

  get slot(): string {
    return this.surface.slot;
  }

  /** One pass: follow the conversation shown, keep our frames mounted, check health. */
  async update(surface: Surface): Promise<void> {
    this.surface = surface;
    this.checkHealth();
    const conversation = surface.conversation();
    if (!conversation) {
      this.closeConversation();
      return;
    }
    const key = conversationKey(conversation);
    if (key !== this.conversationKey && key !== this.opening) {
      this.closeConversation();
      await this.open(conversation, key);
    } else {
      this.composer?.keepMounted();
      await this.reportBios(conversation);
    }
    if (this.conversationId) this.messages.scan(surface, this.conversationId);
  }

  /** Bios shown in the view go to the background; a changed one may change who can be sealed. */
  private async reportBios(conversation: Conversation): Promise<void> {
    const bios = conversation.participants.filter((p) => p.bio !== null) as Array<{
      handle: string;
      bio: string;
    }>;
    const key = JSON.stringify(bios);
    if (bios.length === 0 || key === this.reportedBios) return;
    this.reportedBios = key;
    await request({ type: 'bios.seen', bios });
  }

  private checkHealth(): void {
    const health = this.surface.health();
    const healthy = health.composer && health.messageList;
    if (healthy) this.unhealthySince = null;
    else this.unhealthySince ??= Date.now();
    const reportable = healthy || Date.now() - (this.unhealthySince ?? 0) >= HEALTH_GRACE_MS;
    if (reportable) showHealth(this.surface, health);
    else if (!health.composer) setTimeout(() => this.checkHealth(), HEALTH_GRACE_MS);
  }

  private async open(conversation: Conversation, key: string): Promise<void> {
    this.opening = key;
    try {
      const { composerHandle, status } = await request({
        type: 'conversation.open',
        openId: randomId(),
        conversationId: conversation.id,
        participants: conversation.participants,
        group: conversation.group,
        ownHandle: ownHandle(),
        theme: pageTheme(),
      });
      if (this.opening !== key) return; // the view moved on meanwhile
      this.conversationKey = key;
      this.conversationId = conversation.id;
      this.reportedBios = JSON.stringify(conversation.participants.filter((p) => p.bio !== null));
      this.composer = new ComposerMount(this.surface, composerHandle, isSealed(status));
    } finally {
      if (this.opening === key) this.opening = null;
    }
  }

  closeConversation(): void {
    this.composer?.unmount();
    this.composer = null;
    this.messages.clear();
    this.conversationKey = null;
    this.conversationId = null;
  }

  /** The background asks this view's composer to send ciphertext. */
  deliver(
    composerHandle: string,
    ciphertext: string,
    allowUnsealed: boolean,
    mayClick: () => Promise<boolean>,
  ): Promise<DeliverResult> | null {
    if (this.composer?.handle !== composerHandle) return null;
    return this.composer.deliver(ciphertext, allowUnsealed, mayClick);
  }

  /**
   * Hide newly rendered ciphertext right away (called from the mutation observer, before the next
   * frame): a virtualised list measures each row as it mounts, and a row that stays tall with
   * ciphertext for a frame makes the list re-layout around it.
   */
  scanNow(): void {
    if (this.conversationId) this.messages.scan(this.surface, this.conversationId);
  }

  /** Something changed in the background (lock state, a key, the seal): re-read the seal. */
  async refresh(): Promise<void> {
    const composer = this.composer;
    if (!composer) return;
    const answer = await request({ type: 'composer.sealed', handle: composer.handle });
    if (this.composer !== composer) return;
    if ('expired' in answer) {
      // The background restarted and forgot the handle: open the conversation afresh.
      this.closeConversation();
      return;
    }
    composer.setSealed(answer.sealed);
  }
}

function isSealed(status: ConversationStatus): boolean {
  return status.sealed;
}
