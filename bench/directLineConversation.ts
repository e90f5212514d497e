import http from 'node:http';
import { sendText, type BenchReply, type ScenarioConversation } from './load.js';

interface StreamActivity extends BenchReply {
  from?: { role?: string };
}

/** HTTP/JSON over keep-alive connections to one Firstline's Direct Line endpoints. */
export class DirectLineHttp {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Sends one request; resolves with the parsed JSON body, rejects on any status ≥ 300. */
  async request<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<T> {
    const { status, text } = await sendText(this.agent, this.base, method, path, {
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
    });
    if (status >= 300) throw new Error(`${method} ${path} → ${status}: ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * One conversation driven the way Web Chat drives it, through the Direct Line API: a token from the local token
 * route, `POST /conversations` (the welcome), then per turn `POST /activities` (answered once the bot's turn is
 * done) and `GET /activities?watermark=` for the replies, page by page.
 */
export class DirectLineConversation implements ScenarioConversation {
  last: BenchReply[] = [];
  private token = '';
  private conversationId = '';
  private watermark: string | undefined;

  constructor(
    private readonly client: DirectLineHttp,
    private readonly userId: string,
    private readonly record: (ms: number, replies: BenchReply[]) => void,
  ) {}

  async join(): Promise<BenchReply[]> {
    const started = performance.now();
    const issued = await this.client.request<{ token: string; conversationId: string }>(
      'POST',
      '/api/webchat/token',
      {
        body: { userId: this.userId, locale: 'en-US' },
      },
    );
    this.conversationId = issued.conversationId;
    const conversation = await this.client.request<{ token: string }>(
      'POST',
      '/v3/directline/conversations',
      {
        token: issued.token,
      },
    );
    this.token = conversation.token;
    // The welcome is the bot's answer to conversationUpdate, delivered after POST /conversations answered.
    let replies: BenchReply[] = [];
    for (let tries = 0; replies.length === 0 && tries < 500; tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, 10));
      replies = await this.readNew();
    }
    return this.finish(started, replies);
  }

  async say(text: string): Promise<BenchReply[]> {
    const started = performance.now();
    await this.client.request('POST', `/v3/directline/conversations/${this.conversationId}/activities`, {
      token: this.token,
      body: { type: 'message', text, locale: 'en-US', channelData: { clientActivityID: `soak-${started}` } },
    });
    return this.finish(started, await this.readNew());
  }

  choices(): string[] {
    const withChoices = [...this.last].reverse().find((r) => r.suggestedActions?.actions.length);
    return withChoices?.suggestedActions?.actions.map((a) => a.title ?? '') ?? [];
  }

  /** The bot's activities after the watermark, reading page after page until nothing is new. */
  private async readNew(): Promise<BenchReply[]> {
    const replies: BenchReply[] = [];
    for (;;) {
      const query = this.watermark === undefined ? '' : `?watermark=${this.watermark}`;
      const page = await this.client.request<{ activities: StreamActivity[]; watermark: string }>(
        'GET',
        `/v3/directline/conversations/${this.conversationId}/activities${query}`,
        { token: this.token },
      );
      this.watermark = page.watermark;
      if (page.activities.length === 0) return replies;
      replies.push(...page.activities.filter((a) => a.from?.role === 'bot'));
    }
  }

  private finish(started: number, replies: BenchReply[]): BenchReply[] {
    this.record(performance.now() - started, replies);
    this.last = replies;
    return replies;
  }
}
