import type { Lang } from '../domain/language.js';
import { OPEN_STATUSES, type Case } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import { describePriorityIn } from '../cases/priority.js';
import { handoffReasonText } from '../handoff/cards.js';
import type { TextFn } from '../cases/texts.js';
import type { AgentDesk } from '../handoff/agentDesk.js';
import type { CaseLogEntry } from '../handoff/caseLog.js';
import type { CannedReply } from '../knowledgeBase/schemas/deskSchema.js';
import { renderTemplate } from '../knowledgeBase/template.js';
import { responseTarget, type ResponseTargetStatus } from './responseTargets.js';

/** Everything the console's views are built from; wired in bot/index.ts. */
export interface CaseViewDeps {
  cases: CaseService;
  desk: AgentDesk;
  text: TextFn;
  organisation: (organisationId: string) => (CaseOrganisation & { name: string }) | undefined;
  person: (userId: string) => string | undefined;
  agentName: (agentId: string) => string | undefined;
  /** The customer's latest language in the case's conversation. */
  customerLang: (c: Case) => Lang;
  incident?: (incidentId: string) => { id: string; title: string; status: string } | undefined;
  cannedReplies: () => readonly CannedReply[];
  now: () => Date;
}

/** One row of the console's queue. */
export interface QueueRow {
  id: string;
  level: string;
  score: number;
  /** The priority in words, in the agent's language ("P1 — VIP, 1 SIM without data, smart metering"). */
  priority: string;
  /** Why it was handed over. */
  why: string;
  organisation: { id: string; name: string; vip: boolean };
  customer: string;
  simsAffected: number;
  sims: string[];
  lang: Lang;
  type: string;
  queuedAt: string;
  waitingMs: number;
  target: ResponseTargetStatus;
  offeredTo?: { id: string; name: string; me: boolean };
}

/** A line of a case's conversation as the console shows it. */
export type ConsoleMessage = CaseLogEntry;

/**
 * The console's read models: the queue, an agent's cases, one case with its whole conversation, notes, customer
 * and SIM panel, earlier cases of the same SIMs and canned replies — in the agent's language.
 */
export class CaseViews {
  constructor(private readonly deps: CaseViewDeps) {}

  /** Every waiting case, in queue order. */
  queue(agentId: string, lang: Lang): QueueRow[] {
    const now = this.deps.now();
    return this.deps.desk.queue().map((c) => {
      const offered = this.deps.desk.offers.offeredTo(c.id);
      return {
        ...this.summary(c, lang),
        id: c.id,
        queuedAt: c.queuedAt ?? c.createdAt,
        waitingMs: now.getTime() - new Date(c.queuedAt ?? c.createdAt).getTime(),
        target: responseTarget(c, now),
        ...(offered
          ? {
              offeredTo: {
                id: offered,
                name: this.deps.agentName(offered) ?? offered,
                me: offered === agentId,
              },
            }
          : {}),
      };
    });
  }

  /** The cases the agent holds, with what the panes list needs. */
  mine(
    agentId: string,
    lang: Lang,
  ): Array<ReturnType<CaseViews['summary']> & { id: string; pickedAt?: string }> {
    return this.deps.desk.agentState.held(agentId).map((c) => ({
      ...this.summary(c, lang),
      id: c.id,
      ...(c.pickedAt ? { pickedAt: c.pickedAt } : {}),
    }));
  }

  /** One case, whole: the pane's content. */
  async detail(c: Case, agentId: string, lang: Lang) {
    const { cases, text } = this.deps;
    const log = await this.deps.desk.log.read(c.id);
    // Cases recorded before the log existed show the transcript the case kept.
    const messages: ConsoleMessage[] =
      log.entries.length > 0
        ? log.entries
        : c.transcript.map((e, i) => ({
            id: `${c.id}#t${i}`,
            at: e.at,
            from: e.from,
            text: e.text,
            kind: 'message',
          }));
    const mine = c.status === 'with_agent' && c.assignedAgentId === agentId;
    const customerLang = this.deps.customerLang(c);
    const incident = c.incidentId ? this.deps.incident?.(c.incidentId) : undefined;
    const earlier = cases
      .sharingSims(c)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((x) => ({
        id: x.id,
        status: x.status,
        statusText: text(lang, `cases.status.${x.status}`),
        createdAt: x.createdAt,
        type: text(lang, `cases.type.${x.type}`),
        summary: x.summary ?? '',
        sharedSims: x.sims.filter((s) => c.sims.includes(s)),
        mergeable:
          mine &&
          OPEN_STATUSES.includes(x.status) &&
          !(x.status === 'with_agent' && x.assignedAgentId && x.assignedAgentId !== agentId),
      }));
    return {
      ...this.summary(c, lang),
      id: c.id,
      status: c.status,
      statusText: text(lang, `cases.status.${c.status}`),
      category: text(lang, `cases.category.${c.category}`),
      summaryText: c.summary ?? '',
      customerId: c.contactUserId,
      customerLang,
      channel: c.conversation?.channelId ?? '',
      findings: c.findings.map((f) => ({
        code: f.code,
        text: f.text,
        ...(f.iccid ? { iccid: f.iccid } : {}),
      })),
      checks: c.checkReport.length
        ? c.checkReport.map((line) => line[lang] ?? Object.values(line)[0] ?? '')
        : c.checksDone,
      ...(incident
        ? { incident }
        : c.incidentId
          ? { incident: { id: c.incidentId, title: '', status: '' } }
          : {}),
      ...(c.assignedAgentId
        ? {
            holder: {
              id: c.assignedAgentId,
              name: this.deps.agentName(c.assignedAgentId) ?? c.assignedAgentId,
            },
          }
        : {}),
      mine,
      createdAt: c.createdAt,
      ...(c.queuedAt ? { queuedAt: c.queuedAt } : {}),
      ...(c.pickedAt ? { pickedAt: c.pickedAt } : {}),
      ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
      ...(c.status === 'queued' ? { target: responseTarget(c, this.deps.now()) } : {}),
      messages,
      dropped: log.dropped,
      notes: c.notes.map((n) => ({ at: n.at, by: this.deps.agentName(n.by) ?? n.by, text: n.text })),
      earlier,
      canned: this.canned(c, agentId, customerLang),
    };
  }

  /** Canned replies in the customer's language with the case's values filled in (editable before sending). */
  private canned(c: Case, agentId: string, lang: Lang): Array<{ id: string; title: string; text: string }> {
    const agent = this.deps.agentName(agentId) ?? agentId;
    const customer = this.deps.person(c.contactUserId) ?? '';
    const vars = {
      customer: customer.split(/\s+/)[0] ?? customer,
      agent: agent.split(/\s+/)[0] ?? agent,
      caseId: c.id,
      organisation: this.deps.organisation(c.organisationId)?.name ?? c.organisationName,
      sim: c.sims[0] ?? '',
    };
    return this.deps.cannedReplies().map((r) => ({
      id: r.id,
      title: r.title[lang],
      text: renderTemplate(r.text[lang], vars),
    }));
  }

  private summary(c: Case, lang: Lang) {
    const org = this.deps.organisation(c.organisationId);
    return {
      level: c.priority.level,
      score: c.priority.score,
      priority: describePriorityIn(c, lang, this.deps.text),
      why: handoffReasonText(c, lang, this.deps.text),
      organisation: {
        id: c.organisationId,
        name: org?.name ?? c.organisationName,
        vip: org?.vip ?? c.priorityInputs.vip,
      },
      customer: this.deps.person(c.contactUserId) ?? c.contactUserId,
      simsAffected: c.affectedCount,
      sims: c.sims,
      lang: this.deps.customerLang(c),
      type: this.deps.text(lang, `cases.type.${c.type}`),
    };
  }
}
