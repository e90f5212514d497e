import { expect } from 'chai';
import { allText, Conversation, type Reply } from './conversation.js';

/** The first case id ("CS-10001") shown in the replies; throws when there is none. */
export function caseIdIn(replies: readonly Reply[]): string {
  const m = /CS-\d+/.exec(allText(replies));
  if (!m) throw new Error(`no case id in: ${allText(replies)}`);
  return m[0];
}

/**
 * `GET` a path of the operations API (e.g. `/api/cases/CS-10001`), with `Authorization: Bearer <token>`
 * when a token is given and any extra `headers`. Returns the raw response; nothing is asserted.
 */
export function apiGet(
  baseUrl: string,
  path: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
}

/** `GET` a path of the operations API with the bearer `token`, assert 200 (labelled `GET <path>`) and return the JSON body. */
export async function apiJson<T>(baseUrl: string, path: string, token: string): Promise<T> {
  const res = await apiGet(baseUrl, path, token);
  expect(res.status, `GET ${path}`).to.equal(200);
  return (await res.json()) as T;
}

/**
 * demo-user (en-GB) asks for a person at `baseUrl`, proactive messages going to `serviceUrl`; returns the
 * customer's conversation, the queued case's id and demo-agent's conversation.
 */
export async function queuedCase(
  baseUrl: string,
  serviceUrl: string,
): Promise<{ client: Conversation; caseId: string; agent: Conversation }> {
  const client = new Conversation(baseUrl, { userId: 'demo-user', locale: 'en-GB', serviceUrl });
  const caseId = caseIdIn(await client.say('I want a human'));
  const agent = new Conversation(baseUrl, { userId: 'demo-agent', serviceUrl });
  return { client, caseId, agent };
}
