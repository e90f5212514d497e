/** A signed-in agent of the console API, as a browser would be: a session cookie plus the CSRF token. */
export class ConsoleClient {
  private cookie = '';
  csrf = '';

  constructor(readonly baseUrl: string) {}

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
