import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** How many clients of each kind are kept (least recently used dropped first). */
const MAX_CLIENTS = 256;

/** A small least-recently-used map of promises: a client is built once even when turns ask at the same time. */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = build();
    // A failed build is not kept: the next turn tries again.
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    this.entries.set(key, made);
    if (this.entries.size > MAX_CLIENTS) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}

/** The app id a channel's claims carry, as the SDK reads it (audience claim, or the emulator's appid claim). */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** A connector factory that hands out the cached client for each (app id, service URL, audience). */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(JSON.stringify([this.appId, serviceUrl, audience ?? '']), () =>
      this.inner.create(serviceUrl, audience),
    );
  }
}

/**
 * `ConfigurationBotFrameworkAuthentication` that reuses its outbound clients. The SDK builds a new
 * `ConnectorClient` (an HTTP pipeline with its policies and credentials) and a new `UserTokenClient` for
 * every turn, even an expectReplies turn that never calls out; both are stateless per request (the
 * credentials cache their own tokens), so one per (app id, service URL, audience) — and one token client per
 * app id — serves every turn. Authentication of each inbound request is unchanged.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.caching(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private caching(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(inner, appIdOf(claimsIdentity), this.connectors);
  }
}
