import { Conversation } from './conversation.js';
import { ADMIN } from './replies.js';
import { useConnectorStub, useTestServer } from './server.js';

/**
 * The set-up of a customer-conversation suite: a connector stub and the real server (admin token {@link ADMIN}),
 * started around the suite, and a new conversation of a demo user in English or Spanish. Call inside `describe`.
 */
export function useCustomers(userId = 'demo-user'): {
  server: ReturnType<typeof useTestServer>;
  /** A new conversation in `lang`, of the suite's user or of `as` (another demo user). */
  customer: (lang: 'en' | 'es', as?: string) => Conversation;
} {
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  const customer = (lang: 'en' | 'es', as = userId): Conversation =>
    new Conversation(server.baseUrl, {
      userId: as,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });
  return { server, customer };
}
