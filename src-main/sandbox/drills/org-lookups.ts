import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { groupNameOf, idOf, objectAt, ruleTargetIds } from './drill-json.js';
import { DrillError } from './drill-types.js';

/** Label of the production Atlassian Cloud app in the `atlassian-stack` seed. */
export const PRODUCTION_APP_LABEL = 'Atlassian Cloud';

/** Builds the error for a drill target the org does not have. */
export function targetMissing(api: DrillApi, target: string): DrillError {
  return new DrillError(`${api.orgUrl} has no ${target}. The drills are written for the sandbox seed 'atlassian-stack'.`);
}

/** Finds the app with exactly this label. Okta's `q` matches the start of a label, so the exact match is picked here. */
export async function findAppByLabel(api: DrillApi, label: string): Promise<JsonObject> {
  const apps = await api.list(`/api/v1/apps?${new URLSearchParams({ q: label, limit: '200' })}`);
  const app = apps.find((candidate) => candidate['label'] === label);
  if (app === undefined) throw targetMissing(api, `app labelled '${label}'`);
  return app;
}

/**
 * Finds the one Okta-mastered group (`OKTA_GROUP`) with this name. An app group pushed from it
 * may share the name, and is skipped. Two Okta groups with the name make the target ambiguous.
 */
export async function findOktaGroup(api: DrillApi, name: string): Promise<JsonObject> {
  const groups = await api.list(`/api/v1/groups?${new URLSearchParams({ q: name })}`);
  const matches = groups.filter((group) => group['type'] === 'OKTA_GROUP' && groupNameOf(group) === name);
  if (matches.length === 0) throw targetMissing(api, `Okta group (type OKTA_GROUP) named '${name}'`);
  if (matches.length > 1) {
    const ids = matches.map((group) => String(group['id'])).join(', ');
    throw new DrillError(`${api.orgUrl} has ${matches.length} Okta groups named '${name}' (${ids}), so the drill cannot tell which one to change.`);
  }
  return matches[0] as JsonObject;
}

/** Finds the group rule with exactly this name; Okta keeps rule names unique within an org. */
export async function findGroupRule(api: DrillApi, name: string): Promise<JsonObject> {
  const rules = await api.list(`/api/v1/groups/rules?${new URLSearchParams({ search: name, limit: '200' })}`);
  const rule = rules.find((candidate) => candidate['name'] === name);
  if (rule === undefined) throw targetMissing(api, `group rule named '${name}'`);
  return rule;
}

/** Lists the group rules whose actions assign users to the group. */
export async function rulesAssigningTo(api: DrillApi, groupId: string): Promise<JsonObject[]> {
  const rules = await api.list('/api/v1/groups/rules?limit=200');
  return rules.filter((rule) => ruleTargetIds(rule).includes(groupId));
}

/** Returns the app's assignment of the group, or throws naming both when the group is not assigned. */
export async function findGroupAssignment(api: DrillApi, app: JsonObject, group: JsonObject): Promise<JsonObject> {
  const appId = idOf(app, 'an app');
  const assignments = await api.list(`/api/v1/apps/${appId}/groups?limit=200`);
  const assignment = assignments.find((candidate) => candidate['id'] === group['id']);
  if (assignment === undefined) {
    throw targetMissing(api, `assignment of the group '${groupNameOf(group)}' (${String(group['id'])}) to the app '${String(app['label'])}' (${appId})`);
  }
  return assignment;
}

/** Lists the app's group push mappings whose source is the group. */
export async function pushMappingsOf(api: DrillApi, appId: string, groupId: string): Promise<JsonObject[]> {
  return api.list(`/api/v1/apps/${appId}/group-push/mappings?${new URLSearchParams({ sourceGroupId: groupId })}`);
}

/** Returns the id of the app's sign-in (ACCESS_POLICY) policy, read from the app's `accessPolicy` link. */
export function accessPolicyIdOf(api: DrillApi, app: JsonObject): string {
  const href = objectAt(objectAt(app, '_links'), 'accessPolicy')['href'];
  const policyId = typeof href === 'string' ? new URL(href, api.orgUrl).pathname.split('/').pop() : undefined;
  if (!policyId) throw targetMissing(api, `app sign-in policy linked from the app '${String(app['label'])}' (${String(app['id'])})`);
  return policyId;
}
