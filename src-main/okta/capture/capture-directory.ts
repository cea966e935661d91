import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { listAllIn, mapConcurrently, type CaptureContext } from './capture-context.js';
import type { CaptureScope } from './capture-scope.js';

/** Okta's largest page sizes for the directory lists a capture reads. */
const GROUP_RULES_PAGE = 200;
const GROUPS_PAGE = 10_000;
const GROUP_MEMBERS_PAGE = 1000;

/**
 * Captures every group rule that assigns users into a group in scope. A rule's expression and
 * exclusions name more groups; those join the scope, and rules that feed them are captured too,
 * until no new rule qualifies.
 */
export async function captureGroupRules(context: CaptureContext, scope: CaptureScope): Promise<void> {
  await context.recorder.run('group-rule', async () => {
    const rules = await listAllIn(context, `/api/v1/groups/rules?limit=${GROUP_RULES_PAGE}`);
    const included = new Set<string>();
    for (let added = true; added; ) {
      added = false;
      for (const rule of rules) {
        const ruleId = String(rule['id']);
        if (included.has(ruleId) || !targetGroupIds(rule).some((id) => scope.groupIds.has(id))) continue;
        included.add(ruleId);
        added = true;
        scope.addExpressionsOf(rule);
        for (const id of excludedGroupIds(rule)) scope.groupIds.add(id);
        context.recorder.add('group-rule', ruleId, String(rule['name'] ?? ruleId), rule);
      }
    }
  });
}

function targetGroupIds(rule: JsonObject): string[] {
  const actions = rule['actions'];
  const assign = isJsonObject(actions) ? actions['assignUserToGroups'] : undefined;
  const ids = isJsonObject(assign) ? assign['groupIds'] : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function excludedGroupIds(rule: JsonObject): string[] {
  const conditions = rule['conditions'];
  const people = isJsonObject(conditions) ? conditions['people'] : undefined;
  const groups = isJsonObject(people) ? people['groups'] : undefined;
  const ids = isJsonObject(groups) ? groups['exclude'] : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Captures the groups in scope, from one listing of all groups (10,000 a page, so even a large
 * org takes few requests), then each group's members. A member record keeps the id, status,
 * user type and only the profile attributes that rules and mappings read, plus login, email and
 * names. Ids in scope that Okta does not have (a rule naming a deleted group) are logged.
 */
export async function captureGroups(context: CaptureContext, scope: CaptureScope): Promise<void> {
  const { recorder } = context;
  const groups = await recorder.run('group', async () => {
    const all = await listAllIn(context, `/api/v1/groups?limit=${GROUPS_PAGE}`);
    const inScope = all.filter((group) => scope.groupIds.has(String(group['id'])) || scope.followedGroupNames.has(groupName(group)));
    for (const group of inScope) recorder.add('group', String(group['id']), groupName(group), group);
    const missing = [...scope.groupIds].filter((id) => !scope.followedGroupIds.has(id) && !inScope.some((group) => group['id'] === id));
    if (missing.length > 0) context.logger?.warn({ groupIds: missing }, 'captured objects name groups Okta does not have');
    return inScope;
  });
  if (!groups) return;

  await recorder.run('group-members', () =>
    mapConcurrently(groups, context.concurrency, async (group) => {
      const groupId = String(group['id']);
      const members = await listAllIn(context, `/api/v1/groups/${groupId}/users?limit=${GROUP_MEMBERS_PAGE}`);
      const records = members.map((user) => memberRecord(user, scope.userAttributes)).sort(byId);
      recorder.add('group-members', groupId, `${groupName(group)}: members`, records);
    }),
  );
}

function groupName(group: JsonObject): string {
  const profile = group['profile'];
  return isJsonObject(profile) && typeof profile['name'] === 'string' ? profile['name'] : String(group['id']);
}

function memberRecord(user: JsonObject, attributes: Set<string>): JsonObject {
  const profile = isJsonObject(user['profile']) ? user['profile'] : {};
  const kept: JsonObject = {};
  for (const name of [...attributes].sort()) if (profile[name] !== undefined) kept[name] = profile[name];
  const record: JsonObject = { id: String(user['id']), status: user['status'] ?? null, profile: kept };
  if (isJsonObject(user['type'])) record['type'] = { id: user['type']['id'] ?? null };
  return record;
}

function byId(a: JsonObject, b: JsonObject): number {
  const left = String(a['id']);
  const right = String(b['id']);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Captures the org's user types; profile mappings name them as their Okta side. */
export async function captureUserTypes(context: CaptureContext): Promise<void> {
  await context.recorder.run('user-type', async () => {
    const { body } = await context.transport.getJson<unknown>('/api/v1/meta/types/user');
    if (!Array.isArray(body)) throw new Error('GET /api/v1/meta/types/user did not return a JSON array.');
    for (const userType of body) {
      if (isJsonObject(userType)) context.recorder.add('user-type', String(userType['id']), String(userType['displayName'] ?? userType['name'] ?? userType['id']), userType);
    }
  });
}
