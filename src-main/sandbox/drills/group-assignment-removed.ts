import { groupNameOf, idOf, objectAt, stringsAt } from './drill-json.js';
import type { Drill } from './drill-types.js';
import { findAppByLabel, findGroupAssignment, findOktaGroup, PRODUCTION_APP_LABEL } from './org-lookups.js';

/** The broadest assignment: for most of its members it is the only route to Confluence and to the app. */
const UNASSIGNED_GROUP = 'confluence-users';

export const groupAssignmentRemoved: Drill = {
  name: 'group-assignment-removed',
  title: `The app assignment of ${UNASSIGNED_GROUP} is removed`,
  description:
    `The assignment of the group '${UNASSIGNED_GROUP}' to the production app is removed; the group and its ` +
    'members stay. Members who are in no other assigned group lose the app, and with it Confluence.',

  async apply(api) {
    const app = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const appId = idOf(app, 'an app');
    const group = await findOktaGroup(api, UNASSIGNED_GROUP);
    const groupId = idOf(group, 'a group');
    const assignment = await findGroupAssignment(api, app, group);

    await api.delete(`/api/v1/apps/${appId}/groups/${groupId}`);

    const products = stringsAt(objectAt(assignment, 'profile'), 'atlassianProducts').join(', ');
    api.touch({
      kind: 'app-group-assignment',
      id: `${appId}/${groupId}`,
      name: `${String(app['label'])}: group ${groupId}`,
      change: 'deleted',
      cause: 'request',
      detail: `'${groupNameOf(group)}' no longer assigned (it granted ${products || 'no listed products'})`,
    });
    return api.report(this.name);
  },
};
