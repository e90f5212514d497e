import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';

/** The SDK's date fields that arrive as ISO strings (CloudAdapter.process converts them the same way). */
interface DatedActivity {
  timestamp?: unknown;
  rawTimestamp?: string;
  expiration?: unknown;
  rawExpiration?: string;
  localTimestamp?: unknown;
  rawLocalTimestamp?: string;
}

/**
 * `CloudAdapter` whose HTTP entry point reports through the service's logger. The SDK's own
 * `process()` prints every refused request's stack with `console.error`: one unsigned POST per
 * second would fill stderr, outside the structured log and its redaction. This runs the same
 * authentication and turn (`processActivity`), answers 401 for a failed authentication with a
 * one-line warning, and lets anything else reach the server's error handler.
 */
export class TurnAdapter extends CloudAdapter {
  /**
   * Authenticate and run one inbound activity (already validated by the route), answering with
   * the turn's invoke response or the expectReplies body.
   */
  async handle(
    req: Request,
    res: Response,
    logic: (context: TurnContext) => Promise<void>,
    logger: Pick<Logger, 'warn'>,
  ): Promise<void> {
    const activity = withDates(req.body as Activity & DatedActivity);
    const header = req.headers['authorization'];
    const authorization = typeof header === 'string' ? header : '';
    let response;
    try {
      response = await this.processActivity(authorization, activity, logic);
    } catch (err) {
      if (!isAuthenticationFailure(err)) throw err;
      logger.warn(
        { reqId: req.id(), channelId: activity.channelId, reason: (err as Error).message },
        'activity refused: Bot Framework authentication failed',
      );
      res.send(401, { error: 'Unauthorized', message: 'Bot Framework authentication failed' });
      return;
    }
    res.status(response?.status ?? 200);
    if (response?.body !== undefined) res.send(response.body);
    else res.end();
  }
}

/** botframework-connector's AuthenticationError carries status 401 (the class is not re-exported). */
function isAuthenticationFailure(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'AuthenticationError' || (err as Error & { statusCode?: number }).statusCode === 401)
  );
}

function withDates(activity: Activity & DatedActivity): Activity {
  if (typeof activity.timestamp === 'string') {
    activity.rawTimestamp = activity.timestamp;
    activity.timestamp = new Date(activity.timestamp);
  }
  if (typeof activity.expiration === 'string') {
    activity.rawExpiration = activity.expiration;
    activity.expiration = new Date(activity.expiration);
  }
  if (typeof activity.localTimestamp === 'string') {
    activity.rawLocalTimestamp = activity.localTimestamp;
    activity.localTimestamp = new Date(activity.localTimestamp);
  }
  return activity;
}
