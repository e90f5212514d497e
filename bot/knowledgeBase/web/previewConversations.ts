import type { TurnContext } from 'botbuilder';
import type { KnowledgeBaseStore } from '../store.js';

/**
 * The preview conversations of the /knowledge page, each bound to a preview version of the knowledge (the files
 * as they are on disk, not yet served). A bot middleware runs such a conversation's turns with its version, so
 * only it sees the edit. Bounded: the oldest preview is forgotten first.
 */
export class PreviewConversations {
  private readonly bound = new Map<string, string>();

  constructor(
    private readonly store: KnowledgeBaseStore,
    private readonly max = 200,
  ) {}

  /** Bind a conversation to a preview version. */
  bind(conversationId: string, version: string): void {
    this.bound.delete(conversationId);
    this.bound.set(conversationId, version);
    while (this.bound.size > this.max) {
      const oldest = this.bound.keys().next().value;
      if (oldest === undefined) break;
      this.bound.delete(oldest);
    }
  }

  /** The preview version of a conversation, if it is a preview conversation. */
  versionOf(conversationId: string | undefined): string | undefined {
    return conversationId ? this.bound.get(conversationId) : undefined;
  }

  /** Bot middleware: a preview conversation's turn runs with its preview version as the current one. */
  middleware(): { onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> } {
    return {
      onTurn: async (context, next) => {
        const version = this.versionOf(context.activity.conversation?.id);
        const kb = version ? this.store.get(version) : undefined;
        if (kb) await this.store.runWith(kb, next);
        else await next();
      },
    };
  }
}
