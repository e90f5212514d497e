import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

/** Microsoft identity platform signing keys (v2 endpoint; the same keys sign v1 and v2 tokens). */
export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** Options of a {@link TeamsSsoVerifier}. */
export interface TeamsSsoOptions {
  /** Client id of the Entra app registration behind the Teams tab (`webApplicationInfo.id` in the manifest). */
  clientId: string;
  /** Only tokens of this tenant are accepted, when set. */
  tenantId?: string;
  /** Where the signing keys are fetched (default {@link MICROSOFT_JWKS_URL}). */
  jwksUrl?: string;
  /** Clock skew tolerated, in seconds (default 300). */
  clockToleranceSeconds?: number;
}

/** Who a valid Teams SSO token names. */
export interface TeamsSsoIdentity {
  /** Entra object id of the user (`oid`): matched against the directory's `aadObjectId`. */
  aadObjectId: string;
  tenantId: string;
  name?: string;
}

/** A Teams SSO token that was not accepted, with the reason (never the token) for the log and the answer. */
export class TeamsSsoError extends Error {
  constructor(message: string) {
    super(`Teams SSO: ${message}`);
    this.name = 'TeamsSsoError';
  }
}

/**
 * Validates the token a Teams tab gets from `microsoftTeams.authentication.getAuthToken()` (an Entra ID access
 * token for the tab's app registration): RS256 signature against the identity platform's published keys (fetched
 * and cached by `jose`), expiry, issuer of the token's own tenant (v1 or v2 form), audience = the tab's app (its
 * client id or its `api://…/<client id>` URI), optionally one tenant only. Returns the user's object id.
 */
export class TeamsSsoVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: TeamsSsoOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl ?? MICROSOFT_JWKS_URL));
  }

  async verify(token: string): Promise<TeamsSsoIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 300,
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new TeamsSsoError(`${error.code}: ${error.message}`);
      throw error;
    }
    const tid = typeof payload['tid'] === 'string' ? payload['tid'] : '';
    const oid = typeof payload['oid'] === 'string' ? payload['oid'] : '';
    const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
    if (!payload.iss || !issuers.includes(payload.iss))
      throw new TeamsSsoError('issuer is not the token’s tenant');
    if (this.options.tenantId && tid !== this.options.tenantId) throw new TeamsSsoError('tenant not allowed');
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''];
    const { clientId } = this.options;
    const ours = audiences.some(
      (aud) => aud === clientId || (aud.startsWith('api://') && aud.endsWith(`/${clientId}`)),
    );
    if (!ours) throw new TeamsSsoError('token is for another application');
    if (!oid) throw new TeamsSsoError('token names no user');
    const name = typeof payload['name'] === 'string' ? payload['name'] : undefined;
    return { aadObjectId: oid, tenantId: tid, ...(name ? { name } : {}) };
  }
}
