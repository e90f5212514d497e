import type { CollectionSpec } from '../storage/collection.js';
import { lowdbRepository, type LowdbRepository, type RepositoryOptions } from '../storage/repository.js';
import { caseSchema, OPEN_STATUSES, type Case } from './caseSchema.js';
import { idleClosable, idleOrder } from './idleCases.js';

/**
 * Secondary indexes of the cases repository: what every-turn queries look cases up by, the built-in desk's
 * queue kept in order (a customer's place in it is asked on every message), and what the stale-case sweep
 * reads on every tick (the bot-only cases by age, the idle-close notices still to send).
 */
export type CaseIndex =
  | 'conversation'
  | 'organisation'
  | 'openByOrganisation'
  | 'contact'
  | 'sim'
  | 'status'
  | 'agent'
  | 'deskQueue'
  | 'idleNotice'
  | 'idleByAge';

/** The `cases` collection: schema and indexes, whichever store keeps it. */
export const CASE_COLLECTION: CollectionSpec<Case, CaseIndex> = {
  name: 'cases',
  schema: caseSchema,
  indexes: {
    // Only open cases: a customer conversation has at most a handful, however long its history.
    conversation: (c) => (OPEN_STATUSES.includes(c.status) ? c.conversation?.conversation?.id : undefined),
    organisation: (c) => c.organisationId,
    // "What about my cases?" reads only the open ones: resolved and closed cases are not kept in memory.
    openByOrganisation: (c) => (OPEN_STATUSES.includes(c.status) ? c.organisationId : undefined),
    contact: (c) => c.contactUserId,
    // Earlier cases of a SIM (the console) without reading the organisation's whole history.
    sim: (c) => c.sims,
    status: (c) => c.status,
    agent: (c) => c.assignedAgentId,
    // Only notices still in flight: sent ones would make the key grow with every case ever idle-closed.
    idleNotice: inFlightNotice,
  },
  sorted: {
    // Cases handed to the contact centre are never the desk's.
    deskQueue: {
      where: (c) => c.status === 'queued' && c.handoffChannel !== 'contact_centre',
      order: queueOrder,
    },
    // Kept sorted by last change so a sweep tick reads only the cases past the idle limit (the head), however
    // many cases are stored: one insertion per case write instead of a scan of 100k cases per tick.
    idleByAge: { where: idleClosable, order: idleOrder },
  },
  // Cases being worked on (and idle-close notices still in flight) stay in memory: every turn and every job tick
  // reads them. Resolved and closed ones — the history, growing with every conversation — are read on demand.
  resident: (c) => OPEN_STATUSES.includes(c.status) || inFlightNotice(c) !== undefined,
};

/** The idle-close notice of the case while it is still to be sent (`pending`, `sending`). */
function inFlightNotice(c: Case): 'pending' | 'sending' | undefined {
  return c.idleClose?.notice === 'pending' || c.idleClose?.notice === 'sending'
    ? c.idleClose.notice
    : undefined;
}

/** The `cases` repository on lowdb under `dir`, with its indexes; open it before use. */
export function caseRepository(
  dir: string,
  options: RepositoryOptions<Case> = {},
): LowdbRepository<Case, CaseIndex> {
  return lowdbRepository(CASE_COLLECTION, dir, options);
}

/** Queue order: higher priority score first, then longest waiting, then case id (a total order). */
export function queueOrder(a: Case, b: Case): number {
  return (
    b.priority.score - a.priority.score ||
    compareText(a.queuedAt ?? a.createdAt, b.queuedAt ?? b.createdAt) ||
    compareText(a.id, b.id)
  );
}

/** Plain code-unit order: ISO timestamps and case ids need no locale rules (and localeCompare is slow). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
