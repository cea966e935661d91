import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { group, member, members } from '../../support/impact-snapshot.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import {
  captureResources,
  expectRunsBefore,
  groupRule,
  OTHER_ORG_URL,
  planDirectory,
  requestLines,
  restoreAndVerify,
  sandboxCall,
  specProblems,
  stepByKey,
} from './directory-test-support.js';

const GROUPS = '/api/v1/groups';
const JIRA = '00gJiraSoftware00001';
const RULE = '0prEngineering000001';
const ada = member('00uAda00000000000001', { department: 'Engineering' });
const bo = member('00uBo000000000000001', { department: 'Sales' });
const cy = member('00uCy000000000000001', { department: 'Sales' });

const jira = group(JIRA, 'jira-software-users');
const membersScope = [{ type: 'resource' as const, id: JIRA, kind: 'group-members' as const }];

function idOf(record: JsonObject): string {
  return String(record['id']);
}

describe('group members planner: additions', () => {
  it('adds missing members', async () => {
    const plan = planDirectory({ desired: [jira, members(JIRA, [ada, bo])], live: [jira, members(JIRA, [ada])], scope: membersScope });
    const step = stepByKey(plan, `group-members:${JIRA}:add-member:${idOf(bo)}`);

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}/users/${idOf(bo)}`]);
    expect(step.request.body).toBeUndefined();
    expect(step.description).toContain(String((bo['profile'] as JsonObject)['login']));
    expect(await specProblems(plan)).toEqual([]);
  });

  it('leaves members an active rule assigns to it', () => {
    const rule = groupRule(RULE, 'Engineering department', [JIRA], 'user.department=="Engineering"');

    const plan = planDirectory({ desired: [jira, members(JIRA, [ada, bo]), rule], live: [jira, members(JIRA, []), rule], scope: membersScope });

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}/users/${idOf(bo)}`]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['members-left-to-rule']);
    expect(plan.warnings[0]?.message).toContain("group rule 'Engineering department'");
  });

  it('adds members an inactive rule would match', () => {
    const rule = groupRule(RULE, 'Engineering department', [JIRA], 'user.department=="Engineering"', 'INACTIVE');

    const plan = planDirectory({ desired: [jira, members(JIRA, [ada]), rule], live: [jira, members(JIRA, []), rule], scope: membersScope });

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}/users/${idOf(ada)}`]);
  });

  it('adds members a rule excludes', () => {
    const rule = groupRule(RULE, 'Engineering department', [JIRA], 'user.department=="Engineering"', 'ACTIVE', [idOf(ada)]);

    const plan = planDirectory({ desired: [jira, members(JIRA, [ada]), rule], live: [jira, members(JIRA, []), rule], scope: membersScope });

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}/users/${idOf(ada)}`]);
  });

  it('adds members when the expression cannot be evaluated', () => {
    const rule = groupRule(RULE, 'Engineering department', [JIRA], 'String.len(user.department) > 3');

    const plan = planDirectory({ desired: [jira, members(JIRA, [ada]), rule], live: [jira, members(JIRA, []), rule], scope: membersScope });

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${JIRA}/users/${idOf(ada)}`]);
  });

  it('members of a recreated group wait for it', () => {
    const plan = planDirectory({ desired: [jira, members(JIRA, [ada])], live: [], scope: [{ type: 'resource', id: JIRA }] });

    expect(requestLines(plan)).toEqual([`POST ${GROUPS}`, `PUT ${GROUPS}/${placeholderFor('group', JIRA)}/users/${idOf(ada)}`]);
    expectRunsBefore(plan, `group:${JIRA}:create`, `group-members:${JIRA}:add-member:${idOf(ada)}`);
  });
});

describe('group members planner: removals', () => {
  it('extra members stay without allow-deletes', () => {
    const plan = planDirectory({ desired: [jira, members(JIRA, [ada])], live: [jira, members(JIRA, [ada, bo, cy])], scope: membersScope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toHaveLength(1);
    expect(plan.leftInPlace[0]?.paths).toEqual([`/${idOf(bo)}`, `/${idOf(cy)}`]);
    expect(plan.leftInPlace[0]?.reason).toContain('--allow-deletes');
  });

  it('extra members are removed with allow-deletes', async () => {
    const plan = planDirectory({ desired: [jira, members(JIRA, [ada])], live: [jira, members(JIRA, [ada, bo])], scope: membersScope, options: { allowDeletes: true } });

    expect(requestLines(plan)).toEqual([`DELETE ${GROUPS}/${JIRA}/users/${idOf(bo)}`]);
    expect(plan.steps[0]?.flags).toEqual(['deletes']);
    expect(plan.steps[0]?.action).toBe('remove-member');
    expect(await specProblems(plan)).toEqual([]);
  });

  it('never removes a member an active rule assigns', () => {
    const rule = groupRule(RULE, 'Engineering department', [JIRA], 'user.department=="Engineering"');

    const plan = planDirectory({ desired: [jira, members(JIRA, []), rule], live: [jira, members(JIRA, [ada, bo]), rule], scope: membersScope, options: { allowDeletes: true } });

    expect(requestLines(plan)).toEqual([`DELETE ${GROUPS}/${JIRA}/users/${idOf(bo)}`]);
    expect(plan.leftInPlace.map((item) => item.paths)).toEqual([[`/${idOf(ada)}`]]);
    expect(plan.leftInPlace[0]?.reason).toContain('Engineering department');
  });

  it('removals wait for a failed section', () => {
    const plan = planDirectory({ desired: [jira, members(JIRA, [])], live: [jira, members(JIRA, [bo])], scope: membersScope, options: { allowDeletes: true }, failedLiveSections: ['group-members'] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('captured complete');
  });
});

describe('group members planner: group types and other orgs', () => {
  it('app group members are a manual step', () => {
    const imported = group(JIRA, 'jira-software-users', 'APP_GROUP');

    const plan = planDirectory({ desired: [imported, members(JIRA, [ada])], live: [imported, members(JIRA, [])], scope: membersScope });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps[0]?.title).toBe("Restore the members of group 'jira-software-users' at its source");
  });

  it('built-in group members are left in place', () => {
    const everyone = group(JIRA, 'Everyone', 'BUILT_IN');

    const plan = planDirectory({ desired: [everyone, members(JIRA, [ada])], live: [everyone, members(JIRA, [])], scope: membersScope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('BUILT_IN');
  });

  it('matches users by login in another org', () => {
    const liveJira = '00gJiraThere00000001';
    const adaThere = { ...ada, id: '00uAdaThere000000001' };
    const boThere = { ...bo, id: '00uBoThere0000000001' };
    const other = group('00gOther000000000001', 'other');
    const desired: SnapshotResource[] = [jira, members(JIRA, [ada, bo, cy])];
    const live: SnapshotResource[] = [group(liveJira, 'jira-software-users'), members(liveJira, [adaThere]), other, members('00gOther000000000001', [boThere])];

    const plan = planDirectory({ desired, live, scope: membersScope, liveOrgUrl: OTHER_ORG_URL });

    expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${liveJira}/users/00uBoThere0000000001`]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['member-not-in-target-org']);
    expect(plan.warnings[0]?.message).toContain(String((cy['profile'] as JsonObject)['login']));
  });
});

describe('group members planner against the sandbox', () => {
  it('restores direct members', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const admins = desired.find((resource) => resource.kind === 'group' && resource.name === 'jira-admins');
      const adminMembers = desired.find((resource) => resource.kind === 'group-members' && resource.id === admins?.id);
      const outsider = desired.find((resource) => resource.kind === 'group-members' && resource.id !== admins?.id && Array.isArray(resource.body) && resource.body.length > 0);
      if (!admins || !Array.isArray(adminMembers?.body) || !Array.isArray(outsider?.body)) throw new Error('The seed lacks jira-admins or another group with members');
      const [removed] = adminMembers.body as JsonObject[];
      const added = (outsider.body as JsonObject[]).find((record) => !(adminMembers.body as JsonObject[]).some((admin) => admin['id'] === record['id']));
      if (!removed || !added) throw new Error('The seed has no member to move');
      await sandboxCall(org, 'DELETE', `${GROUPS}/${admins.id}/users/${idOf(removed)}`);
      await sandboxCall(org, 'PUT', `${GROUPS}/${admins.id}/users/${idOf(added)}`);
      const live = await captureResources(org);

      const plan = planDirectory({ desired, live, scope: [{ type: 'resource', id: admins.id, kind: 'group-members' }], options: { allowDeletes: true } });
      expect(requestLines(plan)).toEqual([`PUT ${GROUPS}/${admins.id}/users/${idOf(removed)}`, `DELETE ${GROUPS}/${admins.id}/users/${idOf(added)}`]);

      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      expect(verification.checked).toBe(1);
    } finally {
      await org.close();
    }
  });
});
