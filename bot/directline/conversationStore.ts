/** An activity as it travels through the stream: open-ended JSON with the fields Direct Line relies on. */
export interface StreamActivity {
  [key: string]: unknown;
  id: string;
  type: string;
}

/** One Direct Line conversation held in memory. */
export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly userName?: string;
  readonly locale?: string;
  /** Whether `POST /conversations` already ran (the welcome is sent exactly once). */
  started: boolean;
  /** Sequence number of the next activity; also the watermark after it. */
  nextSeq: number;
  /** Kept activities with their sequence numbers, oldest first, at most the store's cap. */
  readonly activities: { seq: number; activity: StreamActivity }[];
  lastActive: number;
  /** Serialises forwarding to the bot so turns reach it in the order the user sent them. */
  forwarding: Promise<void>;
}

/** Limits that keep the store's memory bounded. */
export interface ConversationStoreLimits {
  maxActivitiesPerConversation: number;
  maxConversations: number;
  idleMilliseconds: number;
}

/**
 * In-memory conversations and their activity streams. Memory is bounded three ways: a cap on activities per
 * conversation (oldest dropped — watermarks stay valid because sequence numbers are absolute), a cap on
 * conversations (least recently active evicted), and idle expiry through {@link sweep}.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly limits: ConversationStoreLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the conversation, creating it on first sight (tokens name conversations before they start). */
  getOrCreate(id: string, user: { userId: string; userName?: string; locale?: string }): Conversation {
    const existing = this.get(id);
    if (existing) return existing;
    const conversation: Conversation = {
      id,
      userId: user.userId,
      userName: user.userName,
      locale: user.locale,
      started: false,
      nextSeq: 0,
      activities: [],
      lastActive: this.now(),
      forwarding: Promise.resolve(),
    };
    this.conversations.set(id, conversation);
    this.evictOverflow();
    return conversation;
  }

  /** Looks a conversation up and marks it active; `undefined` when unknown or expired. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    // Re-inserting keeps Map order = least recently active first, which eviction relies on.
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    conversation.lastActive = this.now();
    return conversation;
  }

  /**
   * Appends an activity, giving it an id `<conversationId>|<seq>` unless it already has one (updates keep theirs).
   * @returns The stored activity.
   */
  append(
    conversation: Conversation,
    activity: { [key: string]: unknown; type: string; id?: string },
  ): StreamActivity {
    const seq = conversation.nextSeq++;
    const stored: StreamActivity = {
      ...activity,
      id: activity.id ?? `${conversation.id}|${String(seq).padStart(7, '0')}`,
    };
    conversation.activities.push({ seq, activity: stored });
    if (conversation.activities.length > this.limits.maxActivitiesPerConversation) {
      conversation.activities.splice(
        0,
        conversation.activities.length - this.limits.maxActivitiesPerConversation,
      );
    }
    conversation.lastActive = this.now();
    return stored;
  }

  /** Activities after the given watermark, and the watermark to use next time. */
  since(
    conversation: Conversation,
    watermark: number | undefined,
  ): { activities: StreamActivity[]; watermark: string } {
    const from = watermark ?? -1;
    const activities = conversation.activities.filter((a) => a.seq > from).map((a) => a.activity);
    const last = conversation.nextSeq - 1;
    return { activities, watermark: String(Math.max(last, from)) };
  }

  /** Whether an activity id was ever stored in this conversation and is still kept. */
  has(conversation: Conversation, activityId: string): boolean {
    return conversation.activities.some((a) => a.activity.id === activityId);
  }

  /** Drops conversations idle for longer than the limit. @returns How many were dropped. */
  sweep(): number {
    const cutoff = this.now() - this.limits.idleMilliseconds;
    let dropped = 0;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastActive < cutoff) {
        this.conversations.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  /** Number of conversations held. */
  get size(): number {
    return this.conversations.size;
  }

  private evictOverflow(): void {
    while (this.conversations.size > this.limits.maxConversations) {
      const oldest = this.conversations.keys().next();
      if (oldest.done) return;
      this.conversations.delete(oldest.value);
    }
  }
}
