import type { JsonObject } from '../json/json-types.js';
import { objectAt, stringsField } from './json-fields.js';
import { isMember, type DirectoryUser, type SnapshotIndex } from './snapshot-index.js';

/** A match that may be unknown: `undefined` when the snapshot lacks a group's members or a user's type. */
export type Match = boolean | undefined;

/**
 * Tells whether a policy's or rule's people and user type conditions cover a user. Each part
 * that is present must hold (users, groups, user type), an exclusion beats an inclusion, and an
 * empty or missing include list covers everyone.
 */
export function matchesPeople(index: SnapshotIndex, user: DirectoryUser, conditions: JsonObject | undefined): Match {
  const people = objectAt(conditions, 'people');
  const users = objectAt(people, 'users');
  const groups = objectAt(people, 'groups');
  const userType = objectAt(conditions, 'userType');

  return allOf([
    matchesList(stringsField(users, 'include'), stringsField(users, 'exclude'), (id) => id === user.id),
    matchesList(stringsField(groups, 'include'), stringsField(groups, 'exclude'), (groupId) => isMember(index, user.id, groupId)),
    matchesList(stringsField(userType, 'include'), stringsField(userType, 'exclude'), (typeId) => (user.typeId === undefined ? undefined : typeId === user.typeId)),
  ]);
}

/** True when no excluded item matches and, if there are included items, one of them matches. */
function matchesList(include: string[], exclude: string[], matches: (item: string) => Match): Match {
  const excluded = anyOf(exclude.map(matches));
  if (excluded === true) return false;
  const included = include.length === 0 ? true : anyOf(include.map(matches));
  if (included === false) return false;
  return excluded === undefined || included === undefined ? undefined : true;
}

function anyOf(matches: Match[]): Match {
  if (matches.includes(true)) return true;
  return matches.includes(undefined) ? undefined : false;
}

function allOf(matches: Match[]): Match {
  if (matches.includes(false)) return false;
  return matches.includes(undefined) ? undefined : true;
}
