import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';

/**
 * The desk's view of the case store: which cases wait for an agent, in what order, and which customer
 * conversations are handed off. Cases handed to the contact centre are never the desk's.
 */
export class DeskQueue {
  constructor(private readonly cases: CaseService) {}

  /** Cases waiting for an agent on this desk, by priority (score) then time queued. */
  queue(): Case[] {
    return this.cases
      .withStatus('queued')
      .filter((c) => c.handoffChannel !== 'contact_centre')
      .sort(queueOrder);
  }

  /**
   * 1-based position of the case in the queue, or undefined when it is not queued. Counts the cases
   * ahead in one pass instead of sorting the whole queue: customers ask for it on every message.
   */
  positionOf(caseId: string): number | undefined {
    const target = this.cases.get(caseId);
    if (!target || target.status !== 'queued' || target.handoffChannel === 'contact_centre') return undefined;
    let ahead = 0;
    for (const c of this.cases.withStatus('queued')) {
      if (c.id !== caseId && c.handoffChannel !== 'contact_centre' && queueOrder(c, target) < 0) ahead += 1;
    }
    return ahead + 1;
  }

  /** The customer conversation's case while it is with the desk (queued or with an agent). */
  handedOffCase(conversationId: string): Case | undefined {
    const c = this.cases.findActiveByConversation(conversationId);
    return c && (c.status === 'queued' || c.status === 'with_agent') && c.handoffChannel !== 'contact_centre'
      ? c
      : undefined;
  }
}

/** Queue order: higher priority score first, then longest waiting, then case id (stable). */
function queueOrder(a: Case, b: Case): number {
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
