import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Messenger } from './handoff/messenger.js';

/**
 * Proactive messages through the Bot Framework: `continueConversationAsync` on a stored
 * conversation reference (the desk's relays, follow-up check-ins).
 */
export class AdapterMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
