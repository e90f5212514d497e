/** A signed-in agent of the console API, as a browser would be: a session cookie plus the CSRF token. */
export class ConsoleClient {
  private cookie = '';
  csrf = '';

  constructor(readonly baseUrl: string) {}

  /** The session cookie, as a `Cookie` header value. */
  get cookieHeader(): string {
    return this.cookie;
  }

  /** Sign in (local mode: `{ agentId }`; any mode: `{ token }`); returns the raw response. */
  async signIn(body: Record<string, unknown>, path = '/api/console/session'): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 201) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = ((await res.clone().json()) as { csrf: string }).csrf;
    }
    return res;
  }

  /** Sign in or throw. */
  static async signedIn(baseUrl: string, body: Record<string, unknown>): Promise<ConsoleClient> {
    const client = new ConsoleClient(baseUrl);
    const res = await client.signIn(body);
    if (res.status !== 201) throw new Error(`console sign-in → ${res.status}: ${await res.text()}`);
    return client;
  }

  /** A request with the session cookie; state changes carry the CSRF token unless `csrf: false`. */
  request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: string | false; origin?: string; cookie?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookie = options.cookie ?? this.cookie;
    if (cookie) headers['cookie'] = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && options.csrf !== false) headers['x-firstline-csrf'] = options.csrf ?? this.csrf;
    if (options.origin) headers['origin'] = options.origin;
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** `GET` JSON, asserting 200. */
  async get<T>(path: string): Promise<T> {
    const res = await this.request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** `POST` JSON to a case action (`pick`, `messages`, …) and return status and body. */
  async act(caseId: string, action: string, body: unknown = {}): Promise<{ status: number; body: unknown }> {
    const res = await this.request('POST', `/api/console/cases/${caseId}/${action}`, body);
    return { status: res.status, body: await res.json().catch(() => undefined) };
  }
}

/** Events of the console's SSE stream as they arrive; `next(match)` waits for one. */
export async function openEvents(client: ConsoleClient, path = '/api/console/events') {
  const controller = new AbortController();
  const res = await fetch(`${client.baseUrl}${path}`, {
    headers: { cookie: client.cookieHeader },
    signal: controller.signal,
  });
  const events: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const reader = res.body?.getReader();
    if (!reader) return;
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      buffer += new TextDecoder().decode(chunk.value);
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (data) events.push(JSON.parse(data) as Record<string, unknown>);
        for (const wake of [...waiters]) wake();
      }
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    next: (match: (e: Record<string, unknown>) => boolean, timeoutMs = 5000) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const check = () => {
          const hit = events.find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event in ${timeoutMs} ms: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}
