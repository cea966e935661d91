import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SandboxRequest } from '../http/route.js';
import { defaultAppUserSchema } from './app-user-schema-default.js';
import { createSigningKeyCredential } from './signing-key-material.js';

/** Signing keys Okta creates with a new SAML app are valid for 10 years. */
const NEW_APP_KEY_VALIDITY_YEARS = 10;

/**
 * Creates what Okta creates along with an app: a signing key for a SAML app (made the active
 * one), the app user schema, and the two profile mappings between the default user type and
 * the app's users.
 */
export function createAppDefaults(request: SandboxRequest, app: JsonObject): void {
  const { state } = request;
  const appId = String(app['id']);

  if (app['signOnMode'] === 'SAML_2_0') {
    const key = createSigningKeyCredential(String(app['label']), state.nowMs(), NEW_APP_KEY_VALIDITY_YEARS);
    state.appKeys.set(appId, [key]);
    const credentials = (app['credentials'] ?? {}) as JsonObject;
    app['credentials'] = { ...credentials, signing: { ...((credentials['signing'] ?? {}) as JsonObject), kid: String(key['kid']) } };
  }

  state.appUserSchemas.set(appId, defaultAppUserSchema(app));
  for (const mapping of newProfileMappings(request, app)) state.profileMappings.set(String(mapping['id']), mapping);
}

function newProfileMappings(request: SandboxRequest, app: JsonObject): JsonObject[] {
  const userType = [...request.state.userTypes.values()].find((type) => type['default'] === true);
  if (!userType) return [];
  const oktaSide = { id: String(userType['id']), name: String(userType['name'] ?? 'user'), type: 'user' };
  const appSide = { id: String(app['id']), name: String(app['name']), type: 'appuser' };
  return [
    { id: request.state.newId('profileMapping'), source: oktaSide, target: appSide, properties: {} },
    { id: request.state.newId('profileMapping'), source: appSide, target: oktaSide, properties: {} },
  ];
}

/** Removes everything that belongs to an app, as deleting it in Okta does. */
export function removeAppDependents(request: SandboxRequest, appId: string): void {
  const { state } = request;
  state.appKeys.delete(appId);
  state.appUserSchemas.delete(appId);
  state.appGroupAssignments.delete(appId);
  state.appUserAssignments.delete(appId);
  state.provisioning.delete(appId);
  state.groupPushMappings.delete(appId);
  state.appAccessPolicies.delete(appId);
  for (const [id, mapping] of state.profileMappings) {
    const touches = [mapping['source'], mapping['target']].some((side) => (side as JsonObject | undefined)?.['id'] === appId);
    if (touches) state.profileMappings.delete(id);
  }
}
