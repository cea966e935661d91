/**
 * Builders of users, groups and group rules shaped as the Okta Management API returns them
 * (minus `_links`), for tests that put a few of them in an empty seed.
 */
import { expect } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../src-shared/okta/ids.js';
import { emptySeed } from '../../src-main/sandbox/seed/empty-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { formatValidationErrors, loadOktaSpec } from './okta-spec.js';

const SEEDED_AT = '2025-01-01T00:00:00.000Z';

export type GroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';

export function groupId(name: string): string {
  return deriveOktaId('group', `directory:group:${name}`);
}

export function userId(name: string): string {
  return deriveOktaId('user', `directory:user:${name}`);
}

export function ruleId(name: string): string {
  return deriveOktaId('groupRule', `directory:rule:${name}`);
}

export function seedGroup(name: string, type: GroupType = 'OKTA_GROUP'): JsonObject {
  const objectClass = type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group';
  return {
    id: groupId(name),
    created: SEEDED_AT,
    lastUpdated: SEEDED_AT,
    lastMembershipUpdated: SEEDED_AT,
    objectClass: [objectClass],
    type,
    profile: { name, description: `${name} (seeded)` },
  };
}

/** Builds a user whose login is `<name>@example.test`. `status` defaults to ACTIVE. */
export function seedUser(name: string, department: string, status = 'ACTIVE'): JsonObject {
  const login = `${name}@example.test`;
  return {
    id: userId(name),
    status,
    created: SEEDED_AT,
    activated: SEEDED_AT,
    statusChanged: SEEDED_AT,
    lastLogin: null,
    lastUpdated: SEEDED_AT,
    passwordChanged: null,
    type: { id: deriveOktaId('userType', 'directory:user') },
    profile: { firstName: name, lastName: 'Tester', email: login, login, department },
  };
}

export function seedRule(name: string, targetGroupIds: string[], status = 'ACTIVE', expression = 'user.department=="Engineering"'): JsonObject {
  return {
    type: 'group_rule',
    id: ruleId(name),
    status,
    name,
    created: SEEDED_AT,
    lastUpdated: SEEDED_AT,
    conditions: {
      people: { users: { exclude: [] }, groups: { exclude: [] } },
      expression: { value: expression, type: 'urn:okta:expression:1.0' },
    },
    actions: { assignUserToGroups: { groupIds: targetGroupIds } },
  };
}

/** Returns an empty seed with these users and groups. `members` maps a group name to user names. */
export function directorySeed(users: JsonObject[], groups: JsonObject[], members: Record<string, string[]> = {}): SandboxSeed {
  const seed = emptySeed('directory');
  seed.users = users;
  seed.groups = groups;
  seed.groupMembers = Object.fromEntries(Object.entries(members).map(([group, names]) => [groupId(group), names.map(userId)]));
  return seed;
}

/** Fails the test unless the response matches the Okta spec for its operation and status. */
export async function expectMatchesSpec(method: string, path: string, status: number, body: unknown): Promise<void> {
  const spec = await loadOktaSpec();
  const result = spec.validateResponse({ method, path, status, body: body === '' ? undefined : body });
  expect(result.valid, `${method} ${path} ${status}:\n${formatValidationErrors(result)}`).toBe(true);
}

/** Reads a whole SDK collection, following every `next` link. A null item fails the test. */
export async function collect<T>(collection: AsyncIterable<T | null>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) {
    if (item === null) throw new Error('The SDK collection yielded null instead of an item.');
    items.push(item);
  }
  return items;
}
