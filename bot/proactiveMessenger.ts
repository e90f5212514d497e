import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { agentSender, type DeliveringMessenger, type Messenger } from './handoff/messenger.js';
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
export class AdapterMessenger implements Messenger, DeliveringMessenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly local?: LocalConnector,
  ) {}

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.continue(reference, async (context) => {
      await context.sendActivities(activities);
    });
  }

  /**
   * Like {@link send}, but a connector that refuses the message (4xx/5xx) or cannot be reached makes it throw. With
   * `send`, such an error ends in the adapter's turn error handler, which logs it and resolves — fine for relays,
   * not for an outbox that must record what was delivered.
   */
  async deliver(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    let failure: unknown;
    await this.continue(reference, async (context) => {
      try {
        await context.sendActivities(activities);
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async continue(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const local = this.local && ownsDirectLine(reference, this.local.serviceUrl()) ? this.local : undefined;
    const [adapter, appId] = local ? [local.adapter, ''] : [this.adapter, this.appId];
    // Our Direct Line's conversations live in the shared store: this instance's connector serves every one of
    // them, whichever instance (maybe one that is gone) the conversation started on.
    const target = local ? { ...reference, serviceUrl: local.serviceUrl() } : reference;
    await adapter.continueConversationAsync(appId, target, async (context) => {
      context.onSendActivities(async (_context, outgoing, next) => {
        for (const activity of outgoing) {
          // A proactive message is a new message: the SDK makes it a reply to the synthetic continuation event,
          // an activity no client ever saw (Web Chat holds such replies back for seconds).
          delete activity.replyToId;
          // The reference makes every activity come from the bot; a relayed agent message shows its agent
          // instead (Teams always shows the bot: there the text names the agent).
          if (reference.channelId !== 'msteams') activity.from = agentSender(activity) ?? activity.from;
        }
        return next();
      });
      await logic(context);
    });
  }
}

/**
 * Whether `reference` is a conversation of Firstline's own Direct Line: served at `own`, or a `directline`
 * conversation whose serviceUrl is another instance's loopback connector (instances on one host, other ports).
 */
export function ownsDirectLine(reference: Partial<ConversationReference>, own: string): boolean {
  if (sameOrigin(reference.serviceUrl, own)) return true;
  if (reference.channelId !== 'directline' || !reference.serviceUrl) return false;
  try {
    const url = new URL(reference.serviceUrl);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.pathname === '/';
  } catch {
    return false;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
