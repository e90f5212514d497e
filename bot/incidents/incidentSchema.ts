import { z } from 'zod';
import { langSchema } from '../domain/language.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository } from '../storage/repository.js';

/** investigating → identified → monitoring → resolved (the usual status page vocabulary). */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses an incident can be declared or updated to; `resolved` only through the resolve route. */
export const OPEN_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring'] as const;

/** The services an outage can hit (the same words as the troubleshooting intents). */
export const INCIDENT_SERVICES = ['data', 'sms', 'voice', 'csd'] as const;
export type AffectedService = (typeof INCIDENT_SERVICES)[number];

/** Incident ids as the NOC and customers write them. */
export const INCIDENT_ID_PATTERN = /^INC-\d+$/;

/** A customer-facing message in one or both languages; a missing language falls back to a knowledge text. */
export const localizedMessageSchema = z.partialRecord(langSchema, z.string().trim().min(1).max(2000));
export type LocalizedMessage = z.infer<typeof localizedMessageSchema>;

/**
 * Who is affected. A SIM matches when its last country is listed (or none is) and its last partner operator is
 * listed (or none is); its organisation is then affected. `organisationIds` adds organisations directly and
 * `all` affects every organisation. `services` narrows which problems it explains (empty = every service).
 */
export const incidentScopeSchema = z.object({
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "DE"'))
    .default([]),
  operators: z.array(z.string().trim().min(1).max(100)).default([]),
  organisationIds: z.array(z.string().min(1).max(200)).default([]),
  services: z.array(z.enum(INCIDENT_SERVICES)).default([]),
  all: z.boolean().default(false),
});
export type IncidentScope = z.infer<typeof incidentScopeSchema>;

/** What customers are told at each step: the declaration, each update, the resolution. */
export const NOTICE_KINDS = ['declared', 'update', 'resolved'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const incidentUpdateSchema = z.object({
  /** Position in `updates`: notices refer to it. */
  seq: z.number().int().min(0),
  kind: z.enum(NOTICE_KINDS),
  at: z.string(),
  by: z.string().min(1),
  status: z.enum(INCIDENT_STATUSES),
  message: localizedMessageSchema.optional(),
  /**
   * Every affected conversation has its notice in the outbox. False only between the update's write and the
   * end of its fan-out: a process that died in between finishes the fan-out at start-up, so nobody is skipped.
   */
  fannedOut: z.boolean(),
});
export type IncidentUpdate = z.infer<typeof incidentUpdateSchema>;

export const incidentSchema = z.object({
  id: z.string().regex(INCIDENT_ID_PATTERN),
  title: z.string().min(1),
  status: z.enum(INCIDENT_STATUSES),
  scope: incidentScopeSchema,
  /** Organisations the scope matched when the incident was declared: the ones told about it. */
  affectedOrganisationIds: z.array(z.string()),
  /** The customer-facing message in force (the latest one given). */
  message: localizedMessageSchema,
  updates: z.array(incidentUpdateSchema),
  /** Customer cases linked to it while it was open. */
  linkedCaseIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** The `incidents` collection. */
export const INCIDENT_COLLECTION: CollectionSpec<Incident> = { name: 'incidents', schema: incidentSchema };

/** The `incidents` repository on lowdb under `dir`; open it before use. */
export function incidentRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<Incident> {
  return lowdbRepository(INCIDENT_COLLECTION, dir, options);
}
