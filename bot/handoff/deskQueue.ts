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
    return this.cases.deskQueue();
  }

  /** 1-based position of the case in the queue, or undefined when it is not queued on this desk. */
  positionOf(caseId: string): number | undefined {
    return this.cases.deskQueuePosition(caseId);
  }

  /** The customer conversation's case while it is with the desk (queued or with an agent). */
  handedOffCase(conversationId: string): Case | undefined {
    const c = this.cases.findActiveByConversation(conversationId);
    return c && (c.status === 'queued' || c.status === 'with_agent') && c.handoffChannel !== 'contact_centre'
      ? c
      : undefined;
  }
}
