import {
  toHttpHeadersLike,
  type CompatResponse,
  type RequestPolicy,
  type WebResourceLike,
} from '@azure/core-http-compat';
import { createHttpHeaders } from '@azure/core-rest-pipeline';

/**
 * The HTTP client of the adapter that sends to this process's own connector (the local Direct Line):
 * its replies and proactive messages. The SDK's Node client hands a URL's hostname to `http.request`
 * unchanged, so with `HOST=::1` every call to `http://[::1]:port` failed with `getaddrinfo ENOTFOUND
 * [::1]`; Node's fetch understands IPv6 literals. Used only for that loopback connector (plain HTTP,
 * JSON bodies); passed as `ConnectorClientOptions.httpClient`.
 */
export class LocalConnectorHttpClient implements RequestPolicy {
  async sendRequest(request: WebResourceLike): Promise<CompatResponse> {
    const body: unknown = request.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new Error(`LocalConnectorHttpClient: ${request.method} ${request.url} has a non-text body`);
    }
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers.toJson(),
      ...(typeof body === 'string' ? { body } : {}),
      ...(request.timeout > 0 ? { signal: AbortSignal.timeout(request.timeout) } : {}),
    });
    const bodyAsText = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return {
      request,
      status: response.status,
      headers: toHttpHeadersLike(createHttpHeaders(headers)),
      bodyAsText,
    };
  }
}
