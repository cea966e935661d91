import type { JsonObject } from '../json/json-types.js';
import { objectAt, stringsField } from './json-fields.js';
import { isMember, type DirectoryUser, type SnapshotIndex } from './snapshot-index.js';

/** A match that may be unknown: `undefined` when the snapshot lacks a group's members or a user's type. */
export type Match = boolean | undefined;

/** The include and exclude lists of one part of a people condition. */
interface IncludeExclude {
  include: string[];
  exclude: string[];
}

/** The user, group and user type lists of a policy's or rule's conditions, read once for many users. */
export interface PeopleCondition {
  users: IncludeExclude;
  groups: IncludeExclude;
  userTypes: IncludeExclude;
}

/** Reads the user, group and user type lists of a policy's or rule's `conditions`. */
export function readPeopleCondition(conditions: JsonObject | undefined): PeopleCondition {
  const people = objectAt(conditions, 'people');
  return {
    users: listsOf(objectAt(people, 'users')),
    groups: listsOf(objectAt(people, 'groups')),
    userTypes: listsOf(objectAt(conditions, 'userType')),
  };
}

/**
 * Tells whether a policy's or rule's people and user type conditions cover a user. Each part
 * that is present must hold (users, groups, user type), an exclusion beats an inclusion, and an
 * empty or missing include list covers everyone.
 */
export function matchesPeople(index: SnapshotIndex, user: DirectoryUser, conditions: JsonObject | undefined): Match {
  return matchesPeopleCondition(index, user, readPeopleCondition(conditions));
}

/** Same as `matchesPeople`, on conditions already read with `readPeopleCondition`. */
export function matchesPeopleCondition(index: SnapshotIndex, user: DirectoryUser, condition: PeopleCondition): Match {
  return allOf([
    matchesList(condition.users, (id) => id === user.id),
    matchesList(condition.groups, (groupId) => isMember(index, user.id, groupId)),
    matchesList(condition.userTypes, (typeId) => (user.typeId === undefined ? undefined : typeId === user.typeId)),
  ]);
}

function listsOf(part: JsonObject | undefined): IncludeExclude {
  return { include: stringsField(part, 'include'), exclude: stringsField(part, 'exclude') };
}

/** True when no excluded item matches and, if there are included items, one of them matches. */
function matchesList({ include, exclude }: IncludeExclude, matches: (item: string) => Match): Match {
  const excluded = anyOf(exclude, matches);
  if (excluded === true) return false;
  const included = include.length === 0 ? true : anyOf(include, matches);
  if (included === false) return false;
  return excluded === undefined || included === undefined ? undefined : true;
}

/** True when any item matches, else undefined when any match is unknown, else false. */
function anyOf(items: readonly string[], matches: (item: string) => Match): Match {
  let unknown = false;
  for (const item of items) {
    const match = matches(item);
    if (match === true) return true;
    if (match === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function allOf(matches: Match[]): Match {
  if (matches.includes(false)) return false;
  return matches.includes(undefined) ? undefined : true;
}
