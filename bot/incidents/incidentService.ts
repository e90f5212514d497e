import type { Logger } from 'pino';
import type { CaseCounter } from '../cases/caseCounter.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { Repository } from '../storage/repository.js';
import { UNGROUPED, type UnitOfWork } from '../storage/unitOfWork.js';
import { affectedOrganisations, noticeTargets, type AudienceSources } from './audience.js';
import type { DeclareIncident, ResolveIncident, UpdateIncident } from './incidentRequests.js';
import type { Incident, AffectedService, IncidentUpdate, NoticeKind } from './incidentSchema.js';
import type { DispatchCounts, NoticeOutbox } from './noticeOutbox.js';
import { noticeId, type Notice, type NoticeStatus } from './noticeSchema.js';

/** No such incident. */
export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} not found`);
    this.name = 'IncidentNotFoundError';
  }
}

/** The incident cannot change that way (it is resolved already). */
export class IncidentConflictError extends Error {
  constructor(
    readonly incidentId: string,
    reason: string,
  ) {
    super(`incident ${incidentId} ${reason}`);
    this.name = 'IncidentConflictError';
  }
}

/** Options of an {@link IncidentService}. */
export interface IncidentServiceOptions {
  incidents: Repository<Incident>;
  /** The `incidents` counter (INC-1001, INC-1002…). */
  counter: CaseCounter;
  cases: CaseService;
  outbox: NoticeOutbox;
  audience: AudienceSources;
  /** How long after the fix the "is everything working again?" check-in goes out. */
  checkInDelayMs: number;
  logger: Logger;
  now?: () => Date;
  /** Commits an incident's change together with its cases' (default: each on its own). */
  unitOfWork?: UnitOfWork;
}

/** An incident and what telling its customers did. */
export interface Announced {
  incident: Incident;
  notices: DispatchCounts;
}

/**
 * Major incidents (network outages): declared, updated and resolved by the NOC through the operations API.
 * Every step is recorded on the incident first and then announced to every known conversation of every affected
 * organisation through the persisted {@link NoticeOutbox}; the fix also schedules a check-in. Customers' cases
 * can be linked to an open incident, and are resolved with it so the check-in's answer closes or reopens them.
 */
export class IncidentService {
  private readonly now: () => Date;
  private readonly unitOfWork: UnitOfWork;

  constructor(private readonly options: IncidentServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.unitOfWork = options.unitOfWork ?? UNGROUPED;
  }

  /** The incident, or undefined. */
  get(id: string): Incident | undefined {
    return this.options.incidents.get(id.toUpperCase());
  }

  /** Every incident: open ones first, newest first within each group. */
  list(): Incident[] {
    return this.options.incidents
      .list()
      .sort(
        (a, b) =>
          Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
          b.createdAt.localeCompare(a.createdAt) ||
          b.id.localeCompare(a.id, 'en', { numeric: true }),
      );
  }

  /** Open incidents affecting the organisation (and, when given, the service), newest first. */
  openFor(organisationId: string, service?: AffectedService): Incident[] {
    return this.list().filter(
      (i) =>
        i.status !== 'resolved' &&
        i.affectedOrganisationIds.includes(organisationId) &&
        (!service || i.scope.services.length === 0 || i.scope.services.includes(service)),
    );
  }

  /** Declare an incident and tell every affected conversation. */
  async declare(input: DeclareIncident, by: string): Promise<Announced> {
    const id = `INC-${await this.options.counter.next()}`;
    const at = this.now().toISOString();
    const incident: Incident = {
      id,
      title: input.title,
      status: input.status,
      scope: input.scope,
      affectedOrganisationIds: affectedOrganisations(input.scope, this.options.audience),
      message: input.message ?? {},
      updates: [update(0, 'declared', at, by, input.status, input.message)],
      linkedCaseIds: [],
      createdAt: at,
      updatedAt: at,
    };
    await this.options.incidents.update(id, (current) => {
      if (current)
        throw new Error(`IncidentService.declare: ${id} already exists (counter behind the data?)`);
      return incident;
    });
    this.options.logger.info(
      { incidentId: id, organisations: incident.affectedOrganisationIds.length, by },
      'incident declared',
    );
    return this.announce(incident, 0);
  }

  /** A new status and/or message for an open incident, told to every affected conversation. */
  async update(id: string, input: UpdateIncident, by: string): Promise<Announced> {
    const changed = await this.append(id, (current, at) =>
      update(current.updates.length, 'update', at, by, input.status ?? current.status, input.message),
    );
    return this.announce(changed, changed.updates.length - 1);
  }

  /**
   * Resolve: the incident and the linked cases still waiting on it are resolved together (one transaction),
   * then the fix is told to every affected conversation and the check-in is scheduled `checkInDelayMs` later.
   */
  async resolve(id: string, input: ResolveIncident, by: string): Promise<Announced> {
    const resolved = await this.unitOfWork.transaction(async () => {
      const incident = await this.append(id, (current, at) =>
        update(current.updates.length, 'resolved', at, by, 'resolved', input.message),
      );
      const dueAt = new Date(this.now().getTime() + this.options.checkInDelayMs).toISOString();
      for (const caseId of incident.linkedCaseIds) {
        const c = this.options.cases.get(caseId);
        // Cases with a person stay with them; the others were only waiting for the fix.
        if (c?.status !== 'open' && c?.status !== 'waiting_customer') continue;
        await this.options.cases.resolve(caseId, 'bot', `incident ${id} resolved`);
        // A pending (unsent) follow-up, so a typed "yes"/"no" is not taken as accepting a follow-up offer.
        await this.options.cases.setFollowUp(caseId, { dueAt, sent: false });
      }
      return incident;
    });
    this.options.logger.info({ incidentId: id, by }, 'incident resolved');
    return this.announce(resolved, resolved.updates.length - 1);
  }

  /** How many notices of the incident are in each outbox status (sent, failed, pending…). */
  deliveries(id: string): Partial<Record<NoticeStatus, number>> {
    const counts: Partial<Record<NoticeStatus, number>> = {};
    for (const n of this.options.outbox.ofIncident(id)) counts[n.status] = (counts[n.status] ?? 0) + 1;
    return counts;
  }

  /**
   * Link a customer's case to an open incident, both ways in one transaction: the case names it and the
   * incident lists it, or neither does.
   */
  async linkCase(incidentId: string, caseId: string): Promise<void> {
    // The incident first, as in resolve(): transactions that lock the same records lock them in one order.
    await this.unitOfWork.transaction(async () => {
      await this.options.incidents.update(incidentId, (current) => {
        if (!current) throw new IncidentNotFoundError(incidentId);
        return current.linkedCaseIds.includes(caseId)
          ? current
          : { ...current, linkedCaseIds: [...current.linkedCaseIds, caseId] };
      });
      await this.options.cases.change(
        caseId,
        'incident_linked',
        'bot',
        (c) => (c.incidentId = incidentId),
        incidentId,
      );
    });
  }

  /** The case of this incident that a conversation is about, newest first. */
  linkedCase(incidentId: string, organisationId: string, conversationId: string): Case | undefined {
    return this.options.cases
      .forOrganisation(organisationId)
      .filter((c) => c.incidentId === incidentId && c.conversation?.conversation?.id === conversationId)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /** Finish fan-outs a stopped process left half done, then start sending due notices. */
  async start(): Promise<void> {
    await this.options.outbox.start();
    for (const incident of this.options.incidents.list((i) => i.updates.some((u) => !u.fannedOut))) {
      for (const u of incident.updates.filter((x) => !x.fannedOut)) {
        this.options.logger.warn(
          { incidentId: incident.id, seq: u.seq },
          'finishing an interrupted incident fan-out',
        );
        await this.options.outbox.exclusive(() => this.fanOut(incident, u.seq));
      }
    }
    await this.options.outbox.tick();
  }

  /** Stop sending (waits for a broadcast in progress). */
  stop(): Promise<void> {
    return this.options.outbox.stop();
  }

  /** After a check-in reached a conversation: its resolved linked case now waits for that answer. */
  async afterSend(notice: Notice): Promise<void> {
    if (notice.kind !== 'check_in') return;
    const conversationId = notice.reference.conversation?.id;
    if (!conversationId) return;
    const c = this.linkedCase(notice.incidentId, notice.organisationId, conversationId);
    if (c?.status === 'resolved' && c.followUp && !c.followUp.sent)
      await this.options.cases.setFollowUp(c.id, { dueAt: c.followUp.dueAt, sent: true });
  }

  /** Append an update to an open incident (atomically) and return the incident after it. */
  private append(id: string, next: (current: Incident, at: string) => IncidentUpdate): Promise<Incident> {
    const key = id.toUpperCase();
    return this.options.incidents.update(key, (current) => {
      if (!current) throw new IncidentNotFoundError(key);
      if (current.status === 'resolved') throw new IncidentConflictError(key, 'is resolved already');
      const at = this.now().toISOString();
      const u = next(current, at);
      return {
        ...current,
        status: u.status,
        ...(u.message ? { message: u.message } : {}),
        updates: [...current.updates, u],
        updatedAt: at,
        ...(u.status === 'resolved' ? { resolvedAt: at } : {}),
      };
    });
  }

  /** Fan the update out and send it, as one outbox job. */
  private async announce(incident: Incident, seq: number): Promise<Announced> {
    const notices = await this.options.outbox.exclusive(async () => {
      const ids = await this.fanOut(incident, seq);
      return this.options.outbox.send(ids);
    });
    return { incident: this.get(incident.id) ?? incident, notices };
  }

  /**
   * Put update `seq`'s notice (and after a fix, the check-in) for every affected conversation in the outbox,
   * then mark the update fanned out. Idempotent: notice ids are deterministic. Returns the immediate notices' ids.
   */
  private async fanOut(incident: Incident, seq: number): Promise<string[]> {
    const u = incident.updates[seq];
    if (!u) return [];
    const at = this.now();
    const checkInAt = new Date(at.getTime() + this.options.checkInDelayMs).toISOString();
    const targets = noticeTargets(incident.affectedOrganisationIds, this.options.audience);
    const notice = (kind: Notice['kind'], target: (typeof targets)[number], dueAt: string): Notice => ({
      id: noticeId(incident.id, seq, kind, target.conversationKey),
      incidentId: incident.id,
      seq,
      kind,
      conversationKey: target.conversationKey,
      organisationId: target.organisationId,
      lang: target.lang,
      reference: target.reference,
      dueAt,
      status: 'pending',
    });
    const now = targets.map((t) => notice(u.kind, t, at.toISOString()));
    const later = u.kind === 'resolved' ? targets.map((t) => notice('check_in', t, checkInAt)) : [];
    await this.options.outbox.add([...now, ...later]);
    await this.options.incidents.update(incident.id, (current) => {
      if (!current) throw new IncidentNotFoundError(incident.id);
      return {
        ...current,
        updates: current.updates.map((x) => (x.seq === seq ? { ...x, fannedOut: true } : x)),
      };
    });
    return now.map((n) => n.id);
  }
}

function update(
  seq: number,
  kind: NoticeKind,
  at: string,
  by: string,
  status: IncidentUpdate['status'],
  message: IncidentUpdate['message'],
): IncidentUpdate {
  return { seq, kind, at, by, status, ...(message ? { message } : {}), fannedOut: false };
}
