import type { Request, RequestHandler } from 'restify';
import { bodyReader } from './bodyReader.js';
import { badRequest, unsupportedMediaType } from './httpError.js';
import { JsonTextError, MAX_JSON_DEPTH, parseJsonText } from './jsonText.js';

/** Methods whose body Firstline never reads. */
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Form bodies: restify's parsers would write multipart parts to the temp directory. Never read. */
const FORM_TYPES = /^(multipart\/|application\/x-www-form-urlencoded$)/;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/** The media type of a request, lower-cased, without parameters ('' when absent). */
export function mediaTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * `server.pre` handler: a form or multipart request is refused with 415 before routing, before
 * authentication and before a byte of its body is read — whatever the route.
 */
export const refuseFormBodies: RequestHandler = (req, _res, next) => {
  if (FORM_TYPES.test(mediaTypeOf(req))) {
    next(
      unsupportedMediaType(
        'Content-Type must be application/json; form and multipart bodies are not accepted',
      ),
    );
    return;
  }
  next();
};

function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''));
}

/**
 * The one body parser of the app (`server.use`): JSON only, at most `maxBodyBytes` (413), nested at
 * most `maxDepth` levels (400), lone surrogates replaced with U+FFFD; `req.body` is the parsed value.
 * Any other media type with a body gets 415; nothing is ever written to disk.
 */
export function jsonBodyParser(options: { maxBodyBytes: number; maxDepth?: number }): RequestHandler[] {
  const read = bodyReader(options.maxBodyBytes);
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const accept: RequestHandler = (req, res, next) => {
    if (BODYLESS.has(req.method ?? '') || !hasBody(req)) {
      next();
      return;
    }
    if (!JSON_TYPE.test(mediaTypeOf(req))) {
      next(unsupportedMediaType('Content-Type must be application/json'));
      return;
    }
    // A compressed body would be inflated in memory past the size limit (which counts bytes received).
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      next(unsupportedMediaType(`Content-Encoding ${encoding} is not accepted; send the JSON uncompressed`));
      return;
    }
    read(req, res, next);
  };
  const parse: RequestHandler = (req, _res, next) => {
    const raw: unknown = req.body;
    if (BODYLESS.has(req.method ?? '') || (typeof raw !== 'string' && !Buffer.isBuffer(raw))) {
      next();
      return;
    }
    const text = (Buffer.isBuffer(raw) ? raw.toString('utf8') : raw).trim();
    if (text === '') {
      req.body = undefined;
      next();
      return;
    }
    try {
      req.body = parseJsonText(text, maxDepth);
    } catch (err) {
      next(err instanceof JsonTextError ? badRequest(err.message) : err);
      return;
    }
    next();
  };
  return [accept, parse];
}
