import { Client } from '@okta/okta-sdk-nodejs';
import { startSandbox, type SandboxOptions, type SandboxOrg } from '../../src-main/sandbox/server.js';

/** Starts a sandbox org on an ephemeral loopback port; the caller closes it. */
export async function startTestSandbox(options: SandboxOptions): Promise<SandboxOrg> {
  return startSandbox({ port: 0, ...options });
}

/**
 * Builds an @okta/okta-sdk-nodejs client for a sandbox org with an API token, the response
 * cache off, and every setting passed explicitly so a stray okta.yaml or OKTA_CLIENT_* variable
 * on the machine cannot change it.
 */
export function sdkClient(org: SandboxOrg, token = org.token): Client {
  return new Client({ orgUrl: org.url, token, authorizationMode: 'SSWS', cacheMiddleware: null });
}

/** Sends a raw request to the sandbox with the org's API token and returns status, headers and parsed body. */
export async function apiRequest(
  org: SandboxOrg,
  method: string,
  path: string,
  body?: unknown,
  token = org.token,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${org.url}${path}`, {
    method,
    headers: {
      authorization: `SSWS ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: parsed };
}
