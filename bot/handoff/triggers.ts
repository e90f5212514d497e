import type { CaseType, PriorityLevel } from '../cases/caseSchema.js';

/** What the conversation knows when deciding whether a person should take over. */
export interface HandoffSignals {
  /** The customer asked for a person ("I want a human", intent `agent`). */
  askedForPerson?: boolean;
  /** The message means "back to the bot" ("volver al bot"): never a request for a person. */
  backToBot?: boolean;
  isVip?: boolean;
  caseType?: CaseType;
  /** For a VIP incident: the essentials are collected (which SIMs — or "many" — and what symptom). */
  essentialsCollected?: boolean;
  /** The customer says it is urgent ("es urgente", "asap"). */
  urgent?: boolean;
  /** The report is about many SIMs ("1200 meters", "all our trackers", "loads of them"). */
  manySims?: boolean;
  /**
   * The customer took their case back from the queue in this conversation: an unresolved flow (or several
   * causes) leaves the case open with the bot rather than queuing them again — they can ask for a person.
   */
  personDeclined?: boolean;
  /** The troubleshooting flow ended without solving the problem. */
  flowEndedUnresolved?: boolean;
  /** The SIMs looked up have different problems: one flow cannot follow them all. */
  severalCauses?: boolean;
  /** Consecutive turns (or answers to one question) the bot did not understand. */
  failedUnderstandings?: number;
  /** How often each flow node was visited in this conversation. */
  nodeVisits?: Readonly<Record<string, number>>;
  /** The connectivity provider could not be reached. */
  liveChecksUnavailable?: boolean;
  priority?: PriorityLevel;
}

export const HANDOFF_REASONS = [
  'customer_request',
  'vip_incident',
  'flow_unresolved',
  'not_understood',
  'going_in_circles',
  'live_checks_unavailable',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Failed understandings before a person takes over. */
export const MAX_FAILED_UNDERSTANDINGS = 2;
/** Visits of one node that mean the customer is going round in circles. */
export const MAX_NODE_VISITS = 3;

/**
 * When a person takes over, and why; null to let the bot carry on. The one handoff policy: every dialog
 * asks it (MainDialog for requests and misunderstandings, FlowWalkDialog for circles and answers it cannot
 * read, TroubleshootDialog for VIPs, urgent reports, unreachable platforms and unresolved flows). Pure, so a
 * dialog can ask on every turn. A VIP incident waits for its essentials so the agent never has to ask what
 * the bot could have asked — unless the customer says it is urgent, or many SIMs are down (how many, and
 * what symptom, is all a person needs): then a person gets it at once.
 */
export function shouldHandOff(signals: HandoffSignals): HandoffReason | null {
  if (signals.askedForPerson && !signals.backToBot) return 'customer_request';
  if (
    signals.isVip &&
    signals.caseType === 'incident' &&
    (signals.essentialsCollected || signals.urgent || signals.manySims)
  )
    return 'vip_incident';
  if (signals.liveChecksUnavailable && (signals.priority === 'P1' || signals.priority === 'P2')) {
    return 'live_checks_unavailable';
  }
  if (signals.severalCauses || signals.flowEndedUnresolved)
    return signals.personDeclined ? null : 'flow_unresolved';
  if ((signals.failedUnderstandings ?? 0) >= MAX_FAILED_UNDERSTANDINGS) return 'not_understood';
  if (Object.values(signals.nodeVisits ?? {}).some((n) => n >= MAX_NODE_VISITS)) return 'going_in_circles';
  return null;
}

/**
 * Texts only the handoff path says — when a person really takes over (or already has the case): the handoff
 * announcements, the desk's and the case status texts, the check-ins that queue a case again. A text that
 * promises the customer a person anywhere else would be a promise nobody keeps; `kb:check` refuses it
 * (word list `personPromise`), so a person can only be promised where the handoff is done.
 */
const PERSON_PROMISE_KEYS: readonly string[] = [
  'bot.handoff.',
  'desk.',
  'cases.',
  'incident.checkIn.',
  'followUp.reopened',
  'bot.close.withAgent',
];

/**
 * May the text `key` promise a person? Yes for the handoff path's own texts and for the texts of flow nodes
 * of kind `handoff` (`handoffNodeTexts`: the flow walk hands over right after saying them).
 */
export function mayPromisePerson(key: string, handoffNodeTexts: ReadonlySet<string>): boolean {
  return handoffNodeTexts.has(key) || PERSON_PROMISE_KEYS.some((k) => key === k || key.startsWith(k));
}
