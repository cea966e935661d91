import { CAPTURE_SCOPES, createOktaClient, RESTORE_SCOPES } from '../okta/okta-client.js';
import { OktaRequestError } from '../okta/okta-request-error.js';
import { OktaTransport } from '../okta/okta-transport.js';
import type { ConnectionRecord } from '../vault/vault-types.js';
import type { ButterflyServices } from './butterfly-services.js';
import { loadOktaCredential } from './connection-credentials.js';

/** The write scopes a restore needs beyond the capture's read scopes; a connection test lists these. */
const WRITE_SCOPES = RESTORE_SCOPES.filter((scope) => !CAPTURE_SCOPES.includes(scope));

/** One permission and whether the connection has it. */
export interface PermissionStatus {
  scope: string;
  status: 'granted' | 'missing' | 'unknown';
  detail: string;
}

/** The result of checking a saved connection against its org. */
export interface ConnectionCheck {
  reachable: boolean;
  capture: PermissionStatus[];
  restore: PermissionStatus[];
}

/** The read each capture scope allows; `{app}` is replaced by an app id found by the first probe. */
const CAPTURE_PROBES: Record<string, string> = {
  'okta.apps.read': '/api/v1/apps?limit=1',
  'okta.groups.read': '/api/v1/groups?limit=1',
  'okta.users.read': '/api/v1/users?limit=1',
  'okta.policies.read': '/api/v1/policies?type=OKTA_SIGN_ON&limit=1',
  'okta.profileMappings.read': '/api/v1/mappings?limit=1',
  'okta.schemas.read': '/api/v1/meta/schemas/apps/{app}/default',
  'okta.userTypes.read': '/api/v1/meta/types/user',
  'okta.networkZones.read': '/api/v1/zones?limit=1',
  'okta.deviceAssurance.read': '/api/v1/device-assurances',
};

/**
 * Checks which permissions a saved connection has. Capture permissions are probed with one read
 * each: a 403 means the scope (or the admin role behind an API token) is missing. Restore
 * permissions are never probed, because only a write would tell: a service app has them when
 * its configured scopes include them (Okta refuses the whole token request otherwise), and an
 * API token's are reported as unknown.
 */
export async function checkConnection(services: ButterflyServices, connection: ConnectionRecord): Promise<ConnectionCheck> {
  const credential = await loadOktaCredential(services.secrets, connection);
  const transport = new OktaTransport(createOktaClient(connection.orgUrl, credential), { maxAttempts: 2, logger: services.logger });

  const capture: PermissionStatus[] = [];
  let appId: string | undefined;
  let reachable = false;
  for (const scope of CAPTURE_SCOPES) {
    const result = await probe(transport, CAPTURE_PROBES[scope], appId);
    if (result.body !== undefined && scope === 'okta.apps.read') appId = firstId(result.body);
    if (result.status.status === 'granted' || result.status.status === 'missing') reachable = true;
    capture.push({ scope, ...result.status });
  }

  const restore = WRITE_SCOPES.map((scope) => restoreStatus(connection, scope, reachable));
  services.logger.info({ connection: connection.id, reachable, missing: capture.filter((entry) => entry.status === 'missing').length }, 'connection checked');
  return { reachable, capture, restore };
}

async function probe(transport: OktaTransport, template: string | undefined, appId: string | undefined): Promise<{ status: Omit<PermissionStatus, 'scope'>; body?: unknown }> {
  if (template === undefined) return { status: { status: 'unknown', detail: 'Butterfly has no read to check this scope with.' } };
  if (template.includes('{app}') && appId === undefined) {
    return { status: { status: 'unknown', detail: 'Checked only with an app to read, and none could be listed.' } };
  }
  const path = template.replace('{app}', encodeURIComponent(appId ?? ''));
  try {
    const response = await transport.getJson(path);
    return { status: { status: 'granted', detail: `GET ${path.replace(/\?.*$/, '')} succeeded.` }, body: response.body };
  } catch (error) {
    return { status: failedProbe(error, path) };
  }
}

function failedProbe(error: unknown, path: string): Omit<PermissionStatus, 'scope'> {
  const failure = error instanceof OktaRequestError ? error : undefined;
  const plainPath = path.replace(/\?.*$/, '');
  if (failure?.status === 403) return { status: 'missing', detail: `Okta refused GET ${plainPath} (HTTP 403${failure.errorCode ? ` ${failure.errorCode}` : ''}).` };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 'unknown', detail: `GET ${plainPath} failed, so the scope could not be checked: ${reason}` };
}

function restoreStatus(connection: ConnectionRecord, scope: string, reachable: boolean): PermissionStatus {
  if (connection.auth.type === 'api-token') {
    return { scope, status: 'unknown', detail: "An API token acts with its admin's role, which only a write would reveal; restore needs a role that may change apps, groups and policies." };
  }
  if (!connection.auth.scopes.includes(scope)) {
    return { scope, status: 'missing', detail: 'Not among the scopes this connection requests; grant it to the service app and add the connection again with it.' };
  }
  if (!reachable) return { scope, status: 'unknown', detail: 'The org issued no token, so the scope could not be confirmed.' };
  return { scope, status: 'granted', detail: 'Requested by this connection, and Okta issued a token for it.' };
}

function firstId(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined;
  const first: unknown = body[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const id = (first as Record<string, unknown>)['id'];
  return typeof id === 'string' ? id : undefined;
}
