import { pino, type Logger, type DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths pino blanks out wherever they appear, so secrets never reach a log line. */
const REDACT = [
  'password',
  'apiKey',
  'token',
  'secret',
  '*.password',
  '*.apiKey',
  '*.token',
  '*.secret',
  'req.headers.authorization',
  'headers.authorization',
  'config.MicrosoftAppPassword',
  'config.CONTROL_CENTER_API_KEY',
  'config.ADMIN_TOKEN',
  'config.DIRECT_LINE_SECRET',
  'config.AGENT_PAGE_PASSWORD',
];

/** The one structured logger (`base`: fields on every line, e.g. the instance id); children carry request and conversation context. */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  base: Readonly<Record<string, string>> = {},
): Logger {
  return pino(
    { level, base: { service: 'firstline', ...base }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination ?? pino.destination(1),
  );
}

/**
 * The logger handed to restify (`createServer({ log })`), so its own lines — a response it cannot
 * format, a value an async handler returned — go through the app's redaction and destination. Its
 * serializers keep only what identifies a request: never headers (credentials) or bodies.
 */
export function frameworkLogger(logger: Logger): Logger {
  return logger.child(
    { component: 'restify' },
    {
      serializers: {
        req: (req: IncomingMessage & { id?: () => string }) => ({
          id: typeof req.id === 'function' ? req.id() : undefined,
          method: req.method,
          url: req.url?.split('?')[0],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        value: () => '[omitted]',
        body: () => '[omitted]',
      },
    },
  );
}
