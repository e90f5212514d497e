/** An activity as it travels through the stream: open-ended JSON with the fields Direct Line relies on. */
export interface StreamActivity {
  [key: string]: unknown;
  id: string;
  type: string;
}

/** An activity before the store numbered it: the store assigns `id` (a caller's `id` is replaced). */
export interface ActivityDraft {
  [key: string]: unknown;
  type: string;
}

/** What Direct Line keeps about one conversation (apart from its activities). */
export interface ConversationInfo {
  readonly id: string;
  /** The user the conversation's tokens speak for. */
  readonly userId: string;
  readonly userName?: string;
  /** Locale chosen when the conversation's first token was issued (the welcome's language). */
  readonly locale?: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** One page of a conversation's stream, as a poll or a WebSocket frame carries it. */
export interface ActivityPage {
  activities: StreamActivity[];
  /** Absolute sequence number of the last activity returned (or the caller's, when nothing is new). */
  watermark: number;
  /** Whether more activities follow this page (ask again with `watermark`). */
  more: boolean;
}

/** Limits of one page: at least one activity is returned, however large. */
export interface PageLimits {
  maxBytes: number;
  maxCount: number;
}

/**
 * Something other parts of the service (on this or another instance) must react to: a stored activity (sockets
 * push it), an ephemeral one (typing: pushed, never stored), or a newly opened socket (older sockets of that
 * conversation close with reason `collision`).
 */
export type StreamSignal =
  | { kind: 'activity'; conversationId: string; seq: number }
  | { kind: 'ephemeral'; conversationId: string; activity: StreamActivity }
  | { kind: 'socket'; conversationId: string; socketId: string }
  /** Signals may have been missed (a lost database connection): listeners re-read what they serve. */
  | { kind: 'resync' };

/** Raised when a conversation is not (or no longer) stored. */
export class ConversationNotFoundError extends Error {
  constructor(readonly conversationId: string) {
    super(`Direct Line conversation ${conversationId} is not stored (never started, or expired)`);
    this.name = 'ConversationNotFoundError';
  }
}

/**
 * Where Direct Line keeps conversations, their activity streams and watermarks, so that a widget keeps its
 * conversation across restarts and instances. Sequence numbers are absolute (the watermark after an activity is
 * its number); the oldest activities are dropped once a conversation's history exceeds its byte budget, so a
 * conversation's storage is bounded. Signals reach every instance that shares the store.
 */
export interface DirectLineStore {
  /** Stores the conversation unless it exists; returns what is stored (the first writer's user wins). */
  ensureConversation(info: Omit<ConversationInfo, 'createdAt'>): Promise<ConversationInfo>;
  /** The conversation, or undefined when unknown or expired. */
  conversation(id: string): Promise<ConversationInfo | undefined>;
  /** Marks the conversation started; true only for the call that started it (the welcome is sent once). */
  markStarted(id: string): Promise<boolean>;
  /**
   * Appends an activity, giving it the id `<conversationId>|<seq>`, and signals it once durable.
   * @param replaces - An update: the activity keeps this (earlier) id, so Web Chat replaces what it shows.
   * @throws ConversationNotFoundError for an unknown conversation.
   */
  append(id: string, draft: ActivityDraft, replaces?: string): Promise<StreamActivity>;
  /** Whether `activityId` names an activity of this conversation that is still kept. */
  holds(id: string, activityId: string): Promise<boolean>;
  /**
   * Activities after `watermark` (undefined: from the oldest kept), at most one page.
   * @throws ConversationNotFoundError for an unknown conversation.
   */
  read(id: string, watermark: number | undefined, limits: PageLimits): Promise<ActivityPage>;
  /** Sends a signal to every subscriber on every instance (typing, socket claims). */
  signal(signal: StreamSignal): Promise<void>;
  /** Listens to signals from this and other instances; returns the unsubscribe function. */
  subscribe(listener: (signal: StreamSignal) => void): () => void;
  /** Deletes conversations without a new activity for `idleMs`. @returns How many were deleted. */
  sweep(idleMs: number): Promise<number>;
  /** Releases connections and timers (the data itself stays). */
  close(): Promise<void>;
}

/** Limits every store applies. */
export interface HistoryLimits {
  /** Bytes of activity JSON kept per conversation; older activities are dropped (default 256 KiB). */
  historyBytes: number;
}

/** Default history budget per conversation. */
export const DEFAULT_HISTORY_BYTES = 256 * 1024;
