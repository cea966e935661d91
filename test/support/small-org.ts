import type { JsonObject } from '../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../src-shared/okta/ids.js';
import { emptySeed } from '../../src-main/sandbox/seed/empty-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';

export const SMALL_ORG = {
  appId: deriveOktaId('app', 'small:app'),
  groupId: deriveOktaId('group', 'small:jira'),
  userTypeId: deriveOktaId('userType', 'small:user'),
};

/** Builds a user as Okta returns it, minus `_links`. */
export function testUser(index: number, department = 'Engineering'): JsonObject {
  const login = `user${String(index).padStart(3, '0')}@example.test`;
  return {
    id: deriveOktaId('user', `small:user:${index}`),
    status: 'ACTIVE',
    created: '2025-01-01T00:00:00.000Z',
    activated: '2025-01-01T00:00:00.000Z',
    statusChanged: '2025-01-01T00:00:00.000Z',
    lastLogin: null,
    lastUpdated: '2025-01-01T00:00:00.000Z',
    passwordChanged: null,
    type: { id: SMALL_ORG.userTypeId },
    profile: { firstName: 'Test', lastName: `User ${index}`, email: login, login, department },
  };
}

/**
 * A small org for server-level tests: one SAML app assigned to one group of `userCount` users,
 * with the default user type. The app has no signing key, so tests that need one generate it.
 */
export function smallOrgSeed(userCount = 12): SandboxSeed {
  const seed = emptySeed('small');
  const users = Array.from({ length: userCount }, (_, index) => testUser(index));
  seed.users = users;
  seed.userTypes = [{ id: SMALL_ORG.userTypeId, name: 'user', displayName: 'User', description: 'Okta user profile', default: true, createdBy: 'system', created: '2025-01-01T00:00:00.000Z', lastUpdatedBy: 'system', lastUpdated: '2025-01-01T00:00:00.000Z' }];
  seed.groups = [
    {
      id: SMALL_ORG.groupId,
      created: '2025-01-01T00:00:00.000Z',
      lastUpdated: '2025-01-01T00:00:00.000Z',
      lastMembershipUpdated: '2025-01-01T00:00:00.000Z',
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP',
      profile: { name: 'jira-software-users', description: 'Jira Software product access' },
    },
  ];
  seed.groupMembers = { [SMALL_ORG.groupId]: users.map((user) => String(user['id'])) };
  seed.apps = [
    {
      id: SMALL_ORG.appId,
      name: 'atlassian',
      label: 'Atlassian Cloud',
      status: 'ACTIVE',
      signOnMode: 'SAML_2_0',
      created: '2025-01-01T00:00:00.000Z',
      lastUpdated: '2025-01-01T00:00:00.000Z',
      accessibility: { selfService: false },
      visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
      features: [],
      credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: {} },
      settings: { app: { siteUrl: 'https://example.atlassian.net' }, signOn: { ssoAcsUrl: 'https://example.atlassian.net/acs', audience: 'https://example.atlassian.net' } },
    },
  ];
  seed.appGroupAssignments = {
    [SMALL_ORG.appId]: [{ id: SMALL_ORG.groupId, priority: 0, lastUpdated: '2025-01-01T00:00:00.000Z', profile: {} }],
  };
  return seed;
}
