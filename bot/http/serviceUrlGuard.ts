/**
 * Decides whether the bot may send to an activity's `serviceUrl`. In local mode the SDK trusts
 * any serviceUrl, so without this guard anyone reaching the port could make the bot POST to
 * arbitrary hosts. Entries are host names (`localhost`, `127.0.0.1`, `[::1]`) or `*.domain` wildcards.
 */
export class ServiceUrlGuard {
  constructor(private readonly allowed: readonly string[]) {}

  /** True when the URL's host is on the allow-list. */
  allows(serviceUrl: string): boolean {
    let host: string;
    try {
      const url = new URL(serviceUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
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
