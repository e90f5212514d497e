import { z } from 'zod';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';

export const contactSchema = z.object({
  /** `<channelId>:<conversationId>`: recording the same conversation twice changes nothing. */
  id: z.string().min(1),
  channelId: z.string(),
  conversationId: z.string().min(1),
  at: z.string(),
  organisationId: z.string().optional(),
  userId: z.string().optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** What the bot knows about a new conversation. */
export interface NewContact {
  channelId: string;
  conversationId: string;
  organisationId?: string;
  userId?: string;
  at?: Date;
}

/**
 * The `contacts` collection: one record per conversation ever held, read only by the statistics — none is kept
 * in memory (stores that can read a record on demand read them from disk).
 */
export const CONTACT_COLLECTION: CollectionSpec<Contact> = {
  name: 'contacts',
  schema: contactSchema,
  resident: () => false,
};

/** The `contacts` repository on lowdb under `dir`; open it before use. */
export function contactRepository(dir: string, options: DocumentStoreOptions = {}): LowdbRepository<Contact> {
  return lowdbRepository(CONTACT_COLLECTION, dir, options);
}

/** One record per customer conversation, for the operations statistics. */
export class ContactLog {
  constructor(
    private readonly repo: Repository<Contact>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Record a conversation once (later calls for the same conversation keep the first record). */
  async recordContact(contact: NewContact): Promise<Contact> {
    const id = `${contact.channelId}:${contact.conversationId}`;
    const existing = this.repo.get(id);
    if (existing) return existing;
    return this.repo.update(
      id,
      (current) =>
        current ?? {
          id,
          channelId: contact.channelId,
          conversationId: contact.conversationId,
          at: (contact.at ?? this.now()).toISOString(),
          ...(contact.organisationId ? { organisationId: contact.organisationId } : {}),
          ...(contact.userId ? { userId: contact.userId } : {}),
        },
    );
  }

  /** Every contact recorded. */
  list(): Contact[] {
    return this.repo.list();
  }
}
