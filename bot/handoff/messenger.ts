import type { Activity, ConversationReference } from 'botbuilder';
import type { StoredReference } from '../cases/caseSchema.js';

/**
 * Sends proactive messages into a stored conversation. The desk relays between customer and agent
 * conversations through it; the lead implements it with `adapter.continueConversationAsync(appId,
 * reference, …)`, tests with a recording fake.
 */
export interface Messenger {
  send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
}

/** A messenger that reports failed deliveries: `deliver` throws when the connector refused or was unreachable. */
export interface DeliveringMessenger {
  deliver(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
}

/** Connection errors that happen before a request is sent: the connector cannot have received anything. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a `deliver` failure proves the message did not arrive: the connector answered with an error status
 * (4xx/5xx), or no connection was ever made. Anything else (a timeout, a connection reset mid-request) leaves
 * the outcome unknown — the connector may have accepted the message before the answer got lost.
 */
export function provablyNotDelivered(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { statusCode, code } = err as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number') return statusCode >= 400;
  return typeof code === 'string' && NOT_CONNECTED.has(code);
}

/** A plain text message activity. */
export function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text };
}

/**
 * A stored reference back to botbuilder's type. Stored references were produced by
 * `TurnContext.getConversationReference` and validated loosely at load time; the connector, not this
 * code, is the authority on their inner shape.
 */
export function toReference(stored: StoredReference): Partial<ConversationReference> {
  return stored as Partial<ConversationReference>;
}
