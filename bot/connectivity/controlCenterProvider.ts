import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  ccDeviceSchema,
  ccErrorSchema,
  ccSessionSchema,
  ccUsageSchema,
  deviceFromControlCenter,
  sessionFromControlCenter,
  usageFromControlCenter,
} from './controlCenterSchemas.js';
import type { ConnectivityProvider, DeviceDetails, SessionInfo, UsageInfo } from './provider.js';
import { ProviderUnavailableError, type ProviderFailureReason } from './providerError.js';
import { SerialRateLimiter } from './serialRateLimiter.js';
import { TtlCache } from './ttlCache.js';

/** Options of a {@link ControlCenterProvider} (the lead maps `CONTROL_CENTER_*` env vars here). */
export interface ControlCenterOptions {
  /** e.g. `https://cc.example.com` — `/rws/api/v1` is appended. */
  baseUrl: string;
  username: string;
  apiKey: string;
  logger: Logger;
  /** Per attempt (default 5000 ms). */
  timeoutMs?: number;
  /** Calls per second allowed by the platform (default 5). */
  ratePerSecond?: number;
  /** Attempts per call including the first (default 3). */
  maxAttempts?: number;
  /** First backoff delay (default 300 ms), doubled per attempt, with jitter. */
  backoffBaseMs?: number;
  /** Longest single wait, also caps Retry-After (default 5000 ms). */
  maxBackoffMs?: number;
  /** How long answers are reused (default 30 000 ms; 0 disables). */
  cacheTtlMs?: number;
  /** Bound of the answer cache (default 1000 entries). */
  cacheSize?: number;
  /** Jitter source, replaceable in tests. */
  random?: () => number;
}

type Kind = 'device' | 'session' | 'usage';

const RETRYABLE: ReadonlySet<ProviderFailureReason> = new Set([
  'timeout',
  'server_error',
  'rate_limited',
  'network',
]);

/**
 * Cisco IoT Control Center REST API v1. Respects the platform's limits (one call at a time per
 * API user, ~5 calls/s), times every attempt out, retries these idempotent GETs with exponential
 * backoff and jitter, and caches answers briefly. The API key never reaches a log line.
 */
export class ControlCenterProvider implements ConnectivityProvider {
  readonly name = 'control-center';
  private readonly http: AxiosInstance;
  private readonly limiter: SerialRateLimiter;
  private readonly cache: TtlCache<unknown>;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;
  private readonly logger: Logger;

  constructor(options: ControlCenterOptions) {
    if (!options.baseUrl || !options.username || !options.apiKey) {
      throw new Error('ControlCenterProvider: baseUrl, username and apiKey are required');
    }
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.backoffBaseMs = options.backoffBaseMs ?? 300;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.random = options.random ?? Math.random;
    this.logger = options.logger.child({ component: 'controlCenter' });
    this.limiter = new SerialRateLimiter({ ratePerWindow: options.ratePerSecond ?? 5 });
    this.cache = new TtlCache<unknown>(options.cacheTtlMs ?? 30_000, options.cacheSize ?? 1000);
    this.http = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/rws/api/v1`,
      auth: { username: options.username, password: options.apiKey },
      headers: { Accept: 'application/json' },
      timeout: this.timeoutMs,
      // Status handling is ours: 404 is an answer, 401/429/5xx are failures with reasons.
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  getDevice(iccid: string): Promise<DeviceDetails | null> {
    return this.cached(
      'device',
      iccid,
      `/devices/${encodeURIComponent(iccid)}`,
      ccDeviceSchema,
      deviceFromControlCenter,
    );
  }

  getSession(iccid: string): Promise<SessionInfo | null> {
    return this.cached(
      'session',
      iccid,
      `/devices/${encodeURIComponent(iccid)}/sessionInfo`,
      ccSessionSchema,
      sessionFromControlCenter,
    );
  }

  getUsage(iccid: string): Promise<UsageInfo | null> {
    return this.cached(
      'usage',
      iccid,
      `/devices/${encodeURIComponent(iccid)}/ctdUsages`,
      ccUsageSchema,
      usageFromControlCenter,
    );
  }

  private async cached<S extends z.ZodType, R>(
    kind: Kind,
    iccid: string,
    path: string,
    schema: S,
    map: (parsed: z.infer<S>) => R,
  ): Promise<R | null> {
    const key = `${kind}:${iccid}`;
    const hit = this.cache.get(key);
    if (hit) return hit.value as R | null;
    const running = this.inFlight.get(key);
    if (running) return running as Promise<R | null>;
    const work = this.fetchWithRetry(kind, path, schema, map).then((value) => {
      this.cache.set(key, value);
      return value;
    });
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async fetchWithRetry<S extends z.ZodType, R>(
    kind: Kind,
    path: string,
    schema: S,
    map: (parsed: z.infer<S>) => R,
  ): Promise<R | null> {
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      try {
        const value = await this.limiter.run(() => this.fetchOnce(path, schema, map));
        this.logger.debug({ kind, attempt, ms: Date.now() - started }, 'control center call');
        return value;
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        const retry = RETRYABLE.has(error.reason) && attempt < this.maxAttempts;
        this.logger.warn(
          { kind, attempt, reason: error.reason, status: error.status, errorCode: error.errorCode, retry },
          'control center call failed',
        );
        if (!retry) throw new ProviderUnavailableError(this.name, error.reason, `${kind}: ${error.message}`);
        await sleep(this.backoffDelay(attempt, error.retryAfterMs));
      }
    }
  }

  private backoffDelay(attempt: number, retryAfterMs: number | undefined): number {
    const exponential = this.backoffBaseMs * 2 ** (attempt - 1);
    // Full jitter on top of half the delay keeps retries from several bots in step apart.
    const jittered = exponential / 2 + this.random() * (exponential / 2);
    return Math.min(this.maxBackoffMs, Math.max(jittered, retryAfterMs ?? 0));
  }

  private async fetchOnce<S extends z.ZodType, R>(
    path: string,
    schema: S,
    map: (parsed: z.infer<S>) => R,
  ): Promise<R | null> {
    let response;
    try {
      // A hard deadline as well as axios' socket timeout: a server that trickles bytes must not hang us.
      response = await this.http.get<unknown>(path, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw AttemptError.fromTransport(error);
    }
    const { status, data } = response;
    if (status === 404) return null;
    if (status === 401 || status === 403)
      throw new AttemptError('credentials', 'credentials refused', status, data);
    if (status === 429) {
      throw new AttemptError(
        'rate_limited',
        'rate limited',
        status,
        data,
        retryAfter(response.headers['retry-after']),
      );
    }
    if (status >= 500) {
      throw new AttemptError(
        'server_error',
        `HTTP ${status}`,
        status,
        data,
        retryAfter(response.headers['retry-after']),
      );
    }
    if (status < 200 || status >= 300) throw new AttemptError('client_error', `HTTP ${status}`, status, data);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AttemptError(
        'bad_response',
        `malformed body (${issue?.path.join('.') || '$'}: ${issue?.message})`,
        status,
      );
    }
    return map(parsed.data);
  }
}

/** One failed attempt; becomes a {@link ProviderUnavailableError} once retries are exhausted. */
class AttemptError extends Error {
  readonly errorCode: string | undefined;

  constructor(
    readonly reason: ProviderFailureReason,
    message: string,
    readonly status?: number,
    body?: unknown,
    readonly retryAfterMs?: number,
  ) {
    const parsed = ccErrorSchema.safeParse(body);
    super(
      parsed.success
        ? `${message}: ${parsed.data.errorCode} ${parsed.data.errorMessage ?? ''}`.trim()
        : message,
    );
    this.errorCode = parsed.success ? parsed.data.errorCode : undefined;
  }

  static fromTransport(error: unknown): AttemptError {
    if (error instanceof AxiosError) {
      const timedOut =
        error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === 'ERR_CANCELED';
      // Only the code: axios errors carry the request config, including the Authorization header.
      return new AttemptError(
        timedOut ? 'timeout' : 'network',
        timedOut ? 'timed out' : `transport ${error.code ?? 'error'}`,
      );
    }
    const name = error instanceof Error ? error.name : 'error';
    return new AttemptError(
      name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network',
      `transport ${name}`,
    );
  }
}

function retryAfter(header: unknown): number | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
