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

/** What became of a proactive message: accepted by the channel's connector, or not (and why). */
export type DeliveryOutcome =
  | { delivered: true }
  | {
      delivered: false;
      /** For the agent and the case: "the channel answered 404", "the channel could not be reached". */
      error: string;
      /** True when the message may still have arrived (a timeout, a connection lost mid-request). */
      uncertain: boolean;
    };

/**
 * Deliver and report instead of throwing: every relay of the desk goes through this, so a refused message is
 * never mistaken for a delivered one (a connector's 404 used to end silently in the turn error handler).
 */
export async function deliverReporting(
  messenger: DeliveringMessenger,
  reference: Partial<ConversationReference>,
  activities: Partial<Activity>[],
): Promise<DeliveryOutcome> {
  try {
    await messenger.deliver(reference, activities);
    return { delivered: true };
  } catch (err) {
    return { delivered: false, error: deliveryError(err), uncertain: !provablyNotDelivered(err) };
  }
}

/** A delivery failure in words: the status the connector answered, or the connection error. */
export function deliveryError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { statusCode, code, message } = err as { statusCode?: unknown; code?: unknown; message?: unknown };
    if (typeof statusCode === 'number') return `the channel answered ${statusCode}`;
    if (typeof code === 'string') return `the channel could not be reached (${code})`;
    if (typeof message === 'string' && message) return message.slice(0, 200);
  }
  return 'the channel did not accept the message';
}

/** What `channelData.firstline` says about a message a person sent or a desk event (see contracts.md). */
export interface FirstlineChannelData {
  kind: 'agent' | 'agent_joined' | 'agent_left';
  agentId: string;
  agentName: string;
  caseId: string;
}

/** The sender an agent's relayed message shows (`agent:<id>`, their name), or undefined for the bot's own. */
export function agentSender(activity: Partial<Activity>): Activity['from'] | undefined {
  const data = (activity.channelData as { firstline?: Partial<FirstlineChannelData> } | undefined)?.firstline;
  if (data?.kind !== 'agent' || typeof data.agentId !== 'string') return undefined;
  return { id: `agent:${data.agentId}`, name: data.agentName ?? data.agentId, role: 'bot' };
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

/**
 * A stored reference for a new message rather than a reply: without the `activityId` the message carries no
 * `replyToId` — clients such as Web Chat hold back replies to activities they never saw.
 */
export function toNewMessageReference(stored: StoredReference): Partial<ConversationReference> {
  const { activityId: _reply, ...reference } = stored;
  return reference as Partial<ConversationReference>;
}
