import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { OktaRequestError } from '../okta-request-error.js';
import { getObject, listAllIn, mapConcurrently, type CaptureContext } from './capture-context.js';
import type { CaptureScope } from './capture-scope.js';

/**
 * Captures the app sign-in policies the apps link to, then the default global session
 * (OKTA_SIGN_ON) policy, which covers every user no other policy catches, and every global
 * session policy whose conditions, or whose rules' conditions, name a group in scope by then,
 * with their rules. The groups, zones and device assurance policies their rules name join the scope.
 */
export async function capturePolicies(context: CaptureContext, scope: CaptureScope): Promise<void> {
  const { recorder } = context;
  await recorder.run('policy', async () => {
    const appPolicies = await mapConcurrently([...scope.policyIds], context.concurrency, (id) => getObject(context, `/api/v1/policies/${id}`));
    const followed = await followedPolicies(context, scope);
    for (const { policy, rules } of await withRules(context, [...appPolicies, ...followed])) recordPolicy(context, scope, policy, rules);

    const sessionPolicies = await listAllIn(context, '/api/v1/policies?type=OKTA_SIGN_ON');
    for (const { policy, rules } of await withRules(context, sessionPolicies)) {
      const isDefault = policy['system'] === true;
      if (isDefault || namesAnyGroup([policy, ...(rules instanceof Error ? [] : rules)], scope.groupIds)) recordPolicy(context, scope, policy, rules);
    }
  });
}

/**
 * Reads the followed policies that no app links to. Global session policies are left to the
 * listing below, which records them by the groups they name.
 */
async function followedPolicies(context: CaptureContext, scope: CaptureScope): Promise<JsonObject[]> {
  if (scope.followedNames.policies.size > 0) {
    const named = await listAllIn(context, '/api/v1/policies?type=ACCESS_POLICY');
    for (const policy of named) if (scope.followedNames.policies.has(String(policy['name']))) scope.followedPolicyIds.add(String(policy['id']));
  }
  const ids = [...scope.followedPolicyIds].filter((id) => !scope.policyIds.has(id));
  const found: JsonObject[] = [];
  await captureEach(context, ids, (id) => `/api/v1/policies/${id}`, (policy) => {
    if (policy['type'] !== 'OKTA_SIGN_ON') found.push(policy);
  });
  return found;
}

function withRules(context: CaptureContext, policies: JsonObject[]): Promise<Array<{ policy: JsonObject; rules: JsonObject[] | Error }>> {
  return mapConcurrently(policies, context.concurrency, async (policy) => ({ policy, rules: await readRules(context, policy) }));
}

async function readRules(context: CaptureContext, policy: JsonObject): Promise<JsonObject[] | Error> {
  try {
    return await listAllIn(context, `/api/v1/policies/${String(policy['id'])}/rules`);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function recordPolicy(context: CaptureContext, scope: CaptureScope, policy: JsonObject, rules: JsonObject[] | Error): void {
  const policyId = String(policy['id']);
  const policyName = String(policy['name'] ?? policyId);
  context.recorder.add('policy', policyId, policyName, policy);
  scope.addConditionReferencesOf(policy);

  if (rules instanceof Error) {
    context.recorder.fail('policy-rule', rules);
    return;
  }
  for (const rule of rules) {
    scope.addConditionReferencesOf(rule);
    scope.addExpressionsOf(rule);
    context.recorder.add('policy-rule', `${policyId}/${String(rule['id'])}`, `${policyName}: ${String(rule['name'] ?? rule['id'])}`, rule);
  }
}

function namesAnyGroup(bodies: JsonObject[], groupIds: Set<string>): boolean {
  for (const body of bodies) {
    const people = isJsonObject(body['conditions']) ? body['conditions']['people'] : undefined;
    const groups = isJsonObject(people) ? people['groups'] : undefined;
    if (!isJsonObject(groups)) continue;
    for (const field of ['include', 'exclude']) {
      const ids = groups[field];
      if (Array.isArray(ids) && ids.some((id) => typeof id === 'string' && groupIds.has(id))) return true;
    }
  }
  return false;
}

/**
 * Captures the network zones and device assurance policies that captured rules name. An id
 * that Okta no longer has (404) is left out and logged: the rule that names it is captured
 * as it is, dangling reference included.
 */
export async function captureRuleReferences(context: CaptureContext, scope: CaptureScope): Promise<void> {
  await Promise.all([
    context.recorder.run('network-zone', async () => {
      await followByName(context, scope.followedNames.zones, '/api/v1/zones', scope.zoneIds);
      await captureEach(context, [...scope.zoneIds], (id) => `/api/v1/zones/${id}`, (zone) => context.recorder.add('network-zone', String(zone['id']), String(zone['name'] ?? zone['id']), zone));
    }),
    context.recorder.run('device-assurance', async () => {
      await followByName(context, scope.followedNames.deviceAssurances, '/api/v1/device-assurances', scope.deviceAssuranceIds);
      await captureEach(context, [...scope.deviceAssuranceIds], (id) => `/api/v1/device-assurances/${id}`, (policy) =>
        context.recorder.add('device-assurance', String(policy['id']), String(policy['name'] ?? policy['id']), policy),
      );
    }),
  ]);
}

/** Adds to `ids` the objects of a list whose name is followed; no request when none is. */
async function followByName(context: CaptureContext, names: ReadonlySet<string>, listPath: string, ids: Set<string>): Promise<void> {
  if (names.size === 0) return;
  for (const item of await listAllIn(context, listPath)) if (names.has(String(item['name']))) ids.add(String(item['id']));
}

async function captureEach(context: CaptureContext, ids: string[], pathOf: (id: string) => string, record: (body: JsonObject) => void): Promise<void> {
  await mapConcurrently(ids, context.concurrency, async (id) => {
    try {
      record(await getObject(context, pathOf(id)));
    } catch (error) {
      if (error instanceof OktaRequestError && error.status === 404) {
        context.logger?.warn({ id, path: pathOf(id) }, 'a captured rule names an object Okta does not have');
        return;
      }
      throw error;
    }
  });
}
