import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { groupNameOf, idOf, objectAt, stringsAt } from './drill-json.js';
import type { Drill } from './drill-types.js';
import { findAppByLabel, findGroupAssignment, findOktaGroup, pushMappingsOf, PRODUCTION_APP_LABEL, rulesAssigningTo } from './org-lookups.js';

/** Besides site-admins, the only assigned group whose assignment profile grants Bitbucket. */
const DELETED_GROUP = 'bitbucket-users';

export const assignedGroupDeleted: Drill = {
  name: 'assigned-group-deleted',
  title: `The app-assigned group ${DELETED_GROUP} is deleted`,
  description:
    `The Okta group '${DELETED_GROUP}', assigned to the production app with the products Bitbucket, Jira ` +
    'Software and Confluence, is deleted. Okta removes its members, its app assignment and its group push ' +
    'mapping, and the group rules that assign users to it turn INVALID. Its members lose the products that ' +
    'assignment granted them, and those in no other assigned group lose the app.',

  async apply(api) {
    const app = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const appId = idOf(app, 'an app');
    const group = await findOktaGroup(api, DELETED_GROUP);
    const groupId = idOf(group, 'a group');
    const assignment = await findGroupAssignment(api, app, group);
    const pushMappings = await pushMappingsOf(api, appId, groupId);
    const rules = await rulesAssigningTo(api, groupId);

    await api.delete(`/api/v1/groups/${groupId}`);

    api.touch({ kind: 'group', id: groupId, name: DELETED_GROUP, change: 'deleted', cause: 'request', detail: `deleted while assigned to '${String(app['label'])}'` });
    recordSideEffects(api, app, group, assignment, pushMappings, rules);
    return api.report(this.name);
  },
};

/** Records what Okta removes or invalidates along with the group. */
function recordSideEffects(api: DrillApi, app: JsonObject, group: JsonObject, assignment: JsonObject, pushMappings: JsonObject[], rules: JsonObject[]): void {
  const appId = String(app['id']);
  const groupId = String(group['id']);
  const name = groupNameOf(group);
  const products = stringsAt(objectAt(assignment, 'profile'), 'atlassianProducts').join(', ');

  api.touch({ kind: 'group-members', id: groupId, name: `${name}: members`, change: 'deleted', cause: 'side-effect', detail: 'every membership goes with the group' });
  api.touch({
    kind: 'app-group-assignment',
    id: `${appId}/${groupId}`,
    name: `${String(app['label'])}: group ${groupId}`,
    change: 'deleted',
    cause: 'side-effect',
    detail: `the assignment granting ${products || 'no listed products'} goes with the group`,
  });
  for (const mapping of pushMappings) {
    api.touch({ kind: 'group-push-mapping', id: `${appId}/${String(mapping['id'])}`, name: `${String(app['label'])}: push ${groupId}`, change: 'deleted', cause: 'side-effect', detail: 'the push mapping goes with its source group' });
  }
  for (const rule of rules) {
    api.touch({ kind: 'group-rule', id: String(rule['id']), name: String(rule['name']), change: 'updated', cause: 'side-effect', detail: `turns INVALID because it assigns users to the deleted group ${groupId}` });
  }
}
