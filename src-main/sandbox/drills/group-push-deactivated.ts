import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { idOf } from './drill-json.js';
import { DrillError, type Drill } from './drill-types.js';
import { findAppByLabel, findOktaGroup, pushMappingsOf, PRODUCTION_APP_LABEL, targetMissing } from './org-lookups.js';

const PUSHED_GROUP = 'jira-software-users';

export const groupPushDeactivated: Drill = {
  name: 'group-push-deactivated',
  title: `Group push of ${PUSHED_GROUP} is set INACTIVE`,
  description:
    `The production app's group push mapping for '${PUSHED_GROUP}' is set INACTIVE. Okta stops syncing the ` +
    "group's membership to the Atlassian group that grants Jira Software: people added in Okta do not get it, " +
    'and people removed keep it.',

  async apply(api) {
    const app = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const appId = idOf(app, 'an app');
    const group = await findOktaGroup(api, PUSHED_GROUP);
    const groupId = idOf(group, 'a group');
    const mapping = activeMapping(api, appId, groupId, await pushMappingsOf(api, appId, groupId));
    const mappingId = idOf(mapping, 'a group push mapping');

    await api.patch(`/api/v1/apps/${appId}/group-push/mappings/${mappingId}`, { status: 'INACTIVE' });

    api.touch({ kind: 'group-push-mapping', id: `${appId}/${mappingId}`, name: `${String(app['label'])}: push ${groupId}`, change: 'updated', cause: 'request', detail: 'status changed from ACTIVE to INACTIVE' });
    return api.report(this.name);
  },
};

/** Returns the app's one push mapping of the group, which must be ACTIVE for the drill to change anything. */
function activeMapping(api: DrillApi, appId: string, groupId: string, mappings: JsonObject[]): JsonObject {
  const mapping = mappings[0];
  if (mapping === undefined) throw targetMissing(api, `group push mapping of '${PUSHED_GROUP}' (${groupId}) in the app ${appId}`);
  if (mapping['status'] !== 'ACTIVE') throw new DrillError(`The group push mapping ${String(mapping['id'])} of '${PUSHED_GROUP}' is already ${String(mapping['status'])}.`);
  return mapping;
}
