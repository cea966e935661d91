import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { groupNameOf, idOf } from './drill-json.js';
import { DrillError, type Drill } from './drill-types.js';
import { findOktaGroup, rulesAssigningTo, targetMissing } from './org-lookups.js';

const AGENT_GROUP = 'CS-jsm-agents';

export const groupRuleCleanup: Drill = {
  name: 'group-rule-cleanup',
  title: `The rule feeding ${AGENT_GROUP} is deleted with its members`,
  description:
    `The ACTIVE group rule that assigns users to '${AGENT_GROUP}' is deactivated and deleted with removeUsers=true, ` +
    'as in a cleanup of rules that look unused. Okta takes back every membership the rule added, so the ' +
    'support agents lose the group and with it their Jira Service Management agent access.',

  async apply(api) {
    const group = await findOktaGroup(api, AGENT_GROUP);
    const groupId = idOf(group, 'a group');
    const rule = await feedingRule(api, groupId);
    const ruleId = idOf(rule, 'a group rule');

    await api.post(`/api/v1/groups/rules/${ruleId}/lifecycle/deactivate`);
    await api.delete(`/api/v1/groups/rules/${ruleId}?removeUsers=true`);

    api.touch({ kind: 'group-rule', id: ruleId, name: String(rule['name']), change: 'deleted', cause: 'request', detail: 'deactivated, then deleted with removeUsers=true' });
    api.touch({
      kind: 'group-members',
      id: groupId,
      name: `${groupNameOf(group)}: members`,
      change: 'updated',
      cause: 'side-effect',
      detail: `Okta removes the members that rule ${ruleId} added`,
    });
    return api.report(this.name);
  },
};

/** Returns the one ACTIVE rule that assigns users to the group. */
async function feedingRule(api: DrillApi, groupId: string): Promise<JsonObject> {
  const active = (await rulesAssigningTo(api, groupId)).filter((rule) => rule['status'] === 'ACTIVE');
  if (active.length === 0) throw targetMissing(api, `ACTIVE group rule that assigns users to '${AGENT_GROUP}' (${groupId})`);
  if (active.length > 1) {
    const names = active.map((rule) => `'${String(rule['name'])}' (${String(rule['id'])})`).join(', ');
    throw new DrillError(`${api.orgUrl} has ${active.length} ACTIVE rules that assign users to '${AGENT_GROUP}': ${names}. The drill deletes exactly one.`);
  }
  return active[0] as JsonObject;
}
