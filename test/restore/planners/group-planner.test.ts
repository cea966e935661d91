import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { group, withBody } from '../../support/impact-snapshot.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, planDirectory, requestLines, restoreAndVerify, sandboxCall, specProblems, stepByKey } from './directory-test-support.js';

const GROUPS = '/api/v1/groups';
const JIRA = '00gJiraSoftware00001';
const JIRA_IMPORTED = '00gJiraImported00001';
const EVERYONE = '00gEveryone000000001';

function described(resource: SnapshotResource, description: string): SnapshotResource {
  return withBody([resource], resource.kind, resource.id, (body) => {
    (body['profile'] as JsonObject)['description'] = description;
  })[0] as SnapshotResource;
}

function withCreated(resource: SnapshotResource, created: string): SnapshotResource {
  return withBody([resource], resource.kind, resource.id, (body) => {
    body['created'] = created;
    body['lastMembershipUpdated'] = created;
  })[0] as SnapshotResource;
}

const groupScope = [{ type: 'kind' as const, kind: 'group' as const }];

describe('group planner: existing groups', () => {
  it('replaces the profile of an Okta group', async () => {
    const desired = [described(group(JIRA, 'jira-software-users'), 'Jira access')];
    const live = [described(group(JIRA, 'jira-software-users'), 'changed')];

    const plan = planDirectory({ desired, live, scope: groupScope });
    const update = stepByKey(plan, `group:${JIRA}:update`);

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}`]);
    expect(update.request.body).toEqual({ profile: { name: 'jira-software-users', description: 'Jira access' } });
    expect(update.check).toEqual({
      path: `${GROUPS}/${JIRA}`,
      fields: [
        { pointer: '/profile/name', value: 'jira-software-users' },
        { pointer: '/profile/description', value: 'Jira access' },
      ],
    });
    expect(await specProblems(plan)).toEqual([]);
  });

  it('server-assigned differences plan nothing', () => {
    const desired = [withCreated(group(JIRA, 'jira-software-users'), '2025-01-01T00:00:00.000Z')];
    const live = [withCreated(group(JIRA, 'jira-software-users'), '2026-01-01T00:00:00.000Z')];

    const plan = planDirectory({ desired, live, scope: groupScope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([]);
  });

  it('field scope keeps the live name', () => {
    const desired = [described(group(JIRA, 'jira-software-users'), 'Jira access')];
    const live = [described(group(JIRA, 'jira-users'), 'changed')];

    const plan = planDirectory({ desired, live, scope: [{ type: 'field', id: JIRA, kind: 'group', pointer: '/profile/description' }] });

    expect(stepByKey(plan, `group:${JIRA}:update`).request.body).toEqual({ profile: { name: 'jira-users', description: 'Jira access' } });
  });

  it('app group profile is a manual step', () => {
    const plan = planDirectory({
      desired: [group(JIRA_IMPORTED, 'jira-software-users', 'APP_GROUP')],
      live: [group(JIRA_IMPORTED, 'jira-users', 'APP_GROUP')],
      scope: groupScope,
    });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps.map((step) => step.title)).toEqual(["Change the profile of group 'jira-software-users' at its source"]);
  });

  it('built-in group profile is left in place', () => {
    const plan = planDirectory({ desired: [described(group(EVERYONE, 'Everyone', 'BUILT_IN'), 'All users')], live: [group(EVERYONE, 'Everyone', 'BUILT_IN')], scope: groupScope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace.map((item) => item.paths)).toEqual([['/profile']]);
  });
});

describe('group planner: missing and extra groups', () => {
  it('deleted Okta group is recreated', async () => {
    const plan = planDirectory({ desired: [described(group(JIRA, 'jira-software-users'), 'Jira access')], live: [], scope: groupScope });
    const create = stepByKey(plan, `group:${JIRA}:create`);

    expect(requestLines(plan)).toEqual([`POST ${GROUPS}`]);
    expect(create.request.body).toEqual({ profile: { name: 'jira-software-users', description: 'Jira access' } });
    expect(create.flags).toEqual(['recreates']);
    expect(create.creates).toEqual({
      kind: 'group',
      desiredId: JIRA,
      idPointer: '/id',
      lookup: { path: `${GROUPS}?search=${encodeURIComponent('type eq "OKTA_GROUP" and profile.name eq "jira-software-users"')}`, pointer: '/profile/name', value: 'jira-software-users' },
    });
    expect(create.check?.path).toBe(`${GROUPS}/${placeholderFor('group', JIRA)}`);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('same-named app group does not block', () => {
    const plan = planDirectory({ desired: [group(JIRA, 'jira-software-users')], live: [group(JIRA_IMPORTED, 'jira-software-users', 'APP_GROUP')], scope: [{ type: 'resource', id: JIRA }] });

    expect(requestLines(plan)).toEqual([`POST ${GROUPS}`]);
  });

  it('same-named Okta group is the same group', () => {
    const plan = planDirectory({ desired: [group(JIRA, 'jira-software-users')], live: [group('00gJiraAgain000000001', 'jira-software-users')], scope: [{ type: 'resource', id: JIRA }] });

    expect(plan.idMatches).toEqual({ [`group:${JIRA}`]: '00gJiraAgain000000001' });
    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toEqual([]);
  });

  it('deleted app group is a manual step', () => {
    const plan = planDirectory({ desired: [group(JIRA_IMPORTED, 'jira-software-users', 'APP_GROUP')], live: [], scope: groupScope });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps[0]?.title).toBe("Import group 'jira-software-users' again");
  });

  it('extra Okta group is deleted only with allow-deletes', () => {
    const live = [group(JIRA, 'jira-software-users')];

    const kept = planDirectory({ desired: [], live, scope: groupScope });
    const deleted = planDirectory({ desired: [], live, scope: groupScope, options: { allowDeletes: true } });

    expect(kept.steps).toEqual([]);
    expect(kept.leftInPlace[0]?.reason).toContain('--allow-deletes');
    expect(requestLines(deleted)).toEqual([`DELETE ${GROUPS}/${JIRA}`]);
    expect(deleted.steps[0]?.flags).toEqual(['deletes']);
    expect(deleted.steps[0]?.description).toContain('INVALID');
  });

  it('extra app and built-in groups are never deleted', () => {
    const live = [group(JIRA_IMPORTED, 'jira-software-users', 'APP_GROUP'), group(EVERYONE, 'Everyone', 'BUILT_IN')];

    const plan = planDirectory({ desired: [], live, scope: groupScope, options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace.map((item) => item.resourceId).sort()).toEqual([EVERYONE, JIRA_IMPORTED].sort());
  });
});

describe('user type planner', () => {
  it('difference is a warning and left in place', () => {
    const userType = (displayName: string): SnapshotResource => ({ kind: 'user-type', id: 'otyDefault0000000001', name: 'User', body: { id: 'otyDefault0000000001', name: 'user', displayName, default: true } });

    const plan = planDirectory({ desired: [userType('User')], live: [userType('Person')], scope: [{ type: 'kind', kind: 'user-type' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['user-type-not-restored']);
    expect(plan.leftInPlace.map((item) => item.resourceId)).toEqual(['otyDefault0000000001']);
  });
});

describe('group planner against the sandbox', () => {
  it('restores a group profile', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const admins = desired.find((resource) => resource.kind === 'group' && resource.name === 'jira-admins');
      if (!admins) throw new Error('The seed has no jira-admins group');
      await sandboxCall(org, 'PUT', `${GROUPS}/${admins.id}`, { profile: { name: 'jira-admins-old', description: 'renamed during an incident' } });
      const live = await captureResources(org);

      const plan = planDirectory({ desired, live, scope: [{ type: 'resource', id: admins.id, kind: 'group' }] });
      expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${admins.id}`]);

      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      expect(verification.checked).toBe(1);
    } finally {
      await org.close();
    }
  });
});
