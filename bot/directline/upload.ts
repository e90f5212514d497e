import type { Server } from 'restify';

const UPLOAD_PATH = /^\/v3\/directline\/conversations\/[^/]+\/upload(\?|$)/;

/**
 * `POST /v3/directline/conversations/{id}/upload` (attachments, multipart): Firstline takes no files — the widget
 * hides its upload button, and modem output is pasted as text — so the route answers 415 before anything reads
 * the body: nothing is parsed, buffered or written to disk, whoever sends it. (415, not 403: the official client
 * takes a 403 as an expired token.)
 */
export function refuseDirectLineUploads(server: Server): void {
  server.pre((req, res, next) => {
    if (req.method !== 'POST' || !UPLOAD_PATH.test(req.url ?? '')) return next();
    const body = JSON.stringify({
      error: {
        code: 'UploadNotSupported',
        message:
          'Firstline does not accept file uploads; paste text (e.g. modem output) into the message instead',
      },
    });
    res.writeHead(415, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(body);
    return next(false);
  });
}
