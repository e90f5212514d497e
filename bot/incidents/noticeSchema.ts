import { z } from 'zod';
import { conversationRefSchema } from '../cases/caseSchema.js';
import { langSchema } from '../domain/language.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository } from '../storage/repository.js';
import { NOTICE_KINDS } from './incidentSchema.js';

/**
 * `pending` → `sending` (claimed, durable) → `sent` | `failed`. `unknown` = claimed by a process that died
 * before it could record the outcome (never resent: at most once); `cancelled` = no longer worth sending.
 */
export const NOTICE_STATUSES = ['pending', 'sending', 'sent', 'unknown', 'failed', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** What one conversation is sent: an incident notice, or the "is everything working again?" check-in. */
export const OUTBOX_KINDS = [...NOTICE_KINDS, 'check_in'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** One message for one conversation, in the persisted outbox. */
export const noticeSchema = z.object({
  /** `<incidentId>.<seq>.<kind>.<conversation key>`: fanning out twice creates nothing new. */
  id: z.string().min(1),
  incidentId: z.string().min(1),
  /** The incident update it tells about. */
  seq: z.number().int().min(0),
  kind: z.enum(OUTBOX_KINDS),
  conversationKey: z.string().min(1),
  organisationId: z.string().min(1),
  lang: langSchema,
  reference: conversationRefSchema,
  dueAt: z.string(),
  status: z.enum(NOTICE_STATUSES),
  /** Send attempts started (claims made). */
  attempts: z.number().int().min(0).optional(),
  claimedAt: z.string().optional(),
  claimedBy: z.string().optional(),
  /** Until when the claim holds; after it another instance may take it over (as `unknown`). */
  leaseUntil: z.string().optional(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** Secondary index: the notices of one incident. */
export type NoticeIndex = 'incident' | 'status';

/** The `incidentNotices` collection (the outbox), indexed by incident and status. */
export const NOTICE_COLLECTION: CollectionSpec<Notice, NoticeIndex> = {
  name: 'incidentNotices',
  schema: noticeSchema,
  indexes: { incident: (n) => n.incidentId, status: (n) => n.status },
};

/** The `incidentNotices` repository on lowdb under `dir`; open it before use. */
export function noticeRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<Notice, NoticeIndex> {
  return lowdbRepository(NOTICE_COLLECTION, dir, options);
}

/** The outbox id of a notice: deterministic, so a repeated fan-out finds what exists. */
export function noticeId(incidentId: string, seq: number, kind: OutboxKind, conversationKey: string): string {
  return `${incidentId}.${seq}.${kind}.${conversationKey}`;
}
