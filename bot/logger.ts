import { pino, type Logger, type DestinationStream } from 'pino';

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

/** The one structured logger; children carry request and conversation context. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'firstline' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination ?? pino.destination(1),
  );
}
