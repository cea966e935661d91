import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { idOf, objectAt, requireObject, stringsAt } from './drill-json.js';
import type { Drill } from './drill-types.js';
import { accessPolicyIdOf, findAppByLabel, findOktaGroup, PRODUCTION_APP_LABEL, targetMissing } from './org-lookups.js';

const ENGINEERING_GROUP = 'dept-engineering';

/**
 * The stricter device assurance policy the rules are pointed at: macOS 26.4 or later (the seed's
 * baseline requires 14.7) with biometric screen lock only. Reused when a policy of this name exists.
 */
const STRICT_POLICY: JsonObject = {
  name: 'macOS strict: 26.4 and biometric lock',
  platform: 'MACOS',
  osVersion: { minimum: '26.4.0' },
  diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] },
  screenLockType: { include: ['BIOMETRIC'] },
  secureHardwarePresent: true,
};

export const deviceTrustTightening: Drill = {
  name: 'device-trust-tightening',
  title: 'Engineering sign-in rules demand a stricter managed Mac',
  description:
    `Every rule of the production app's sign-in policy that names the group '${ENGINEERING_GROUP}' now requires a ` +
    `registered, managed device that meets the device assurance policy '${String(STRICT_POLICY['name'])}', ` +
    'created if missing. Engineers on the existing macOS and Windows baselines no longer match those rules, so ' +
    'Okta evaluates the rules below them. In the atlassian-stack seed that is \'Staff on registered devices\', ' +
    'which admits them with two factors and without the device-bound and phishing-resistant factors the engineering rules required.',

  async apply(api) {
    const app = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const policyId = accessPolicyIdOf(api, app);
    const engineering = await findOktaGroup(api, ENGINEERING_GROUP);
    const rules = await engineeringRules(api, policyId, idOf(engineering, 'a group'));
    const strictPolicyId = await findOrCreateStrictPolicy(api);

    for (const rule of rules) await requireStrictDevice(api, policyId, rule, strictPolicyId);
    return api.report(this.name);
  },
};

/** Lists the policy's rules whose `people.groups.include` names the group, in priority order. */
async function engineeringRules(api: DrillApi, policyId: string, groupId: string): Promise<JsonObject[]> {
  const rules = await api.list(`/api/v1/policies/${policyId}/rules`);
  const matching = rules.filter((rule) => stringsAt(objectAt(objectAt(objectAt(rule, 'conditions'), 'people'), 'groups'), 'include').includes(groupId));
  if (matching.length === 0) throw targetMissing(api, `rule in the app sign-in policy ${policyId} that includes the group '${ENGINEERING_GROUP}' (${groupId})`);
  return matching;
}

async function findOrCreateStrictPolicy(api: DrillApi): Promise<string> {
  const existing = (await api.list('/api/v1/device-assurances')).find((policy) => policy['name'] === STRICT_POLICY['name']);
  if (existing !== undefined) return idOf(existing, 'a device assurance policy');

  const created = requireObject(await api.post('/api/v1/device-assurances', STRICT_POLICY), 'the new device assurance policy');
  const id = idOf(created, 'the new device assurance policy');
  api.touch({ kind: 'device-assurance', id, name: String(STRICT_POLICY['name']), change: 'created', cause: 'request', detail: 'macOS 26.4 or later, biometric screen lock, disk encryption, secure hardware' });
  return id;
}

/** Replaces the rule whole, with its device condition narrowed to registered, managed devices that meet the strict policy. */
async function requireStrictDevice(api: DrillApi, policyId: string, rule: JsonObject, strictPolicyId: string): Promise<void> {
  const ruleId = idOf(rule, 'a policy rule');
  const conditions = objectAt(rule, 'conditions');
  const device = { ...objectAt(conditions, 'device'), registered: true, managed: true, assurance: { include: [strictPolicyId] } };
  await api.put(`/api/v1/policies/${policyId}/rules/${ruleId}`, { ...rule, conditions: { ...conditions, device } });

  api.touch({
    kind: 'policy-rule',
    id: `${policyId}/${ruleId}`,
    name: String(rule['name']),
    change: 'updated',
    cause: 'request',
    detail: `conditions.device now requires a registered, managed device meeting ${strictPolicyId} only`,
  });
}
