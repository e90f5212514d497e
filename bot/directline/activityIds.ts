import type { StreamActivity } from './store.js';

/** The id the stream gives the activity numbered `seq` in `conversationId`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The sequence number inside an id of `conversationId`'s stream, or undefined for any other id. */
export function sequenceOf(conversationId: string, id: unknown): number | undefined {
  if (typeof id !== 'string' || !id.startsWith(`${conversationId}|`)) return undefined;
  const tail = id.slice(conversationId.length + 1);
  if (!/^\d{1,15}$/.test(tail)) return undefined;
  return Number(tail);
}

/**
 * The activity without a `replyToId` the client cannot know. Web Chat holds an activity back for up to 5 s
 * while it waits for the one it replies to; a relayed or proactive message whose `replyToId` names an activity
 * that is not (or no longer) in the stream would arrive late for nothing.
 * @param keptFrom - Sequence number of the oldest activity still kept.
 * @param nextSeq - Sequence number the next activity will get.
 */
export function withKnownReplyTo(
  conversationId: string,
  activity: StreamActivity,
  keptFrom: number,
  nextSeq: number,
): StreamActivity {
  if (activity.replyToId === undefined) return activity;
  const seq = sequenceOf(conversationId, activity.replyToId);
  if (seq !== undefined && seq >= keptFrom && seq < nextSeq) return activity;
  const { replyToId: _dropped, ...rest } = activity;
  return rest as StreamActivity;
}
