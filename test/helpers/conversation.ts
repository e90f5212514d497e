import { randomUUID } from 'node:crypto';

/** A bot reply as it comes back in the expectReplies body. */
export interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title?: string; value?: unknown }> };
  attachments?: Array<{ contentType: string; content: unknown }>;
  name?: string;
  value?: unknown;
}

/** Options of one simulated user and conversation. */
export interface ConversationOptions {
  userId: string;
  channelId?: string;
  locale?: string;
  aadObjectId?: string;
  conversationId?: string;
  /** Where the bot sends proactive messages (a connector stub); replies to our turns come back inline. */
  serviceUrl?: string;
  tenantId?: string;
}

/**
 * Talks to the real `/api/messages` endpoint as a channel would, with `deliveryMode:
 * "expectReplies"`, so every turn's replies come back in the HTTP response.
 */
export class Conversation {
  readonly id: string;
  private readonly serviceUrl: string;

  constructor(
    private readonly baseUrl: string,
    private readonly options: ConversationOptions,
  ) {
    this.id = options.conversationId ?? `conv-${randomUUID()}`;
    this.serviceUrl = options.serviceUrl ?? 'http://127.0.0.1:9/';
  }

  /** Send the conversationUpdate a channel sends when the user joins; returns the welcome. */
  async join(): Promise<Reply[]> {
    return this.post({
      type: 'conversationUpdate',
      membersAdded: [
        {
          id: this.options.userId,
          ...(this.options.aadObjectId ? { aadObjectId: this.options.aadObjectId } : {}),
        },
      ],
    });
  }

  /** Send a text message; returns the bot's replies. */
  async say(text: string): Promise<Reply[]> {
    return this.post({ type: 'message', text });
  }

  /** Send an Adaptive Card Action.Submit value (as Teams and Web Chat do). */
  async submit(value: Record<string, unknown>): Promise<Reply[]> {
    return this.post({ type: 'message', value });
  }

  /** Send any activity fields; returns the replies. */
  async post(fields: Record<string, unknown>): Promise<Reply[]> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.activity(fields)),
    });
    if (response.status !== 200)
      throw new Error(`POST /api/messages → ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { activities?: Reply[] };
    return body.activities ?? [];
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const teams = this.options.channelId === 'msteams';
    return {
      id: randomUUID(),
      channelId: this.options.channelId ?? 'test',
      serviceUrl: this.serviceUrl,
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      locale: this.options.locale ?? 'en-US',
      from: {
        id: this.options.userId,
        name: this.options.userId,
        ...(this.options.aadObjectId ? { aadObjectId: this.options.aadObjectId } : {}),
      },
      recipient: { id: 'firstline', name: 'Firstline' },
      conversation: {
        id: this.id,
        ...(teams ? { conversationType: 'personal', tenantId: this.options.tenantId } : {}),
      },
      ...(teams ? { channelData: { tenant: { id: this.options.tenantId } } } : {}),
      ...fields,
    };
  }
}

/** All the text a list of replies shows (message text, suggested actions and card text). */
export function allText(replies: readonly Reply[]): string {
  return replies
    .map((r) =>
      [
        r.text ?? '',
        ...(r.suggestedActions?.actions.map((a) => a.title ?? '') ?? []),
        JSON.stringify(r.attachments ?? []),
      ].join(' '),
    )
    .join('\n');
}

/** The suggested-action titles of the last reply that has any. */
export function choicesOf(replies: readonly Reply[]): string[] {
  const withChoices = [...replies].reverse().find((r) => r.suggestedActions?.actions.length);
  return withChoices?.suggestedActions?.actions.map((a) => a.title ?? '') ?? [];
}

/** A customer of the demo directory (`demo-user` unless named) writing in `lang`, with that language's locale. */
export function customerConversation(
  baseUrl: string,
  serviceUrl: string,
  lang: string,
  userId = 'demo-user',
): Conversation {
  const locale = lang === 'es' ? 'es-ES' : lang === 'en' ? 'en-GB' : lang;
  return new Conversation(baseUrl, { userId, locale, serviceUrl });
}
