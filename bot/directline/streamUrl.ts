import type { IncomingMessage } from 'node:http';

/** Path of a conversation's WebSocket stream. */
export const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The `streamUrl` for a conversation, on the host and scheme the client used to reach us (behind a TLS proxy:
 * `X-Forwarded-Proto`/`-Host`), pre-authorised by a short-lived stream token in its `t` parameter and replaying
 * from `watermark` when given.
 */
export function streamUrlFor(
  req: IncomingMessage,
  conversationId: string,
  streamToken: string,
  watermark: number | undefined,
): string {
  const proto =
    firstValue(req.headers['x-forwarded-proto']) ?? ('encrypted' in req.socket ? 'https' : 'http');
  const forwardedHost = firstValue(req.headers['x-forwarded-host']);
  const host = [forwardedHost, req.headers.host].find((h) => h !== undefined && HOST.test(h)) ?? 'localhost';
  const query = new URLSearchParams({ t: streamToken });
  if (watermark !== undefined) query.set('watermark', String(watermark));
  const scheme = proto === 'https' ? 'wss' : 'ws';
  return `${scheme}://${host}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}
