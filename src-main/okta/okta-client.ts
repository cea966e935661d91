import { Client, RequestExecutor } from '@okta/okta-sdk-nodejs';

/** The secret half of a connection, as read from the secret store. */
export type OktaCredential =
  | { type: 'api-token'; token: string }
  | { type: 'private-key'; clientId: string; scopes: string[]; privateKeyPem: string; keyId?: string };

/** Read-only scopes a capture needs from an OAuth 2.0 service app. */
export const CAPTURE_SCOPES = [
  'okta.apps.read',
  'okta.groups.read',
  'okta.users.read',
  'okta.policies.read',
  'okta.profileMappings.read',
  'okta.schemas.read',
  'okta.userTypes.read',
  'okta.networkZones.read',
  'okta.deviceAssurance.read',
];

/**
 * Scopes a restore needs from an OAuth 2.0 service app: the capture scopes, for the pre-restore
 * capture and the read-backs, and the `.manage` scopes of every kind a plan writes. Group push
 * mappings need `okta.apps.manage`; group memberships and group rules `okta.groups.manage`.
 * Users are never written, so `okta.users.manage` is not asked for.
 */
export const RESTORE_SCOPES = [
  ...CAPTURE_SCOPES,
  'okta.apps.manage',
  'okta.groups.manage',
  'okta.policies.manage',
  'okta.profileMappings.manage',
  'okta.schemas.manage',
  'okta.networkZones.manage',
  'okta.deviceAssurance.manage',
];

/**
 * Builds an @okta/okta-sdk-nodejs client for raw requests. Every setting is passed explicitly,
 * so an `okta.yaml` or `OKTA_CLIENT_*` variable on the machine cannot fill a gap; the response
 * cache is off, because a snapshot must see the org as it is now; and the request executor is
 * the SDK's plain one, because Butterfly's transport does its own retries and rate limiting.
 */
export function createOktaClient(orgUrl: string, credential: OktaCredential): Client {
  const common = {
    orgUrl: orgUrl.replace(/\/+$/, ''),
    cacheMiddleware: null,
    requestExecutor: new RequestExecutor(),
    userAgent: 'butterfly',
  };
  if (credential.type === 'api-token') {
    return new Client({ ...common, authorizationMode: 'SSWS', token: credential.token });
  }
  return new Client({
    ...common,
    authorizationMode: 'PrivateKey',
    clientId: credential.clientId,
    scopes: credential.scopes,
    privateKey: credential.privateKeyPem,
    ...(credential.keyId ? { keyId: credential.keyId } : {}),
  });
}
