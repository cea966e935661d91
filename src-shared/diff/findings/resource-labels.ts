import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../../snapshot/snapshot-model.js';
import { groupIdsReferencedBy } from './group-references.js';
import { stringAt } from './json-pointer.js';
import { quoted } from './phrases.js';

/** Both sides of a comparison, whole, so findings can name what a changed resource refers to. */
export interface FindingContext {
  before: SnapshotResource[];
  after: SnapshotResource[];
}

/**
 * Looks up the labels of resources by kind and id: app labels, group and policy names, user
 * logins. The after side wins when both have a resource, so a renamed group reads as it is now.
 * An id that neither side has is returned as it is. It also reports which resources the after
 * side contains and which groups it still names.
 */
export class ResourceLabels {
  private readonly resources = new Map<string, SnapshotResource>();
  private readonly beforeSide: readonly SnapshotResource[];
  private readonly afterSide: readonly SnapshotResource[];
  private afterKeys: Set<string> | undefined;
  private afterGroupReferences: Set<string> | undefined;
  private logins: Map<string, string> | undefined;

  constructor(context: FindingContext) {
    this.beforeSide = context.before;
    this.afterSide = context.after;
    for (const resource of [...context.before, ...context.after]) this.resources.set(keyOf(resource.kind, resource.id), resource);
  }

  find(kind: ResourceKind, id: string): SnapshotResource | undefined {
    return this.resources.get(keyOf(kind, id));
  }

  /** Resources of one kind on the before side. */
  beforeOfKind(kind: ResourceKind): SnapshotResource[] {
    return this.beforeSide.filter((resource) => resource.kind === kind);
  }

  /** Tells whether the after side contains a resource of this kind and id. */
  isOnAfterSide(kind: ResourceKind, id: string): boolean {
    this.afterKeys ??= new Set(this.afterSide.map((resource) => keyOf(resource.kind, resource.id)));
    return this.afterKeys.has(keyOf(kind, id));
  }

  /**
   * Tells whether a resource of the after side still names the group (see `groupIdsReferencedBy`).
   * A group that is gone although something still names it was deleted in Okta. A group that
   * nothing names any more has only left the captured scope.
   */
  isGroupReferencedAfter(groupId: string): boolean {
    this.afterGroupReferences ??= groupIdsReferencedBy(this.afterSide);
    return this.afterGroupReferences.has(groupId);
  }

  nameOf(kind: ResourceKind, id: string): string {
    return this.find(kind, id)?.name ?? id;
  }

  appLabel(appId: string): string {
    return this.nameOf('app', appId);
  }

  groupName(groupId: string): string {
    return this.nameOf('group', groupId);
  }

  /** Names a group in the middle of a sentence: "group 'X'", or "app group 'X'" for an Atlassian-side APP_GROUP. */
  groupPhrase(groupId: string): string {
    return `${groupNoun(this.find('group', groupId)?.body)} ${quoted(this.groupName(groupId))}`;
  }

  policyName(policyId: string): string {
    return this.nameOf('policy', policyId);
  }

  /** Returns a user's login from the member records and direct assignments either side holds, else the id. */
  userLogin(userId: string): string {
    this.logins ??= this.collectLogins();
    return this.logins.get(userId) ?? userId;
  }

  private collectLogins(): Map<string, string> {
    const logins = new Map<string, string>();
    for (const resource of this.resources.values()) {
      if (resource.kind === 'group-members' && Array.isArray(resource.body)) {
        for (const member of resource.body) {
          const login = stringAt(member, '/profile/login');
          if (isJsonObject(member) && typeof member['id'] === 'string' && login !== undefined) logins.set(member['id'], login);
        }
      }
      if (resource.kind === 'app-user-assignment') {
        const userName = stringAt(resource.body, '/credentials/userName');
        if (userName !== undefined) logins.set(childId(resource.id), userName);
      }
    }
    return logins;
  }
}

/**
 * Returns the noun for a group by its body's `type`: "app group" for APP_GROUP (a group in the
 * app, such as the target of a Push Groups mapping), else "group". Okta and app groups can share
 * a name, so a sentence has to make clear which one it means.
 */
export function groupNoun(body: JsonValue | undefined): string {
  return stringAt(body, '/type') === 'APP_GROUP' ? 'app group' : 'group';
}

/** Returns the owner part of an owned resource's id (`<ownerId>/<id>`): the app or policy id. */
export function ownerId(resourceId: string): string {
  const slash = resourceId.indexOf('/');
  return slash < 0 ? resourceId : resourceId.slice(0, slash);
}

/** Returns the part of an owned resource's id after the owner: a key id, group id or rule id. */
export function childId(resourceId: string): string {
  const slash = resourceId.indexOf('/');
  return slash < 0 ? resourceId : resourceId.slice(slash + 1);
}

function keyOf(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}
