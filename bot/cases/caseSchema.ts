import { z } from 'zod';
import { FINDING_CODES } from '../domain/findings.js';
import { langSchema } from '../domain/language.js';

/** The operator's four kinds of case. */
export const CASE_TYPES = ['incident', 'information_request', 'service_request', 'order'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Target (mean) resolution time per case type, in business days. */
export const CASE_TARGET_DAYS: Readonly<Record<CaseType, number>> = {
  incident: 9.3,
  information_request: 7.1,
  service_request: 9.3,
  order: 12,
};

export const CASE_CATEGORIES = ['data', 'sms', 'voice', 'csd', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Total loss of service > degraded > question. */
export const SEVERITIES = ['outage', 'degraded', 'question'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CASE_STATUSES = [
  'open',
  'waiting_customer',
  'queued',
  'with_agent',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITY_LEVELS = ['P1', 'P2', 'P3', 'P4'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export const CRITICALITIES = ['critical', 'high', 'standard', 'low'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** Case ids as customers write them. */
export const CASE_ID_PATTERN = /^CS-\d+$/;

const iso = z.string().min(1);
const textVarsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const priorityReasonSchema = z.object({
  code: z.string().min(1),
  vars: textVarsSchema.optional(),
  /** Rendered in the case's language when the priority was computed. */
  text: z.string(),
});
export type PriorityReason = z.infer<typeof priorityReasonSchema>;

export const prioritySchema = z.object({
  level: z.enum(PRIORITY_LEVELS),
  score: z.number(),
  reasons: z.array(priorityReasonSchema),
});
export type Priority = z.infer<typeof prioritySchema>;

/** A stored conversation reference (botbuilder `Partial<ConversationReference>`), kept loose on purpose. */
export const conversationRefSchema = z
  .object({
    channelId: z.string().optional(),
    serviceUrl: z.string().optional(),
    conversation: z.object({ id: z.string() }).loose().optional(),
    user: z.object({ id: z.string() }).loose().optional(),
    bot: z.object({ id: z.string() }).loose().optional(),
    locale: z.string().optional(),
    activityId: z.string().optional(),
  })
  .loose();
export type StoredReference = z.infer<typeof conversationRefSchema>;

export const transcriptEntrySchema = z.object({
  from: z.enum(['customer', 'bot', 'agent']),
  text: z.string(),
  at: iso,
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const caseFindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  text: z.string(),
  iccid: z.string().optional(),
});
export type CaseFinding = z.infer<typeof caseFindingSchema>;

export const timelineEntrySchema = z.object({
  at: iso,
  event: z.string().min(1),
  by: z.string().min(1),
  detail: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/**
 * The one proactive "closed for lack of a reply" message of an idle-closed case: `pending` → `sending` (claimed,
 * durable) → `sent`; `unknown` = the claim's process died or the delivery's outcome was lost (never resent);
 * `failed` = refused on every attempt; `cancelled` = the case was reopened before it went out.
 */
export const IDLE_NOTICE_STATUSES = ['pending', 'sending', 'sent', 'unknown', 'failed', 'cancelled'] as const;
export type IdleNoticeStatus = (typeof IDLE_NOTICE_STATUSES)[number];

export const idleCloseSchema = z.object({
  /** When the sweep closed the case (equal to `closedAt` while it stays closed that way). */
  at: iso,
  /** The idle limit it was closed under, in hours (the notice names it). */
  hours: z.number().min(0),
  notice: z.enum(IDLE_NOTICE_STATUSES),
  attempts: z.number().int().min(0),
  claimedBy: z.string().optional(),
  /** Until when the claim holds; after it another instance may take it over (as `unknown`). */
  leaseUntil: z.string().optional(),
});
export type IdleClose = z.infer<typeof idleCloseSchema>;

export const noteSchema = z.object({ at: iso, by: z.string().min(1), text: z.string().min(1) });
export type CaseNote = z.infer<typeof noteSchema>;

/** What the priority was computed from, kept so the case can be re-scored later without the directory. */
export const priorityInputsSchema = z.object({
  vip: z.boolean(),
  criticality: z.enum(CRITICALITIES),
  useCase: z.string(),
});

export const caseSchema = z.object({
  id: z.string().regex(CASE_ID_PATTERN),
  organisationId: z.string().min(1),
  organisationName: z.string(),
  contactUserId: z.string().min(1),
  lang: langSchema,
  conversation: conversationRefSchema.optional(),
  type: z.enum(CASE_TYPES),
  category: z.enum(CASE_CATEGORIES),
  summary: z.string().optional(),
  sims: z.array(z.string()),
  affectedCount: z.number().int().min(1),
  severity: z.enum(SEVERITIES),
  priorityInputs: priorityInputsSchema,
  priority: prioritySchema,
  status: z.enum(CASE_STATUSES),
  /** Who the case is routed through while handed off: the built-in desk or a contact centre. */
  handoffChannel: z.enum(['desk', 'contact_centre']).optional(),
  handoffReason: z.string().optional(),
  /** Why the troubleshooting flow handed over (a flow handoff reason such as `data_limit_reached`). */
  handoffDetail: z.string().optional(),
  queuedAt: iso.optional(),
  pickedAt: iso.optional(),
  assignedAgentId: z.string().optional(),
  /** Whether an agent ever handled the case (containment statistics). */
  everHandedOff: z.boolean().default(false),
  findings: z.array(caseFindingSchema),
  /** The trail of the flow walk (`flow/node: result`), for systems; people read {@link checkReport}. */
  checksDone: z.array(z.string()),
  /** The checks done as agents read them, in every language (the handoff card shows the agent's). */
  checkReport: z.array(z.record(langSchema, z.string())).default([]),
  transcript: z.array(transcriptEntrySchema),
  notes: z.array(noteSchema),
  timeline: z.array(timelineEntrySchema),
  satisfaction: z.number().int().min(1).max(5).optional(),
  followUp: z.object({ dueAt: iso, sent: z.boolean() }).optional(),
  /** What an order or request collected before it was opened (field id → value, see knowledge/requests.json). */
  request: z.record(z.string(), z.string()).optional(),
  /** The major incident (network outage, `INC-…`) this case was linked to: the agent sees it, the customer is told on its fix. */
  incidentId: z.string().optional(),
  /** Closed as a duplicate: the case it was merged into (which holds its transcript, notes and SIMs). */
  mergedInto: z.string().regex(CASE_ID_PATTERN).optional(),
  /** Set by the stale-case sweep when it closed the case for customer inactivity (kept after a reopen). */
  idleClose: idleCloseSchema.optional(),
  createdAt: iso,
  updatedAt: iso,
  resolvedAt: iso.optional(),
  closedAt: iso.optional(),
});
export type Case = z.infer<typeof caseSchema>;

/** The last transcript entries a case keeps; older ones are dropped (the timeline keeps the history). */
export const TRANSCRIPT_LIMIT = 50;

/** Statuses in which a case is still being worked on. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['open', 'waiting_customer', 'queued', 'with_agent'];
