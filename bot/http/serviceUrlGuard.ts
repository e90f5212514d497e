/**
 * Decides whether the bot may send to an activity's `serviceUrl`. In local mode the SDK trusts
 * any serviceUrl, so without this guard anyone reaching the port could make the bot POST to
 * arbitrary hosts. Entries are host names (`localhost`, `127.0.0.1`, `[::1]`) or `*.domain` wildcards.
 *
 * The connector client appends `v3/conversations/{id}/activities[/{replyToId}]` to the serviceUrl's
 * path, so only a bare origin (path `/`, no query, fragment or credentials) keeps every request the
 * bot makes on a Bot Framework connector route: `http://127.0.0.1:3978/api/agents/x/tokens` would
 * otherwise point the bot at this service's own operations API.
 */
export class ServiceUrlGuard {
  constructor(private readonly allowed: readonly string[]) {}

  /** True when the URL is a bare http(s) origin whose host is on the allow-list. */
  allows(serviceUrl: string): boolean {
    let host: string;
    try {
      const url = new URL(serviceUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      const bare = url.pathname === '/' && !/[?#]/.test(serviceUrl) && !url.username && !url.password;
      if (!bare) return false;
      host = url.hostname.toLowerCase();
    } catch {
      return false;
    }
    return this.allowed.some((entry) =>
      entry.startsWith('*.')
        ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1
        : host === entry,
    );
  }
}
