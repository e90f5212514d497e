import { ActivityTypes, DeliveryModes, TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from 'pino';

/**
 * Shows "typing…" while a message turn takes longer than `delayMs` (e.g. a live SIM look-up),
 * repeated every `periodMs`. Written instead of the SDK's ShowTypingMiddleware, which can crash
 * the process: its timer may fire as the turn ends, and its error path touches the revoked turn
 * context. Here a late indicator is simply dropped. Skipped for expectReplies, whose replies all
 * arrive at the end of the turn anyway.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 400,
    private readonly periodMs = 2000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === DeliveryModes.ExpectReplies) {
      await next();
      return;
    }
    const adapter = context.adapter;
    const typing = TurnContext.applyConversationReference(
      { type: ActivityTypes.Typing, relatesTo: activity.relatesTo },
      TurnContext.getConversationReference(activity),
    );
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (delay: number): void => {
      timer = setTimeout(() => {
        if (finished) return;
        adapter.sendActivities(context, [typing]).then(
          () => {
            if (!finished) schedule(this.periodMs);
          },
          (err: unknown) => {
            if (!finished) this.logger.debug({ err }, 'typing indicator not delivered');
          },
        );
      }, delay);
    };
    schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
