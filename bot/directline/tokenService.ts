import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from './httpError.js';

/** What a Direct Line token proves: who may talk in which conversation, until when. */
export interface TokenClaims {
  /** The one conversation this token may read and write. */
  conversationId: string;
  /** The user identity the bot sees; the client cannot override it. */
  userId: string;
  userName?: string;
  /** Locale chosen when the token was issued, used for the welcome. */
  locale?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Shortest token lifetime accepted: longer than the official client's refresh cycle (see README). */
export const MIN_TOKEN_TTL_SECONDS = 1800;
/** Longest token lifetime accepted. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;
/** How long a `streamUrl` may be used to open its WebSocket (as Azure's: 60 s). */
export const STREAM_URL_TTL_SECONDS = 60;
/** Fewest bytes a signing key may have. */
export const MIN_TOKEN_KEY_BYTES = 32;

/** A conversation token (`Authorization: Bearer`) or a stream token (a `streamUrl`'s `t` parameter). */
type TokenKind = 'conversation' | 'stream';
const kindCode: Record<TokenKind, string> = { conversation: 'c', stream: 's' };

const claimsSchema = z.object({
  k: z.enum(['c', 's']),
  cid: z.string().min(1),
  uid: z.string().min(1),
  un: z.string().optional(),
  lc: z.string().optional(),
  exp: z.number().int(),
  n: z.string(),
});

/**
 * Issues and verifies HMAC-signed Direct Line tokens. Tokens are self-contained (no server-side table to grow)
 * and signed with a configured key (`DIRECT_LINE_TOKEN_KEY`, or in local mode a key kept in DATA_DIR), so every
 * instance accepts every other instance's tokens, and a restart cuts no widget off. A stream token opens one
 * conversation's WebSocket for a minute and is no bearer token (and vice versa).
 */
export class TokenService {
  /**
   * @param ttlSeconds - Lifetime of every issued or refreshed conversation token.
   * @param key - Signing key, at least {@link MIN_TOKEN_KEY_BYTES} bytes.
   * @param now - Clock in milliseconds, injectable so tests can expire tokens without waiting.
   */
  constructor(
    readonly ttlSeconds: number,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    if (key.length < MIN_TOKEN_KEY_BYTES)
      throw new Error(
        `TokenService: the signing key has ${key.length} bytes; at least ${MIN_TOKEN_KEY_BYTES} are needed`,
      );
    if (
      !Number.isInteger(ttlSeconds) ||
      ttlSeconds < MIN_TOKEN_TTL_SECONDS ||
      ttlSeconds > MAX_TOKEN_TTL_SECONDS
    )
      throw new Error(
        `TokenService: a token lifetime of ${ttlSeconds} s is outside ${MIN_TOKEN_TTL_SECONDS}..${MAX_TOKEN_TTL_SECONDS}`,
      );
  }

  /** Signs a fresh conversation token. */
  issue(claims: Omit<TokenClaims, 'exp'>): { token: string; expiresIn: number } {
    return { token: this.sign('conversation', claims, this.ttlSeconds), expiresIn: this.ttlSeconds };
  }

  /** Signs the token of a `streamUrl`: it opens this conversation's WebSocket for {@link STREAM_URL_TTL_SECONDS}. */
  issueStream(claims: Omit<TokenClaims, 'exp'>): string {
    return this.sign('stream', claims, STREAM_URL_TTL_SECONDS);
  }

  /**
   * Checks signature, kind and expiry.
   * @throws HttpError 403 `BadToken` for a forged, malformed or wrong-kind token, 403 `TokenExpired` for an
   * expired one (the status the official client takes as "expired": it then stops and says so).
   */
  verify(token: string, kind: TokenKind = 'conversation'): TokenClaims {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || !this.signatureMatches(body, signature)) {
      throw new HttpError(403, 'BadToken', 'Token is not valid');
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new HttpError(403, 'BadToken', 'Token is not valid');
    }
    const parsed = claimsSchema.safeParse(decoded);
    if (!parsed.success || parsed.data.k !== kindCode[kind]) {
      throw new HttpError(403, 'BadToken', 'Token is not valid');
    }
    const c = parsed.data;
    if (c.exp * 1000 <= this.now()) throw new HttpError(403, 'TokenExpired', 'Token expired');
    return {
      conversationId: c.cid,
      userId: c.uid,
      ...(c.un !== undefined ? { userName: c.un } : {}),
      ...(c.lc !== undefined ? { locale: c.lc } : {}),
      exp: c.exp,
    };
  }

  private sign(kind: TokenKind, claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number): string {
    const payload = {
      k: kindCode[kind],
      cid: claims.conversationId,
      uid: claims.userId,
      un: claims.userName,
      lc: claims.locale,
      exp: Math.floor(this.now() / 1000) + ttlSeconds,
      // A nonce keeps two tokens issued in the same second distinguishable.
      n: randomBytes(6).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private signatureMatches(body: string, signature: string): boolean {
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** Compares a presented secret with the configured one in constant time. */
export function secretMatches(configured: string, presented: string): boolean {
  const a = createHmac('sha256', 'dl-secret').update(configured).digest();
  const b = createHmac('sha256', 'dl-secret').update(presented).digest();
  return timingSafeEqual(a, b);
}
