import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { conversationRefSchema, type StoredReference } from '../cases/caseSchema.js';
import { langSchema, type Lang } from '../domain/language.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';

/** A customer conversation the bot can write to proactively (incident notices). */
export const knownConversationSchema = z.object({
  /** `<channelId>:<conversationId>`. */
  id: z.string().min(1),
  organisationId: z.string().min(1),
  userId: z.string().min(1),
  /** The conversation's language at the customer's last message. */
  lang: langSchema,
  reference: conversationRefSchema,
  updatedAt: z.string(),
});
export type KnownConversation = z.infer<typeof knownConversationSchema>;

/** Secondary index: the conversations of one organisation. */
export type KnownConversationIndex = 'organisation';

/** The `conversationRefs` collection, indexed by organisation. */
export const KNOWN_CONVERSATION_COLLECTION: CollectionSpec<KnownConversation, KnownConversationIndex> = {
  name: 'conversationRefs',
  schema: knownConversationSchema,
  indexes: { organisation: (c) => c.organisationId },
};

/** The `conversationRefs` repository on lowdb under `dir`; open it before use. */
export function knownConversationRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<KnownConversation, KnownConversationIndex> {
  return lowdbRepository(KNOWN_CONVERSATION_COLLECTION, dir, options);
}

/** The key a conversation is known under (also the outbox's conversation key). */
export function conversationKey(channelId: string | undefined, conversationId: string): string {
  return `${channelId ?? ''}:${conversationId}`;
}

/**
 * The conversation references of identified customers, stored when they write, so that a network outage can be
 * announced in every conversation of every affected organisation. One small record per conversation, rewritten
 * only when what matters for a proactive message changes (where to send, in which language, for whom).
 */
export class KnownConversations {
  /**
   * @param perUser - How many of a user's conversations are kept (the newest); default 5.
   */
  constructor(
    private readonly repo: Repository<KnownConversation, KnownConversationIndex>,
    private readonly now: () => Date = () => new Date(),
    private readonly perUser = 5,
  ) {}

  /** Remember (or refresh) the conversation of this customer turn. */
  async remember(context: TurnContext, organisationId: string, userId: string, lang: Lang): Promise<void> {
    // The incoming activity's id is dropped: a notice is a new message, not a reply to an old one.
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity);
    const id = conversationKey(reference.channelId, context.activity.conversation.id);
    const current = this.repo.get(id);
    if (
      current &&
      current.lang === lang &&
      current.organisationId === organisationId &&
      current.userId === userId &&
      current.reference.serviceUrl === reference.serviceUrl
    )
      return;
    await this.repo.put({
      id,
      organisationId,
      userId,
      lang,
      reference: reference as StoredReference,
      updatedAt: this.now().toISOString(),
    });
    if (!current) await this.forgetOlderThanNewest(organisationId, userId);
  }

  /**
   * Keeps a user's {@link KnownConversations.perUser} newest conversations only: every widget session is a new
   * conversation, and notices to long-gone ones would only grow memory and fail.
   */
  private async forgetOlderThanNewest(organisationId: string, userId: string): Promise<void> {
    const mine = this.ofOrganisation(organisationId)
      .filter((c) => c.userId === userId)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
    for (const stale of mine.slice(this.perUser)) await this.repo.remove(stale.id);
  }

  /** The language of the customer's last message in this conversation, when it is known. */
  langOf(channelId: string | undefined, conversationId: string): Lang | undefined {
    return this.repo.get(conversationKey(channelId, conversationId))?.lang;
  }

  /** The known conversations of an organisation. */
  ofOrganisation(organisationId: string): KnownConversation[] {
    return this.repo.findBy('organisation', organisationId);
  }
}
