import { z } from 'zod';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository } from '../storage/repository.js';

/**
 * `pending` → `sending` (claimed, durable) → `sent`. `unknown` = a claim whose process died before it
 * could record the outcome; `cancelled` = the case moved on before the check-in was due.
 */
export const SCHEDULE_STATUSES = ['pending', 'sending', 'sent', 'unknown', 'failed', 'cancelled'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export const scheduleSchema = z.object({
  /** One follow-up per case: the id is the case id. */
  id: z.string().min(1),
  caseId: z.string().min(1),
  dueAt: z.string(),
  status: z.enum(SCHEDULE_STATUSES),
  attempts: z.number().int().min(0),
  claimedAt: z.string().optional(),
  claimedBy: z.string().optional(),
  /** Until when the claim holds; after it another instance may take the claim over (as `unknown`). */
  leaseUntil: z.string().optional(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type FollowUpSchedule = z.infer<typeof scheduleSchema>;

/** The `schedules` collection. */
export const SCHEDULE_COLLECTION: CollectionSpec<FollowUpSchedule> = {
  name: 'schedules',
  schema: scheduleSchema,
};

/** The `schedules` repository on lowdb under `dir`; open it before use. */
export function scheduleRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<FollowUpSchedule> {
  return lowdbRepository(SCHEDULE_COLLECTION, dir, options);
}
