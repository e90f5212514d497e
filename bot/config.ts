import { z } from 'zod';
import { STORAGE_KINDS } from './storage/stores.js';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an integer between ${min} and ${max} (got "${v}")`,
        });
        return z.NEVER;
      }
      return n;
    });

/** Comma-separated origins (`https://www.example.com`), each exactly an origin: no path, no wildcard. */
const originList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const origins: string[] = [];
    for (const raw of (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      let origin: string | undefined;
      try {
        const url = new URL(raw);
        if (['http:', 'https:'].includes(url.protocol)) origin = url.origin;
      } catch {
        origin = undefined;
      }
      if (!origin || origin !== raw.replace(/\/$/, '').toLowerCase()) {
        ctx.addIssue({ code: 'custom', message: `"${raw}" is not an origin like https://www.example.com` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const list = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v.trim() === ''
        ? fallback
        : v
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
    );

/** Every environment variable Firstline reads (documented in .env.example). */
const envSchema = z
  .object({
    PORT: int(3978, 0, 65535),
    HOST: optionalString,
    LOCAL_MODE_ALLOW_REMOTE: bool(false),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'expected MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .optional()
      .default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    SERVICE_URL_ALLOWLIST: list(['localhost', '127.0.0.1', '[::1]']),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional()
      .default('info'),
    DATA_DIR: z.string().min(1, 'expected a directory path').optional().default('./data'),
    DATA_FSYNC: bool(true),
    // Records are validated at the edges and at start-up; true also parses every write (the test servers).
    DATA_VALIDATE_WRITES: bool(false),
    STORAGE: z.enum(STORAGE_KINDS, { message: 'expected lowdb or postgres' }).optional().default('lowdb'),
    DATABASE_URL: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v),
        'expected a postgres://user@host:5432/database URL',
      ),
    DATABASE_POOL_MAX: int(10, 1, 200),
    INSTANCE_ID: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || /^[A-Za-z0-9._:-]{1,64}$/.test(v),
        'expected 1-64 of A-Z a-z 0-9 . _ : -',
      ),
    CLAIM_LEASE_MS: int(600_000, 100, 24 * 3600_000),
    KNOWLEDGE_DIR: z.string().min(1, 'expected a directory path').optional().default('./knowledge'),
    KNOWLEDGE_WATCH: bool(true),
    KNOWLEDGE_KEEP_VERSIONS: int(20, 1, 500),
    MAX_BODY_BYTES: int(256 * 1024, 1024, 16 * 1024 * 1024),
    NLU_THRESHOLD: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return undefined;
        const n = Number(v);
        if (!(n >= 0 && n <= 1)) {
          ctx.addIssue({ code: 'custom', message: `expected a number between 0 and 1 (got "${v}")` });
          return z.NEVER;
        }
        return n;
      }),
    CONNECTIVITY_PROVIDER: z
      .enum(['embedded', 'control_center'], { message: 'expected embedded or control_center' })
      .optional()
      .default('embedded'),
    CONTROL_CENTER_BASE_URL: z.url({ message: 'expected an http(s) URL' }).optional(),
    CONTROL_CENTER_USERNAME: optionalString,
    CONTROL_CENTER_API_KEY: optionalString,
    CONTROL_CENTER_TIMEOUT_MS: int(5000, 100, 60_000),
    CONTROL_CENTER_RATE_PER_SECOND: int(5, 1, 100),
    HANDOFF_MODE: z
      .enum(['desk', 'contact_centre'], { message: 'expected desk or contact_centre' })
      .optional()
      .default('desk'),
    AGENTS_CONVERSATION_ID: optionalString,
    AGENTS_SERVICE_URL: optionalString,
    FOLLOW_UP_DAYS: int(3, 0, 60),
    FOLLOW_UP_DELAY_MS: int(0, 0, 365 * 24 * 3600 * 1000),
    FOLLOW_UP_TICK_MS: int(30_000, 10, 3600_000),
    CASE_IDLE_CLOSE_HOURS: int(72, 0, 365 * 24),
    CASE_IDLE_CLOSE_MS: int(0, 0, 365 * 24 * 3600 * 1000),
    INCIDENT_CHECK_IN_MINUTES: int(120, 0, 7 * 24 * 60),
    INCIDENT_CHECK_IN_DELAY_MS: int(0, 0, 7 * 24 * 3600 * 1000),
    INCIDENT_SEND_CONCURRENCY: int(8, 1, 64),
    ADMIN_TOKEN: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.length >= 24, 'expected at least 24 characters'),
    METRICS_TOKEN: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.length >= 24, 'expected at least 24 characters'),
    SHUTDOWN_GRACE_MS: int(20_000, 0, 600_000),
    DESK_OFFER_SECONDS: int(60, 5, 3600),
    TEAMS_SSO_CLIENT_ID: optionalString,
    TEAMS_SSO_TENANT_ID: optionalString,
    TEAMS_SSO_JWKS_URL: z.url({ message: 'expected an http(s) URL' }).optional(),
    DIRECT_LINE_SECRET: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.length >= 24, 'expected at least 24 characters'),
    // At least 30 min: the official client refreshes its token every 15 min and retries for 15 more.
    DIRECT_LINE_TOKEN_TTL_SECONDS: int(3600, 1800, 86_400),
    DIRECT_LINE_TOKEN_KEY: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
        'expected at least 32 bytes (e.g. openssl rand -base64 48), the same on every instance',
      ),
    DIRECT_LINE_ALLOWED_ORIGINS: originList,
    DEMO_DATA: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
      .optional()
      .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v))),
  })
  .superRefine((env, ctx) => {
    if (env.CONNECTIVITY_PROVIDER === 'control_center') {
      for (const key of [
        'CONTROL_CENTER_BASE_URL',
        'CONTROL_CENTER_USERNAME',
        'CONTROL_CENTER_API_KEY',
      ] as const) {
        if (!env[key])
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'required when CONNECTIVITY_PROVIDER=control_center',
          });
      }
    }
    if (env.STORAGE === 'postgres' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required when STORAGE=postgres' });
    }
    const loopback = ['127.0.0.1', 'localhost', '::1'];
    if (!env.MicrosoftAppId && env.HOST && !loopback.includes(env.HOST) && !env.LOCAL_MODE_ALLOW_REMOTE) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          'local mode (no MicrosoftAppId) is anonymous and listens on loopback only; set MicrosoftAppId, or LOCAL_MODE_ALLOW_REMOTE=true to expose it on purpose',
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set',
      });
    }
    if (env.MicrosoftAppId && !env.DIRECT_LINE_TOKEN_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['DIRECT_LINE_TOKEN_KEY'],
        message:
          'required when MicrosoftAppId is set: the key that signs Direct Line tokens, at least 32 bytes, the same on every instance',
      });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'required for a SingleTenant app',
      });
    }
  });

type Env = z.output<typeof envSchema>;

/** Names of every variable Firstline reads (each must be documented in .env.example). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Validated configuration, derived once at start-up. */
export interface Config extends Env {
  /** No app id: anonymous requests (Emulator, local Direct Line), loopback only by default. */
  localMode: boolean;
  /** Address to listen on. */
  host: string;
  /** Seed the demo directory and SIMs into an empty data directory: DEMO_DATA, by default local mode only. */
  demoData: boolean;
}

/** Raised for an invalid environment; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Invalid configuration: ${variable} — ${expected}`);
    this.name = 'ConfigError';
  }
}

/** Validate the environment; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // `NAME=` (as in .env.example) means "not set": use the default instead of failing validation.
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'invalid');
  }
  const localMode = !parsed.data.MicrosoftAppId;
  return {
    ...parsed.data,
    localMode,
    host: parsed.data.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    demoData: parsed.data.DEMO_DATA ?? localMode,
  };
}
