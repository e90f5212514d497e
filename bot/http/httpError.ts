/**
 * An error that becomes an HTTP response: restify reads `statusCode` and serialises `toJSON()`,
 * so every 4xx/5xx body has the same `{code, message}` shape.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadRequest', message);
export const unauthorized = (message: string) => new HttpError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'Forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'NotFound', message);
export const payloadTooLarge = (message: string) => new HttpError(413, 'PayloadTooLarge', message);
export const unsupportedMediaType = (message: string) => new HttpError(415, 'UnsupportedMediaType', message);
