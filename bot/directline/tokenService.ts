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

const claimsSchema = z.object({
  cid: z.string().min(1),
  uid: z.string().min(1),
  un: z.string().optional(),
  lc: z.string().optional(),
  exp: z.number().int(),
  n: z.string(),
});

/**
 * Issues and verifies HMAC-signed Direct Line tokens. Tokens are self-contained (no server-side table to grow)
 * and signed with a key that lives only in this instance: a restart invalidates every token, which Web Chat
 * survives by asking the page for a new one.
 */
export class TokenService {
  private readonly key: Buffer;

  /**
   * @param ttlSeconds - Lifetime of every issued or refreshed token.
   * @param now - Clock in milliseconds, injectable so tests can expire tokens without waiting.
   * @param key - Signing key; random per process unless given.
   */
  constructor(
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  /** Signs a fresh token for the given conversation and user. */
  issue(claims: Omit<TokenClaims, 'exp'>): { token: string; expiresIn: number } {
    const payload = {
      cid: claims.conversationId,
      uid: claims.userId,
      un: claims.userName,
      lc: claims.locale,
      exp: Math.floor(this.now() / 1000) + this.ttlSeconds,
      // A nonce keeps two tokens issued in the same second distinguishable.
      n: randomBytes(6).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds };
  }

  /**
   * Checks signature and expiry.
   * @throws HttpError 403 for a forged or malformed token, 401 for an expired one.
   */
  verify(token: string): TokenClaims {
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
    if (!parsed.success) throw new HttpError(403, 'BadToken', 'Token is not valid');
    const c = parsed.data;
    if (c.exp * 1000 <= this.now()) throw new HttpError(401, 'TokenExpired', 'Token expired');
    return { conversationId: c.cid, userId: c.uid, userName: c.un, locale: c.lc, exp: c.exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private signatureMatches(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
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
