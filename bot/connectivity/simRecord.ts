import type { CollectionSpec } from '../storage/collection.js';
import { lowdbRepository, type LowdbRepository, type RepositoryOptions } from '../storage/repository.js';
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true }).nullable();

/**
 * One SIM of our own inventory (`records/sims`): which organisation owns it — the only source of
 * ownership and of MSISDN/last-digit look-ups, whatever the platform — plus, for the embedded
 * provider, the facts a platform would return (Control Center field names and raw status).
 */
export const simRecordSchema = z.strictObject({
  /** The ICCID. */
  id: z.string().regex(/^\d{18,22}$/),
  organisationId: z.string().min(1),
  imsi: z.string().nullable(),
  msisdn: z.string().nullable(),
  imei: z.string().nullable(),
  status: z.string().min(1),
  ratePlan: z.string().nullable(),
  communicationPlan: z.string().nullable(),
  dateActivated: isoDate,
  dateUpdated: isoDate,
  fixedIPAddress: z.string().nullable(),
  lastCountry: z.string().length(2).nullable(),
  lastOperator: z.string().nullable(),
  requestedApn: z.string().nullable(),
  session: z.strictObject({
    dateSessionStarted: isoDate,
    dateSessionEnded: isoDate,
    ipAddress: z.string().nullable(),
    ipv6Address: z.string().nullable(),
  }),
  usage: z.strictObject({
    ctdDataUsage: z.number().nonnegative(),
    ctdSMSUsage: z.number().int().nonnegative(),
    ctdVoiceUsage: z.number().nonnegative(),
    ctdSessionCount: z.number().int().nonnegative(),
    overageLimitReached: z.boolean(),
    overageLimitOverride: z.string().nullable(),
  }),
});

export type SimRecord = z.infer<typeof simRecordSchema>;

/** Repository name and sub-directory (under `DATA_DIR/records`) of the inventory. */
export const SIM_REPOSITORY = 'sims';

/** Secondary indexes of the SIM inventory. */
export type SimIndex = 'organisation';

/** The SIM inventory collection, indexed by organisation. */
export const SIM_COLLECTION: CollectionSpec<SimRecord, SimIndex> = {
  name: SIM_REPOSITORY,
  schema: simRecordSchema,
  indexes: { organisation: (r) => r.organisationId },
};

/** The SIM inventory repository on lowdb under `dir`, indexed by organisation; open it before use. */
export function simRepository(
  dir: string,
  options: RepositoryOptions<SimRecord> = {},
): LowdbRepository<SimRecord, SimIndex> {
  return lowdbRepository(SIM_COLLECTION, dir, options);
}
