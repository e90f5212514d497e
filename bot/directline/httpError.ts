import type { Response } from 'restify';

/**
 * An error that already knows the HTTP answer it deserves. Thrown anywhere in a Direct Line route and turned
 * into `{ error: { code, message } }` (the shape Azure's Direct Line uses) by {@link sendHttpError}.
 */
export class HttpError extends Error {
  /**
   * @param status - HTTP status code to answer with.
   * @param code - Machine-readable code, e.g. `BadArgument`, `TokenExpired`.
   * @param message - Human-readable explanation; never contains secrets.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Answers a request with an {@link HttpError}, or a 500 for anything unexpected (whose details stay in the log,
 * not in the response).
 * @returns The status that was sent, for logging.
 */
export function sendHttpError(res: Response, error: unknown): number {
  if (error instanceof HttpError) {
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return error.status;
  }
  res.send(500, { error: { code: 'ServiceError', message: 'Internal error in the Direct Line service' } });
  return 500;
}
