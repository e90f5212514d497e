import type { BotState, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang } from './domain/language.js';
import { DataFileCorruptError, ETagConflictError } from './storage/errors.js';

/** What the error handler says to the user, per language. */
export type ErrorTexts = (lang: Lang, kind: 'failure' | 'conflict') => string;

/**
 * The one `onTurnError`: log with context, tell the user in their language, and leave state
 * consistent — the dialog stack of a failed turn is cleared (so the next message starts cleanly)
 * while cases and user data, kept in repositories, are untouched. A corrupt state file is moved aside
 * (kept for inspection), never silently overwritten. ETag conflicts keep the stored state as it is.
 */
export function createTurnErrorHandler(deps: {
  logger: Logger;
  conversationState: BotState;
  texts: ErrorTexts;
  langOf: (context: TurnContext) => Promise<Lang>;
  /** Moves a corrupt conversation-state file aside; returns where, or undefined if not a state file. */
  quarantine: (file: string) => Promise<string | undefined>;
}): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    const conflict = error instanceof ETagConflictError || /eTag conflict/i.test(error.message);
    deps.logger.error(
      {
        err: error,
        conversationId: activity.conversation?.id,
        channelId: activity.channelId,
        activityType: activity.type,
        activityId: activity.id,
        conflict,
      },
      'turn failed',
    );
    let lang: Lang = 'en';
    try {
      lang = await deps.langOf(context);
    } catch {
      // The language is a nicety here; the reply matters more.
    }
    try {
      await context.sendActivity(deps.texts(lang, conflict ? 'conflict' : 'failure'));
    } catch (inner) {
      deps.logger.error(
        { err: inner, conversationId: activity.conversation?.id },
        'could not tell the user about the error',
      );
    }
    if (conflict) return;
    try {
      if (error instanceof DataFileCorruptError) {
        const movedTo = await deps.quarantine(error.file);
        if (movedTo)
          deps.logger.error({ file: error.file, movedTo }, 'corrupt conversation state moved aside');
      }
      await deps.conversationState.delete(context);
      await deps.conversationState.saveChanges(context, true);
    } catch (inner) {
      deps.logger.error(
        { err: inner, conversationId: activity.conversation?.id },
        'could not reset conversation state',
      );
    }
  };
}
