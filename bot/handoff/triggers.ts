import type { CaseType, PriorityLevel } from '../cases/caseSchema.js';

/** What the conversation knows when deciding whether a person should take over. */
export interface HandoffSignals {
  /** The customer asked for a person ("I want a human", intent `agent`). */
  askedForPerson?: boolean;
  isVip?: boolean;
  caseType?: CaseType;
  /** For a VIP incident: the essentials are collected (which SIMs, what symptom). */
  essentialsCollected?: boolean;
  /** The troubleshooting flow ended without solving the problem. */
  flowEndedUnresolved?: boolean;
  /** Consecutive turns the bot did not understand. */
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
 * Whether to hand the conversation to a person, and why; null to let the bot carry on. Pure, so the
 * dialogs can ask every turn. A VIP incident waits for its essentials so the agent never has to ask
 * again what the bot could have asked in two turns.
 */
export function shouldHandOff(signals: HandoffSignals): HandoffReason | null {
  if (signals.askedForPerson) return 'customer_request';
  if (signals.isVip && signals.caseType === 'incident' && signals.essentialsCollected) return 'vip_incident';
  if (signals.liveChecksUnavailable && (signals.priority === 'P1' || signals.priority === 'P2')) {
    return 'live_checks_unavailable';
  }
  if (signals.flowEndedUnresolved) return 'flow_unresolved';
  if ((signals.failedUnderstandings ?? 0) >= MAX_FAILED_UNDERSTANDINGS) return 'not_understood';
  if (Object.values(signals.nodeVisits ?? {}).some((n) => n >= MAX_NODE_VISITS)) return 'going_in_circles';
  return null;
}
