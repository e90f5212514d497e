import type { Lang, Localized } from '../domain/language.js';
import type { Repository } from '../storage/repository.js';
import { copyPlain } from '../storage/plainCopy.js';
import type { CaseIndex } from './caseRepository.js';
import type { CaseCounter } from './caseCounter.js';
import {
  OPEN_STATUSES,
  TRANSCRIPT_LIMIT,
  type Case,
  type CaseCategory,
  type CaseFinding,
  type CaseStatus,
  type CaseType,
  type Criticality,
  type Severity,
  type StoredReference,
  type TranscriptEntry,
} from './caseSchema.js';
import { businessDaysBetween } from './businessDays.js';
import { CaseConflictError, CaseNotFoundError } from './caseErrors.js';
import { assertTransition } from './caseLifecycle.js';
import { holdsNothing } from './emptyCase.js';
import { idleClosable } from './idleCases.js';
import { computePriority } from './priority.js';
import type { TextFn } from './texts.js';

export { CaseConflictError, CaseNotFoundError } from './caseErrors.js';
export { IllegalCaseTransitionError } from './caseLifecycle.js';

/** The organisation facts a case needs (structurally matches the directory's organisation). */
export interface CaseOrganisation {
  id: string;
  name: string;
  vip: boolean;
  useCase: string;
  criticality: Criticality;
}

/** What the bot knows when it opens a case. */
export interface OpenCaseInput {
  organisation: CaseOrganisation;
  contactUserId: string;
  lang: Lang;
  type: CaseType;
  category: CaseCategory;
  severity: Severity;
  sims?: string[];
  /** Estimated SIMs affected; defaults to the number of SIMs listed (at least 1). */
  affectedCount?: number;
  conversation?: StoredReference;
  summary?: string;
  /** Who opened it (user id or 'bot'). */
  by?: string;
  /** What an order or request collected (field id → value). */
  request?: Record<string, string>;
}

/** Options of a {@link CaseService}. */
export interface CaseServiceOptions {
  repo: Repository<Case, CaseIndex>;
  counter: CaseCounter;
  text: TextFn;
  now?: () => Date;
}

/**
 * The life of a case: open, update as the conversation goes, hand over, resolve, close, reopen.
 * Every change is one atomic repository update that also appends to the case's timeline, and every status
 * change is checked against the life-cycle ({@link assertTransition}): an illegal one throws
 * `IllegalCaseTransitionError` and changes nothing.
 */
export class CaseService {
  private readonly repo: Repository<Case, CaseIndex>;
  private readonly counter: CaseCounter;
  private readonly text: TextFn;
  private readonly now: () => Date;

  constructor(options: CaseServiceOptions) {
    this.repo = options.repo;
    this.counter = options.counter;
    this.text = options.text;
    this.now = options.now ?? (() => new Date());
  }

  /** Open a new case with a fresh `CS-<number>` id and its computed priority. */
  async open(input: OpenCaseInput): Promise<Case> {
    const id = `CS-${await this.counter.next()}`;
    const at = this.now().toISOString();
    const sims = [...new Set(input.sims ?? [])];
    const affectedCount = Math.max(1, Math.round(input.affectedCount ?? sims.length));
    const org = input.organisation;
    const priorityInputs = { vip: org.vip, criticality: org.criticality, useCase: org.useCase };
    const priority = computePriority(
      { ...priorityInputs, severity: input.severity, category: input.category, affectedCount },
      input.lang,
      this.text,
    );
    const record: Case = {
      id,
      organisationId: org.id,
      organisationName: org.name,
      contactUserId: input.contactUserId,
      lang: input.lang,
      ...(input.conversation ? { conversation: input.conversation } : {}),
      type: input.type,
      category: input.category,
      ...(input.summary ? { summary: input.summary } : {}),
      ...(input.request ? { request: { ...input.request } } : {}),
      sims,
      affectedCount,
      severity: input.severity,
      priorityInputs,
      priority,
      status: 'open',
      everHandedOff: false,
      findings: [],
      checksDone: [],
      checkReport: [],
      transcript: [],
      notes: [],
      timeline: [
        {
          at,
          event: 'opened',
          by: input.by ?? 'bot',
          detail: `${input.type}/${input.category} ${priority.level}`,
        },
      ],
      createdAt: at,
      updatedAt: at,
    };
    return this.repo.update(id, (current) => {
      if (current) throw new Error(`CaseService.open: ${id} already exists (counter behind the data?)`);
      return record;
    });
  }

  /** The case, or undefined. */
  get(id: string): Case | undefined {
    return this.repo.get(id.toUpperCase());
  }

  /** The case only when it belongs to `organisationId`; another organisation's case looks missing. */
  getForOrganisation(organisationId: string, id: string): Case | undefined {
    const found = this.get(id);
    return found && found.organisationId === organisationId ? found : undefined;
  }

  /** The organisation's cases still being worked on, newest update first. */
  openCasesFor(organisationId: string): Case[] {
    return this.repo
      .findBy('openByOrganisation', organisationId)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The organisation's other cases about any of the SIMs of `c` (indexed by SIM), in no particular order. */
  sharingSims(c: Case): Case[] {
    const out = new Map<string, Case>();
    for (const sim of c.sims)
      for (const other of this.repo.findBy('sim', sim))
        if (other.id !== c.id && other.organisationId === c.organisationId) out.set(other.id, other);
    return [...out.values()];
  }

  /** Every case of the organisation (indexed: no scan of other organisations' cases). */
  forOrganisation(organisationId: string): Case[] {
    return this.repo.findBy('organisation', organisationId);
  }

  /** Every case a person opened (indexed). */
  forContact(userId: string): Case[] {
    return this.repo.findBy('contact', userId);
  }

  /** Cases in one status (indexed): the desk's queue reads `queued` on every enqueue and pick-up. */
  withStatus(status: CaseStatus): Case[] {
    return this.repo.findBy('status', status);
  }

  /** Cases waiting for an agent on the built-in desk, in queue order (priority, then time queued). */
  deskQueue(): Case[] {
    return this.repo.sorted('deskQueue');
  }

  /** 1-based place of the case in the desk's queue, or undefined when it is not waiting there. */
  deskQueuePosition(id: string): number | undefined {
    const rank = this.repo.rank('deskQueue', id.toUpperCase());
    return rank === undefined ? undefined : rank + 1;
  }

  /**
   * Cases still with the bot whose last change is at or before `cutoff` (ISO), oldest first, at most `limit`:
   * read from the head of an ordered index, so the cost follows the cases returned, not the cases stored.
   */
  idleSince(cutoff: string, limit?: number): Case[] {
    return this.repo.leading('idleByAge', (c) => c.updatedAt <= cutoff, limit);
  }

  /** Idle-closed cases whose notice is in this state (indexed: only `pending` and `sending` are). */
  withIdleNotice(notice: 'pending' | 'sending'): Case[] {
    return this.repo.findBy('idleNotice', notice);
  }

  /** Cases assigned to an agent (indexed). */
  assignedTo(agentId: string): Case[] {
    return this.repo.findBy('agent', agentId);
  }

  /** Watch every change of a case (see {@link Repository.onChange}); returns the unsubscribe function. */
  onChange(listener: (id: string, next: Case | undefined, previous: Case | undefined) => void): () => void {
    return this.repo.onChange(listener);
  }

  /** Every case matching `filter`. */
  list(filter?: (c: Case) => boolean): Case[] {
    return this.repo.list(filter);
  }

  /** The open case whose customer conversation has this id (handoff events arrive by conversation). */
  findActiveByConversation(conversationId: string): Case | undefined {
    return this.repo
      .findBy('conversation', conversationId)
      .filter((c) => OPEN_STATUSES.includes(c.status))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /**
   * Apply `change` to the case atomically and log `event` on its timeline. The change receives a copy
   * it may mutate. Throws {@link CaseNotFoundError} for an unknown id, and `IllegalCaseTransitionError`
   * when the change moves the status where the life-cycle does not allow (prefer the named methods —
   * `resolve`, `close`, `reopen`, `handOver`, `assign`, `backToBot` — over setting `status` here).
   */
  async change(
    id: string,
    event: string,
    by: string,
    change: (c: Case) => void,
    detail?: string,
  ): Promise<Case> {
    return this.repo.update(id, (current) => {
      if (!current) throw new CaseNotFoundError(id);
      // Cases are plain JSON (the schema allows nothing else): copied as such, not through JSON text.
      const next = copyPlain(current);
      change(next);
      if (next.status !== current.status) assertTransition(id, current.status, next.status);
      const at = this.now().toISOString();
      next.updatedAt = at;
      next.timeline.push({ at, event, by, ...(detail ? { detail } : {}) });
      return next;
    });
  }

  /** Add messages to the bounded transcript (the oldest fall off past {@link TRANSCRIPT_LIMIT}). */
  async appendTranscript(
    id: string,
    entries: Array<Omit<TranscriptEntry, 'at'> & { at?: string }>,
  ): Promise<Case> {
    const at = this.now().toISOString();
    return this.repo.update(id, (current) => {
      if (!current) throw new CaseNotFoundError(id);
      const transcript = [...current.transcript, ...entries.map((e) => ({ ...e, at: e.at ?? at }))];
      return { ...current, transcript: transcript.slice(-TRANSCRIPT_LIMIT), updatedAt: at };
    });
  }

  /**
   * Record findings (deduplicated by code + SIM), the checks that produced them and how those read to agents
   * (deduplicated by their English text).
   */
  async addFindings(
    id: string,
    findings: CaseFinding[],
    checksDone: string[] = [],
    by = 'bot',
    checkReport: readonly Localized[] = [],
  ): Promise<Case> {
    return this.change(
      id,
      'findings',
      by,
      (c) => {
        for (const f of findings) {
          if (!c.findings.some((x) => x.code === f.code && x.iccid === f.iccid)) c.findings.push(f);
        }
        for (const check of checksDone) if (!c.checksDone.includes(check)) c.checksDone.push(check);
        for (const line of checkReport)
          if (!c.checkReport.some((x) => sameText(x, line))) c.checkReport.push({ ...line });
      },
      findings.map((f) => f.code).join(', ') || undefined,
    );
  }

  /** Add SIMs to the case (and raise the affected estimate if the list outgrows it). */
  async addSims(id: string, sims: string[], by = 'bot'): Promise<Case> {
    return this.change(id, 'sims', by, (c) => {
      for (const s of sims) if (!c.sims.includes(s)) c.sims.push(s);
      c.affectedCount = Math.max(c.affectedCount, c.sims.length);
    });
  }

  /**
   * Take SIMs the customer named by mistake off the case, with what was found on them ("sorry, wrong SIM — it's
   * 0076"): the case is about the SIMs meant. The affected count stays (it was the customer's estimate).
   */
  async takeOffSims(id: string, sims: readonly string[], by = 'bot'): Promise<Case> {
    return this.change(
      id,
      'sims',
      by,
      (c) => {
        c.sims = c.sims.filter((s) => !sims.includes(s));
        c.findings = c.findings.filter((f) => f.iccid === undefined || !sims.includes(f.iccid));
      },
      `taken off: ${sims.join(', ')}`,
    );
  }

  /**
   * Re-score the priority from the stored inputs plus any change (severity, count), with the time the
   * case has waited. Reopening deliberately does NOT call this: a reopened case keeps its old priority.
   */
  async reprioritise(
    id: string,
    change: { severity?: Severity; affectedCount?: number; category?: CaseCategory } = {},
    by = 'bot',
  ): Promise<Case> {
    const now = this.now();
    return this.change(id, 'priority', by, (c) => {
      if (change.severity) c.severity = change.severity;
      if (change.category) c.category = change.category;
      if (change.affectedCount) c.affectedCount = Math.max(1, Math.round(change.affectedCount));
      c.priority = computePriority(
        {
          ...c.priorityInputs,
          severity: c.severity,
          category: c.category,
          affectedCount: c.affectedCount,
          waitingDays: businessDaysBetween(new Date(c.createdAt), now),
        },
        c.lang,
        this.text,
      );
    });
  }

  /**
   * Put the case in front of a person: queued on the built-in desk or handed to the contact centre.
   * The one place a handoff is recorded, whichever channel takes it.
   */
  async handOver(
    id: string,
    handover: {
      channel: 'desk' | 'contact_centre';
      event: string;
      at: Date;
      reason?: string;
      /** The flow's own handoff reason, shown to the agent instead of the general one. */
      detail?: string;
      conversation?: StoredReference;
    },
  ): Promise<Case> {
    return this.change(
      id,
      handover.event,
      'bot',
      (c) => {
        c.status = 'queued';
        c.handoffChannel = handover.channel;
        c.queuedAt = handover.at.toISOString();
        c.everHandedOff = true;
        delete c.assignedAgentId;
        if (handover.reason) c.handoffReason = handover.reason;
        if (handover.detail) c.handoffDetail = handover.detail;
        else delete c.handoffDetail;
        if (handover.conversation) c.conversation = handover.conversation;
      },
      handover.reason,
    );
  }

  /** Move the case to `status`. */
  async setStatus(id: string, status: CaseStatus, by: string, detail?: string): Promise<Case> {
    const at = this.now().toISOString();
    return this.change(
      id,
      `status:${status}`,
      by,
      (c) => {
        c.status = status;
        if (status === 'queued') {
          c.queuedAt = at;
          c.everHandedOff = true;
          delete c.assignedAgentId;
        }
        if (status === 'with_agent') c.everHandedOff = true;
      },
      detail,
    );
  }

  /** Give the case to an agent (status `with_agent`). */
  async assign(
    id: string,
    agentId: string,
    by: string = agentId,
    options: { transfer?: boolean } = {},
  ): Promise<Case> {
    const at = this.now().toISOString();
    return this.change(
      id,
      'assigned',
      by,
      (c) => {
        // Checked inside the record's update, so two agents picking at once cannot both win.
        const holder = c.status === 'with_agent' ? c.assignedAgentId : undefined;
        if (holder && holder !== agentId && !(options.transfer && holder === by)) {
          throw new CaseConflictError(id, `already with ${holder}`, holder);
        }
        if (c.status === 'resolved' || c.status === 'closed')
          throw new CaseConflictError(id, `is ${c.status}`);
        c.assignedAgentId = agentId;
        c.status = 'with_agent';
        c.everHandedOff = true;
        c.pickedAt ??= at;
      },
      agentId,
    );
  }

  /**
   * The case leaves the person who had it (or the queue) and is with the bot again: status `open`, no agent, no
   * handoff channel. `event` names why on the timeline (`back_to_bot` when the customer asked, `handed_back`
   * when the agent gave it back).
   */
  async returnToBot(id: string, by: string, event = 'back_to_bot'): Promise<Case> {
    return this.change(id, event, by, (c) => {
      c.status = 'open';
      delete c.assignedAgentId;
      delete c.handoffChannel;
    });
  }

  /** Add an internal note (never shown to the customer). */
  async addNote(id: string, by: string, text: string): Promise<Case> {
    return this.change(id, 'note', by, (c) => {
      c.notes.push({ at: this.now().toISOString(), by, text });
    });
  }

  /** Mark resolved (by the bot, an agent, a contact centre or the customer); it is no longer handed off. */
  async resolve(id: string, by: string, detail?: string): Promise<Case> {
    const at = this.now().toISOString();
    return this.change(
      id,
      'resolved',
      by,
      (c) => {
        c.status = 'resolved';
        c.resolvedAt = at;
        delete c.handoffChannel;
      },
      detail,
    );
  }

  /**
   * Close a case nobody works on because the customer went quiet: only while it is still
   * {@link idleClosable} and unchanged since `cutoff` (re-checked inside the update, so a message that
   * arrived meanwhile wins). No `resolvedAt`: nobody resolved it. Throws `CaseConflictError` otherwise.
   */
  async closeForInactivity(id: string, cutoff: string, hours: number): Promise<Case> {
    return this.change(
      id,
      'closed',
      'idle_sweep',
      (c) => {
        if (!idleClosable(c) || c.updatedAt > cutoff)
          throw new CaseConflictError(id, 'changed since it was found idle');
        const at = this.now().toISOString();
        // Never a second notice for one case (a reopened case may go quiet again).
        const told = ['sending', 'sent', 'unknown'];
        const notice = c.idleClose && told.includes(c.idleClose.notice) ? c.idleClose.notice : 'pending';
        c.status = 'closed';
        c.closedAt = at;
        c.idleClose = { at, hours, notice, attempts: 0 };
      },
      `closed after ${hours} hours without a reply`,
    );
  }

  /**
   * The conversation continues in another language: the case's texts (queue position, agent relays,
   * follow-ups) follow the customer. Nothing is logged when the language is already `lang`.
   */
  async setLanguage(id: string, lang: Lang, by = 'bot'): Promise<Case> {
    const current = this.get(id);
    if (!current) throw new CaseNotFoundError(id);
    if (current.lang === lang) return current;
    return this.change(
      id,
      'language',
      by,
      (c) => {
        c.lang = lang;
      },
      lang,
    );
  }

  /** Close for good (after follow-up or when the customer confirms). */
  async close(id: string, by: string, detail?: string): Promise<Case> {
    const at = this.now().toISOString();
    return this.change(
      id,
      'closed',
      by,
      (c) => {
        c.status = 'closed';
        c.closedAt = at;
        c.resolvedAt ??= at;
      },
      detail,
    );
  }

  /**
   * Withdraw a case opened only so that a person could be asked for, taken back before anyone picked it up
   * ({@link holdsNothing}): the record is removed, so neither the customer's case list nor the agents' keep a case
   * nobody opened for a problem. Its number is not given again. Returns the removed record; throws
   * `CaseConflictError` when the case holds anything reported or is not with the bot or the queue.
   */
  async withdraw(id: string): Promise<Case> {
    const current = this.repo.get(id);
    if (!current) throw new CaseNotFoundError(id);
    if ((current.status !== 'open' && current.status !== 'queued') || !holdsNothing(current))
      throw new CaseConflictError(
        id,
        'holds what was reported or is with an agent: only an empty request is withdrawn',
      );
    await this.repo.remove(id);
    return current;
  }

  /** Reopen at its old priority (status `open`; the caller queues it if a person must look again). */
  async reopen(id: string, by: string, detail?: string): Promise<Case> {
    return this.change(
      id,
      'reopened',
      by,
      (c) => {
        c.status = 'open';
        delete c.resolvedAt;
        delete c.closedAt;
        delete c.assignedAgentId;
      },
      detail ?? REOPEN_DETAIL,
    );
  }

  /** Store the customer's 1–5 satisfaction rating. */
  async rate(id: string, rating: number, by: string): Promise<Case> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new RangeError(`CaseService.rate: rating must be an integer 1–5, got ${rating}`);
    }
    return this.change(
      id,
      'rated',
      by,
      (c) => {
        c.satisfaction = rating;
      },
      String(rating),
    );
  }

  /** Set or update the follow-up marker on the case. */
  async setFollowUp(id: string, followUp: { dueAt: string; sent: boolean }, by = 'bot'): Promise<Case> {
    return this.change(
      id,
      followUp.sent ? 'follow_up_sent' : 'follow_up_scheduled',
      by,
      (c) => {
        c.followUp = followUp;
      },
      followUp.dueAt,
    );
  }
}

/** Timeline detail of a reopen: the customer must not lose their place because it came back. */
const REOPEN_DETAIL = 'kept its previous priority';

/** True when two localized lines say the same in every language. */
function sameText(a: Localized, b: Localized): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((lang) => a[lang] === b[lang]);
}
