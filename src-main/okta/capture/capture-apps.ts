import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { OktaRequestError } from '../okta-request-error.js';
import { getObject, linkHref, listAllIn, mapConcurrently, type CaptureContext } from './capture-context.js';
import type { CaptureScope } from './capture-scope.js';

/** Okta's largest page sizes for the app lists a capture reads. */
const APP_USERS_PAGE = 500;
const APP_GROUPS_PAGE = 200;
const MAPPINGS_PAGE = 200;
const GROUP_PUSH_PAGE = 1000;

/**
 * Captures one app and everything that hangs off it, and adds what it references (groups,
 * policies, user types, attributes read by mappings) to the scope. Each part records its own
 * section; a failed part does not stop the others.
 */
export async function captureApp(context: CaptureContext, app: JsonObject, scope: CaptureScope): Promise<void> {
  const appId = String(app['id']);
  const label = String(app['label'] ?? appId);
  const { recorder } = context;
  recorder.add('app', appId, label, app);

  const policyHref = linkHref(app, 'accessPolicy');
  if (policyHref) scope.policyIds.add(policyHref.replace(/\/+$/, '').split('/').pop() ?? '');

  await Promise.all([
    recorder.run('app-signing-key', () => captureSigningKeys(context, appId, label)),
    recorder.run('app-saml-metadata', () => captureSamlMetadata(context, app, label)),
    recorder.run('app-provisioning', () => captureProvisioning(context, appId, label)),
    recorder.run('app-feature', () => captureFeatures(context, appId, label)),
    recorder.run('app-user-schema', () => captureAppUserSchema(context, appId, label)),
    recorder.run('profile-mapping', () => captureProfileMappings(context, appId, scope)),
    recorder.run('app-group-assignment', () => captureGroupAssignments(context, appId, label, scope)),
    recorder.run('app-user-assignment', () => captureUserAssignments(context, appId, label)),
    recorder.run('group-push-mapping', () => captureGroupPush(context, appId, label, scope)),
  ]);
}

async function captureSigningKeys(context: CaptureContext, appId: string, label: string): Promise<void> {
  const { body } = await context.transport.getJson<unknown>(`/api/v1/apps/${appId}/credentials/keys`);
  if (!Array.isArray(body)) throw new Error(`GET /api/v1/apps/${appId}/credentials/keys did not return a JSON array.`);
  for (const key of body) {
    if (!isJsonObject(key)) continue;
    const kid = String(key['kid']);
    context.recorder.add('app-signing-key', `${appId}/${kid}`, `${label}: key ${kid.slice(0, 12)}`, key);
  }
}

async function captureSamlMetadata(context: CaptureContext, app: JsonObject, label: string): Promise<void> {
  if (app['signOnMode'] !== 'SAML_2_0') {
    context.recorder.markNotConfigured('app-saml-metadata', 'No captured app uses SAML 2.0.');
    return;
  }
  const appId = String(app['id']);
  const { body } = await context.transport.getText(`/api/v1/apps/${appId}/sso/saml/metadata`, 'application/xml');
  context.recorder.markConfigured('app-saml-metadata');
  context.recorder.add('app-saml-metadata', appId, `${label}: SAML metadata`, body);
}

/**
 * Stores the provisioning connection. An app whose connection reads UNKNOWN, or whose
 * connection endpoint Okta does not serve for it (400 or 404), has no provisioning to capture.
 */
async function captureProvisioning(context: CaptureContext, appId: string, label: string): Promise<void> {
  let connection: JsonObject;
  try {
    connection = await getObject(context, `/api/v1/apps/${appId}/connections/default`);
  } catch (error) {
    if (isNotServed(error)) {
      context.recorder.markNotConfigured('app-provisioning', `Okta has no provisioning connection for ${label}: ${(error as Error).message}`);
      return;
    }
    throw error;
  }
  if (connection['status'] === 'UNKNOWN' || connection['authScheme'] === 'UNKNOWN') {
    context.recorder.markNotConfigured('app-provisioning', `Provisioning is not set up for ${label}.`);
    return;
  }
  context.recorder.markConfigured('app-provisioning');
  context.recorder.add('app-provisioning', appId, `${label}: provisioning connection`, connection);
}

/** Okta returns 400 E0000001 for features when provisioning is off, which means "not configured", not a failure. */
async function captureFeatures(context: CaptureContext, appId: string, label: string): Promise<void> {
  let body: unknown;
  try {
    ({ body } = await context.transport.getJson<unknown>(`/api/v1/apps/${appId}/features`));
  } catch (error) {
    if (error instanceof OktaRequestError && error.status === 400 && error.errorCode === 'E0000001') {
      context.recorder.markNotConfigured('app-feature', `Provisioning is not enabled for ${label}.`);
      return;
    }
    throw error;
  }
  if (!Array.isArray(body)) throw new Error(`GET /api/v1/apps/${appId}/features did not return a JSON array.`);
  context.recorder.markConfigured('app-feature');
  for (const feature of body) {
    if (!isJsonObject(feature)) continue;
    const name = String(feature['name']);
    context.recorder.add('app-feature', `${appId}/${name}`, `${label}: ${name}`, feature);
  }
}

async function captureAppUserSchema(context: CaptureContext, appId: string, label: string): Promise<void> {
  const schema = await getObject(context, `/api/v1/meta/schemas/apps/${appId}/default`);
  context.recorder.add('app-user-schema', appId, `${label}: app user schema`, schema);
}

/** Lists the mappings in both directions (the list omits `properties`), then reads each one whole. */
async function captureProfileMappings(context: CaptureContext, appId: string, scope: CaptureScope): Promise<void> {
  const [toApp, fromApp] = await Promise.all([
    listAllIn(context, `/api/v1/mappings?targetId=${appId}&limit=${MAPPINGS_PAGE}`),
    listAllIn(context, `/api/v1/mappings?sourceId=${appId}&limit=${MAPPINGS_PAGE}`),
  ]);
  const ids = [...new Set([...toApp, ...fromApp].map((mapping) => String(mapping['id'])))];
  const mappings = await mapConcurrently(ids, context.concurrency, (id) => getObject(context, `/api/v1/mappings/${id}`));

  for (const mapping of mappings) {
    const source = mapping['source'];
    const target = mapping['target'];
    if (isJsonObject(source) && source['type'] === 'user') scope.userTypeIds.add(String(source['id']));
    if (isJsonObject(target) && target['type'] === 'user') scope.userTypeIds.add(String(target['id']));
    scope.addExpressionsOf(mapping);
    const name = `${endName(source)} → ${endName(target)}`;
    context.recorder.add('profile-mapping', String(mapping['id']), name, mapping);
  }
}

function endName(end: unknown): string {
  return isJsonObject(end) ? String(end['name'] ?? end['id']) : '?';
}

async function captureGroupAssignments(context: CaptureContext, appId: string, label: string, scope: CaptureScope): Promise<void> {
  const assignments = await listAllIn(context, `/api/v1/apps/${appId}/groups?limit=${APP_GROUPS_PAGE}`);
  for (const assignment of assignments) {
    const groupId = String(assignment['id']);
    scope.groupIds.add(groupId);
    context.recorder.add('app-group-assignment', `${appId}/${groupId}`, `${label}: group ${groupId}`, assignment);
  }
}

/** Keeps only direct (`scope: USER`) assignments; group-scoped app users follow from group assignments and members. */
async function captureUserAssignments(context: CaptureContext, appId: string, label: string): Promise<void> {
  const appUsers = await listAllIn(context, `/api/v1/apps/${appId}/users?limit=${APP_USERS_PAGE}`);
  for (const appUser of appUsers) {
    if (appUser['scope'] !== 'USER') continue;
    const userName = (appUser['credentials'] as JsonObject | undefined)?.['userName'];
    const name = `${label}: ${typeof userName === 'string' ? userName : String(appUser['id'])}`;
    context.recorder.add('app-user-assignment', `${appId}/${String(appUser['id'])}`, name, appUser);
  }
}

async function captureGroupPush(context: CaptureContext, appId: string, label: string, scope: CaptureScope): Promise<void> {
  let mappings: JsonObject[];
  try {
    mappings = await listAllIn(context, `/api/v1/apps/${appId}/group-push/mappings?limit=${GROUP_PUSH_PAGE}`);
  } catch (error) {
    if (isNotServed(error)) {
      context.recorder.markNotConfigured('group-push-mapping', `Okta does not support group push for ${label}: ${(error as Error).message}`);
      return;
    }
    throw error;
  }
  context.recorder.markConfigured('group-push-mapping');
  for (const mapping of mappings) {
    const sourceGroupId = String(mapping['sourceGroupId']);
    scope.groupIds.add(sourceGroupId);
    // The target is the app-side group (APP_GROUP), whose name shows which Atlassian product it grants.
    if (typeof mapping['targetGroupId'] === 'string') scope.groupIds.add(mapping['targetGroupId']);
    context.recorder.add('group-push-mapping', `${appId}/${String(mapping['id'])}`, `${label}: push ${sourceGroupId}`, mapping);
  }
}

/** 400 and 404 from a per-app endpoint mean Okta does not offer that feature for the app. */
function isNotServed(error: unknown): boolean {
  return error instanceof OktaRequestError && (error.status === 400 || error.status === 404);
}
