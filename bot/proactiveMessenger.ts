import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Messenger } from './handoff/messenger.js';
import { sameOrigin } from './http/internalDelivery.js';

/**
 * The adapter for conversations of this process's own Direct Line: its connector is served locally, so replies
 * need no AAD token (with an app id the main adapter would try to get one for an `http://127.0.0.1…` serviceUrl).
 */
export interface LocalConnector {
  /** A CloudAdapter with anonymous auth. */
  adapter: CloudAdapter;
  /** This service's base URL (known after listen); references whose serviceUrl has its origin go local. */
  serviceUrl: () => string;
}

/**
 * Proactive messages through the Bot Framework: `continueConversationAsync` on a stored
 * conversation reference (the desk's relays, follow-up check-ins). References into our own Direct Line go
 * through the {@link LocalConnector}'s anonymous adapter, all others through the main one.
 */
export class AdapterMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly local?: LocalConnector,
  ) {}

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    const local =
      this.local && sameOrigin(reference.serviceUrl, this.local.serviceUrl()) ? this.local : undefined;
    const [adapter, appId] = local ? [local.adapter, ''] : [this.adapter, this.appId];
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
