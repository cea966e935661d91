import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { notFound, validationFailed } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';

/** The app group a new push mapping pushes to: an existing one, or one to create with the mapping. */
export interface PushTarget {
  groupId: string;
  /** The APP_GROUP to store when the mapping is created; absent when the target exists. */
  newGroup?: JsonObject;
}

/**
 * Resolves the target of a create request, which names exactly one of `targetGroupId` and
 * `targetGroupName`. An id must name an APP_GROUP of this app. A name links to the app's
 * APP_GROUP of that name, or else describes a new one. Either way, no other mapping may push
 * to the target. Nothing is stored here, so that a rejected request changes nothing.
 */
export function resolvePushTarget(state: OrgState, appId: string, body: JsonObject): PushTarget {
  const id = body['targetGroupId'];
  const name = body['targetGroupName'];
  if ((typeof id === 'string') === (typeof name === 'string')) {
    throw validationFailed('targetGroupId', ['targetGroupId, targetGroupName: Give exactly one of the two.']);
  }

  const target = typeof id === 'string' ? existingTarget(state, appId, id) : targetNamed(state, appId, String(name));
  rejectPushedTarget(state, target.groupId);
  return target;
}

function existingTarget(state: OrgState, appId: string, groupId: string): PushTarget {
  const group = state.groups.get(groupId);
  if (!group) throw notFound(`${groupId} (Group)`);
  if (group['type'] !== 'APP_GROUP') {
    throw validationFailed('targetGroupId', [`targetGroupId: Group ${groupId} has type ${String(group['type'])}, but a push target must be an APP_GROUP.`]);
  }
  const sourceAppId = sourceAppOf(group);
  if (sourceAppId !== undefined && sourceAppId !== appId) {
    throw validationFailed('targetGroupId', [`targetGroupId: Group ${groupId} belongs to app ${sourceAppId}, not to ${appId}.`]);
  }
  return { groupId };
}

/** Links to this app's APP_GROUP with the name, or describes a new one as Okta creates it in the app. */
function targetNamed(state: OrgState, appId: string, name: string): PushTarget {
  if (name.trim() === '') throw validationFailed('targetGroupName', ['targetGroupName: The field cannot be left blank']);
  const existing = [...state.groups.values()].find(
    (group) => group['type'] === 'APP_GROUP' && sourceAppOf(group) === appId && isJsonObject(group['profile']) && group['profile']['name'] === name,
  );
  if (existing) return { groupId: String(existing['id']) };

  const now = state.nowIso();
  const newGroup: JsonObject = {
    id: state.newId('group'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    objectClass: ['okta:app_group'],
    type: 'APP_GROUP',
    profile: { name },
    source: { id: appId },
  };
  return { groupId: String(newGroup['id']), newGroup };
}

function rejectPushedTarget(state: OrgState, groupId: string): void {
  for (const mappings of state.groupPushMappings.values()) {
    for (const mapping of mappings.values()) {
      if (mapping['targetGroupId'] !== groupId) continue;
      throw validationFailed('targetGroupId', [`targetGroupId: Group ${groupId} is already the target of group push mapping ${String(mapping['id'])}.`]);
    }
  }
}

/** Returns `source.id` of an app group: the app it belongs to. */
function sourceAppOf(group: JsonObject): string | undefined {
  const source = group['source'];
  return isJsonObject(source) && typeof source['id'] === 'string' ? source['id'] : undefined;
}
