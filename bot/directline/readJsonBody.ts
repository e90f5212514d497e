import type { Request } from 'restify';
import { JsonTextError, parseJsonText } from '../http/jsonText.js';
import { HttpError } from './httpError.js';

/**
 * Reads a request's JSON body, whether or not a server-wide body parser already consumed the stream
 * (the app may install restify's `bodyParser`; these routes must work either way).
 * @param maxBytes - Bodies larger than this are refused with 413 before parsing, to bound memory.
 * @returns The parsed JSON value, or `undefined` for an empty body.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const parsed: unknown = (req as { body?: unknown }).body;
  if (parsed !== undefined && !Buffer.isBuffer(parsed) && typeof parsed !== 'string') return parsed;
  const raw = parsed !== undefined ? Buffer.from(parsed) : await readStream(req, maxBytes);
  if (raw.length > maxBytes)
    throw new HttpError(413, 'BadArgument', `Request body exceeds ${maxBytes} bytes`);
  const text = raw.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new HttpError(400, 'BadArgument', error instanceof JsonTextError ? error.message : 'Invalid JSON');
  }
}

function readStream(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (req.readableEnded) {
      resolve(Buffer.alloc(0));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, 'BadArgument', `Request body exceeds ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (error) => reject(error));
  });
}
