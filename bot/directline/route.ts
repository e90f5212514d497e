import type { Logger } from 'pino';
import type { Request, RequestHandler, Response } from 'restify';
import { sendHttpError } from './httpError.js';

/**
 * Adapts an async handler to restify: one place that turns thrown {@link HttpError}s into answers and logs the
 * unexpected ones, so each route reads as its happy path.
 */
export function route(
  logger: Logger,
  handler: (req: Request, res: Response) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res).then(
      () => next(),
      (error: unknown) => {
        const status = sendHttpError(res, error);
        if (status >= 500)
          logger.error({ err: error, url: req.url, method: req.method }, 'Direct Line request failed');
        else
          logger.debug(
            { status, url: req.url, method: req.method, msg: (error as Error).message },
            'Direct Line request refused',
          );
        next();
      },
    );
  };
}
