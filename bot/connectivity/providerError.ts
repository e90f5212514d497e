/** Why the connectivity platform could not answer. */
export type ProviderFailureReason =
  'timeout' | 'server_error' | 'rate_limited' | 'credentials' | 'bad_response' | 'network' | 'client_error';

/**
 * The platform cannot answer right now (after any retries). Callers tell the customer that live
 * checks are unavailable and carry on with questions; they never crash on it.
 */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: string,
    readonly reason: ProviderFailureReason,
    detail: string,
  ) {
    super(`Connectivity provider ${provider} unavailable (${reason}): ${detail}`);
    this.name = 'ProviderUnavailableError';
  }
}
