import type { CollectionSpec } from '../storage/collection.js';
import { lowdbRepository, type LowdbRepository, type RepositoryOptions } from '../storage/repository.js';
import { z } from 'zod';

export const USE_CASES = [
  'smart_metering',
  'fleet_tracking',
  'alarms',
  'elevator_phones',
  'ev_charging',
  'health',
  'consumer_broadband',
  'other',
] as const;

export const CRITICALITIES = ['critical', 'high', 'standard', 'low'] as const;

/** A customer organisation. */
export const organisationSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  vip: z.boolean(),
  useCase: z.enum(USE_CASES),
  /** How much harm an outage does (metering, alarms, elevator phones: critical; entertainment: low). */
  criticality: z.enum(CRITICALITIES),
  locale: z.string().min(2).optional(),
  /** The name in other languages, for names that are ours to translate ("Private customer" → "Cliente particular"). */
  names: z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1)).optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** The organisation's name as a customer reads it in `lang`: its translation when it has one. */
export function organisationNameIn(org: Pick<Organisation, 'name' | 'names'>, lang: string): string {
  return org.names?.[lang] ?? org.name;
}

/** A person Firstline talks to, keyed by channel user id. */
export const directoryUserSchema = z.strictObject({
  /** Channel user id (Web Chat/Direct Line user id, Teams `29:…` id). */
  id: z.string().min(1),
  /** Teams/Entra object id: stable across Teams' per-bot user ids, so matched first. */
  aadObjectId: z.string().min(1).optional(),
  organisationId: z.string().min(1).optional(),
  name: z.string().min(1),
  /** `editor`: a knowledge editor, who signs in to the /knowledge page (not to the agent desk). */
  role: z.enum(['customer', 'agent', 'editor']),
  locale: z.string().min(2).optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** `knowledge/demo/directory.json`. */
export const directorySeedSchema = z.strictObject({
  $comment: z.string().optional(),
  organisations: z.array(organisationSchema),
  users: z.array(directoryUserSchema),
});
export type DirectorySeed = z.infer<typeof directorySeedSchema>;

/** Repository names (sub-directories of `DATA_DIR/records`). */
export const ORGANISATION_REPOSITORY = 'organisations';
export const USER_REPOSITORY = 'users';

/** The directory's organisations. */
export const ORGANISATION_COLLECTION: CollectionSpec<Organisation> = {
  name: ORGANISATION_REPOSITORY,
  schema: organisationSchema,
};

/** The directory's users, indexed by Teams `aadObjectId` (looked up on every Teams turn). */
export const USER_COLLECTION: CollectionSpec<DirectoryUser, 'aadObjectId'> = {
  name: USER_REPOSITORY,
  schema: directoryUserSchema,
  indexes: { aadObjectId: (u) => u.aadObjectId },
};

/** The users repository on lowdb under `dir`; open it before use. */
export function userRepository(
  dir: string,
  options: RepositoryOptions<DirectoryUser> = {},
): LowdbRepository<DirectoryUser, 'aadObjectId'> {
  return lowdbRepository(USER_COLLECTION, dir, options);
}
