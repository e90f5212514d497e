import { EventFactory, TurnContext, type Activity, type Transcript } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import type { AgentDesk } from './agentDesk.js';
import type { HandoffReason } from './triggers.js';

/** Event names of the Bot Framework handoff protocol. */
export const HANDOFF_INITIATE = 'handoff.initiate';
export const HANDOFF_STATUS = 'handoff.status';

const statusValueSchema = z.object({
  state: z.enum(['accepted', 'failed', 'completed']),
  message: z.string().optional(),
});

/** The routing context a contact centre receives in `handoff.initiate`'s `value`. */
export interface HandoffContext {
  caseId: string;
  reason?: string;
  type: Case['type'];
  category: Case['category'];
  priority: { level: string; score: number; reasons: string[] };
  organisation: { id: string; name: string; vip: boolean; useCase: string; criticality: string };
  contactUserId: string;
  sims: string[];
  affectedCount: number;
  findings: Array<{ code: string; text: string; iccid?: string }>;
  checksDone: string[];
  summary?: string;
}

/** Options of a {@link ContactCentreHandoff}. */
export interface ContactCentreOptions {
  cases: CaseService;
  /** The built-in desk `failed` falls back to. */
  desk: AgentDesk;
  text: TextFn;
  logger: Logger;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** Follow-up offer after a `completed` handoff. */
  offerFollowUp?: (c: Case) => Partial<Activity>[];
  now?: () => Date;
}

/** True for an incoming `handoff.status` event. */
export function isHandoffStatus(activity: Partial<Activity>): boolean {
  return activity.type === 'event' && activity.name === HANDOFF_STATUS;
}

/**
 * Contact-centre mode: instead of the built-in desk, hand the conversation to a contact centre with
 * the Bot Framework handoff protocol (`handoff.initiate` carrying the case context and the transcript),
 * and follow its `handoff.status` answers. A `failed` handoff falls back to the built-in queue.
 */
export class ContactCentreHandoff {
  constructor(private readonly options: ContactCentreOptions) {}

  /** Send `handoff.initiate` for the case from within the customer's turn. */
  async initiate(
    context: TurnContext,
    caseId: string,
    reason?: HandoffReason,
    detail?: string,
  ): Promise<Activity> {
    const reference = TurnContext.getConversationReference(context.activity) as StoredReference;
    const c = await this.options.cases.handOver(caseId, {
      channel: 'contact_centre',
      event: 'handoff_initiated',
      at: this.options.now?.() ?? new Date(),
      conversation: reference,
      ...(reason ? { reason } : {}),
      ...(detail ? { detail } : {}),
    });
    const event = EventFactory.createHandoffInitiation<HandoffContext>(
      context,
      this.handoffContext(c),
      this.transcript(c, context),
    );
    await context.sendActivity(this.options.text(c.lang, 'desk.customer.contactCentre', { id: c.id }));
    await context.sendActivity(event);
    return event;
  }

  /**
   * Handle an incoming `handoff.status` event. Never throws and never rejects the event: a bad or
   * unknown status is logged and ignored, because the hub has no way to act on a refusal.
   * Returns false when the activity is not a `handoff.status` event.
   */
  async handleStatus(context: TurnContext): Promise<boolean> {
    if (!isHandoffStatus(context.activity)) return false;
    try {
      await this.applyStatus(context);
    } catch (err) {
      this.options.logger.error(
        { err, conversationId: context.activity.conversation?.id },
        'ContactCentre: handoff.status failed',
      );
    }
    return true;
  }

  private async applyStatus(context: TurnContext): Promise<void> {
    const { cases, logger, text } = this.options;
    const parsed = statusValueSchema.safeParse(context.activity.value);
    if (!parsed.success) {
      logger.warn(
        { issues: parsed.error.issues.length },
        'ContactCentre: ignoring handoff.status with an invalid value',
      );
      return;
    }
    const conversationId = context.activity.conversation?.id ?? '';
    const c = cases.findActiveByConversation(conversationId);
    if (!c) {
      logger.warn(
        { conversationId, state: parsed.data.state },
        'ContactCentre: handoff.status for no open case',
      );
      return;
    }
    const detail = parsed.data.message;
    switch (parsed.data.state) {
      case 'accepted':
        await cases.setStatus(c.id, 'with_agent', 'contact_centre', detail);
        return;
      case 'failed': {
        await cases.change(c.id, 'handoff_failed', 'contact_centre', () => undefined, detail);
        await context.sendActivity(text(c.lang, 'desk.customer.contactCentreFailed', { id: c.id }));
        await this.options.desk.enqueue(c.id, context, c.handoffReason as HandoffReason | undefined);
        return;
      }
      case 'completed': {
        const resolved = await cases.resolve(c.id, 'contact_centre', detail);
        await context.sendActivity(text(c.lang, 'desk.customer.resolvedByContactCentre', { id: c.id }));
        const offer = this.options.offerFollowUp?.(resolved) ?? [];
        if (offer.length) await context.sendActivities(offer);
        return;
      }
    }
  }

  private handoffContext(c: Case): HandoffContext {
    const org = this.options.organisation?.(c.organisationId);
    return {
      caseId: c.id,
      ...(c.handoffReason ? { reason: c.handoffReason } : {}),
      type: c.type,
      category: c.category,
      priority: {
        level: c.priority.level,
        score: c.priority.score,
        reasons: c.priority.reasons.map((r) => r.text),
      },
      organisation: {
        id: c.organisationId,
        name: org?.name ?? c.organisationName,
        vip: org?.vip ?? c.priorityInputs.vip,
        useCase: org?.useCase ?? c.priorityInputs.useCase,
        criticality: org?.criticality ?? c.priorityInputs.criticality,
      },
      contactUserId: c.contactUserId,
      sims: c.sims,
      affectedCount: c.affectedCount,
      findings: c.findings.map((f) => ({
        code: f.code,
        text: f.text,
        ...(f.iccid ? { iccid: f.iccid } : {}),
      })),
      checksDone: c.checksDone,
      ...(c.summary ? { summary: c.summary } : {}),
    };
  }

  /** The case transcript as activities, which is what a contact centre's agent UI replays. */
  private transcript(c: Case, context: TurnContext): Transcript {
    const user = context.activity.from;
    const bot = context.activity.recipient;
    const activities = c.transcript.map(
      (e, i) =>
        ({
          type: 'message',
          id: `${c.id}-${i + 1}`,
          text: e.text,
          timestamp: new Date(e.at),
          from: e.from === 'customer' ? user : { ...bot, ...(e.from === 'agent' ? { role: 'agent' } : {}) },
          recipient: e.from === 'customer' ? bot : user,
          conversation: context.activity.conversation,
          channelId: context.activity.channelId,
        }) as Activity,
    );
    return { activities };
  }
}
