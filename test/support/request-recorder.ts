import type { Client } from '@okta/okta-sdk-nodejs';

/** One request as the SDK's request executor sent it on the wire, retries included. */
export interface RecordedRequest {
  method: string;
  /** Path and query below the org URL. */
  path: string;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
}

/**
 * Records every request an SDK client sends, from the `request` event of its request executor,
 * so a test gets exactly what went over the wire, each retry as its own entry. The recorder
 * observes only: it never changes or delays a request.
 */
export function recordRequests(client: Client): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  client.requestExecutor.on('request', (request: { method?: string; url?: string; body?: unknown }) => {
    const url = new URL(String(request.url));
    recorded.push({
      method: String(request.method ?? 'GET').toUpperCase(),
      path: `${url.pathname}${url.search}`,
      body: typeof request.body === 'string' && request.body !== '' ? (JSON.parse(request.body) as unknown) : undefined,
    });
  });
  return recorded;
}
