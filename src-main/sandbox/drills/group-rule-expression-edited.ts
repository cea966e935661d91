import { idOf, objectAt, ruleExpressionOf } from './drill-json.js';
import { DrillError, type Drill } from './drill-types.js';
import { findGroupRule } from './org-lookups.js';

/** Assigns users to dept-engineering, jira-software-users and bitbucket-users. */
const EDITED_RULE = 'Engineering department';
const ADDED_CONDITION = 'user.employeeType=="Full-time"';

export const groupRuleExpressionEdited: Drill = {
  name: 'group-rule-expression-edited',
  title: `The rule '${EDITED_RULE}' now matches full-time staff only`,
  description:
    `The expression of the group rule '${EDITED_RULE}' gets '&& ${ADDED_CONDITION}': the rule is deactivated, ` +
    'replaced and activated again, as Okta requires. Engineering contractors, interns and part-timers no longer ' +
    'match the rule that assigns the engineering, Jira Software and Bitbucket groups.',

  async apply(api) {
    const rule = await findGroupRule(api, EDITED_RULE);
    const ruleId = idOf(rule, 'a group rule');
    if (rule['status'] !== 'ACTIVE') throw new DrillError(`The group rule '${EDITED_RULE}' (${ruleId}) is ${String(rule['status'])}; the drill edits an ACTIVE rule.`);
    const previous = ruleExpressionOf(rule);
    const edited = `(${previous}) && ${ADDED_CONDITION}`;

    const conditions = objectAt(rule, 'conditions');
    const expression = { ...objectAt(conditions, 'expression'), value: edited };
    // Okta accepts a replace only while the rule is INACTIVE, and `actions` must stay as they are.
    await api.post(`/api/v1/groups/rules/${ruleId}/lifecycle/deactivate`);
    await api.put(`/api/v1/groups/rules/${ruleId}`, { ...rule, conditions: { ...conditions, expression } });
    await api.post(`/api/v1/groups/rules/${ruleId}/lifecycle/activate`);

    api.touch({ kind: 'group-rule', id: ruleId, name: EDITED_RULE, change: 'updated', cause: 'request', detail: `expression changed from ${previous} to ${edited}` });
    return api.report(this.name);
  },
};
