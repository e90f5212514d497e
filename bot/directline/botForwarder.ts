import axios from 'axios';
import { HttpError } from './httpError.js';
import type { StreamActivity } from './store.js';

/** How the forwarder reaches the bot. */
export interface BotForwarderOptions {
  /** The bot's messaging endpoint, resolved per call because the port is known only after `listen`. */
  botEndpoint: () => string;
  /** Extra `Authorization` header for the bot (outside local mode the bot authenticates its channel). */
  botAuthorization?: () => Promise<string | undefined>;
  /** Further headers for the bot, e.g. the per-process secret of an internal delivery route. Never logged. */
  botHeaders?: () => Record<string, string>;
  timeoutMs: number;
}

/**
 * Delivers activities to the bot's messaging endpoint as a Bot Framework channel does: one HTTP POST per
 * activity, the bot replying later through the connector API at the activity's `serviceUrl`.
 */
export class BotForwarder {
  constructor(private readonly options: BotForwarderOptions) {}

  /**
   * Posts one activity and waits for the bot to finish its turn.
   * @throws HttpError 502 when the bot is unreachable or answers with an error status.
   */
  async forward(activity: StreamActivity): Promise<void> {
    const endpoint = this.options.botEndpoint();
    const authorization = this.options.botAuthorization ? await this.options.botAuthorization() : undefined;
    let status: number;
    try {
      const response = await axios.post(endpoint, activity, {
        timeout: this.options.timeoutMs,
        headers: {
          ...this.options.botHeaders?.(),
          ...(authorization ? { Authorization: authorization } : {}),
        },
        validateStatus: () => true,
        // The bot's own error pages are not ours to parse.
        responseType: 'text',
      });
      status = response.status;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HttpError(
        502,
        'BotUnreachable',
        `Direct Line could not reach the bot at ${endpoint}: ${reason}`,
      );
    }
    if (status >= 300) {
      throw new HttpError(502, 'BotError', `The bot answered HTTP ${status} to a ${activity.type} activity`);
    }
  }
}
