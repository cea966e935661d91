import { describe, expect, it } from 'vitest';
import { objectAt, stringAt, stringsAt } from '../../../src-shared/diff/findings/json-pointer.js';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import { memberRecords, recordId } from '../../../src-shared/restore/planners/directory-members.js';
import { verifyRestore } from '../../../src-shared/restore/verify-restore.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { group, member, members, withBody } from '../../support/impact-snapshot.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import {
  captureResources,
  expectRunsBefore,
  groupRule,
  OTHER_ORG_URL,
  planDirectory,
  requestLines,
  runPlanOnSandbox,
  sandboxCall,
  specProblems,
  stepByKey,
  sectionsOf,
} from './directory-test-support.js';

const RULES = '/api/v1/groups/rules';
const JIRA = '00gJiraSoftware00001';
const ENG = '00gEngineering000001';
const JSM = '00gJsmAgents00000001';
const OVERRIDES = '00gOverrides00000001';
const RULE = '0prEngineering000001';
const OTHER_RULE = '0prProduct0000000001';
const ENG_EXPRESSION = 'user.department=="Engineering"';

const GROUPS: SnapshotResource[] = [group(JIRA, 'jira-software-users'), group(ENG, 'dept-engineering')];
const RULE_PATH = `${RULES}/${RULE}`;
const NEW_RULE_PATH = `${RULES}/${placeholderFor('group-rule', RULE)}`;

function ruleScope() {
  return [{ type: 'resource' as const, id: RULE, kind: 'group-rule' as const }];
}

describe('group rule planner: edits', () => {
  it('edits an ACTIVE rule through deactivate, update, activate', async () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], 'user.department=="Eng"')];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(requestLines(plan)).toEqual([`POST ${RULE_PATH}/lifecycle/deactivate`, `PUT ${RULE_PATH}`, `POST ${RULE_PATH}/lifecycle/activate`]);
    expect(stepByKey(plan, `group-rule:${RULE}:update`).dependsOn).toEqual([`group-rule:${RULE}:deactivate`]);
    expect(stepByKey(plan, `group-rule:${RULE}:activate`).dependsOn).toEqual([`group-rule:${RULE}:update`]);
    expect(stepByKey(plan, `group-rule:${RULE}:update`).request.body).toEqual({
      type: 'group_rule',
      name: 'Engineering department',
      conditions: {
        people: { users: { exclude: [] }, groups: { exclude: [] } },
        expression: { value: ENG_EXPRESSION, type: 'urn:okta:expression:1.0' },
      },
      actions: { assignUserToGroups: { groupIds: [JIRA] } },
    });
    expect(await specProblems(plan)).toEqual([]);
  });

  it('update check names the restored fields', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineering', [JIRA], ENG_EXPRESSION, 'INACTIVE')];

    const plan = planDirectory({ desired, live, scope: ruleScope() });
    const update = stepByKey(plan, `group-rule:${RULE}:update`);

    expect(requestLines(plan)).toEqual([`PUT ${RULE_PATH}`, `POST ${RULE_PATH}/lifecycle/activate`]);
    expect(update.check?.path).toBe(RULE_PATH);
    expect(update.check?.fields).toContainEqual({ pointer: '/name', value: 'Engineering department' });
    expect(update.check?.fields).toContainEqual({ pointer: '/conditions/expression/value', value: ENG_EXPRESSION });
    expect(update.check?.fields.map((field) => field.pointer)).not.toContain('/status');
  });

  it('keeps the live order of unchanged targets', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [ENG, JIRA], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA, ENG], 'user.department=="Eng"', 'INACTIVE')];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(stepByKey(plan, `group-rule:${RULE}:update`).request.body).toMatchObject({ actions: { assignUserToGroups: { groupIds: [JIRA, ENG] } } });
  });

  it('status-only difference is one lifecycle step', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION, 'INACTIVE')];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION, 'ACTIVE')];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(requestLines(plan)).toEqual([`POST ${RULE_PATH}/lifecycle/deactivate`]);
    expect(plan.steps[0]?.check).toEqual({ path: RULE_PATH, fields: [{ pointer: '/status', value: 'INACTIVE' }] });
    expect(plan.steps[0]?.flags).toEqual([]);
  });

  it('expression scope sends the live name', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineers', [JIRA], 'user.department=="Eng"', 'INACTIVE')];

    const plan = planDirectory({ desired, live, scope: [{ type: 'field', id: RULE, kind: 'group-rule', pointer: '/conditions/expression/value' }] });
    const update = stepByKey(plan, `group-rule:${RULE}:update`);

    expect(requestLines(plan)).toEqual([`PUT ${RULE_PATH}`]);
    expect(update.request.body).toMatchObject({ name: 'Engineers', conditions: { expression: { value: ENG_EXPRESSION } } });
    expect(update.check?.fields).toEqual([{ pointer: '/conditions/expression/value', value: ENG_EXPRESSION }]);
  });

  it('rename onto taken name is manual', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineers', [JIRA], ENG_EXPRESSION), groupRule(OTHER_RULE, 'Engineering department', [ENG], ENG_EXPRESSION)];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toHaveLength(1);
    expect(plan.manualSteps[0]?.instructions.join(' ')).toContain(OTHER_RULE);
    expect(plan.manualSteps[0]?.blocksVerification).toBe(true);
  });
});

describe('group rule planner: target changes', () => {
  it('replaces rule under temporary name, keeping users', async () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA, ENG], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(requestLines(plan)).toEqual([
      `POST ${RULES}`,
      `POST ${NEW_RULE_PATH}/lifecycle/activate`,
      `POST ${RULE_PATH}/lifecycle/deactivate`,
      `DELETE ${RULE_PATH}?removeUsers=false`,
      `POST ${NEW_RULE_PATH}/lifecycle/deactivate`,
      `PUT ${NEW_RULE_PATH}`,
      `POST ${NEW_RULE_PATH}/lifecycle/activate`,
    ]);
    for (const step of plan.steps) expect(step.flags).toEqual(['replaces-rule']);

    const create = stepByKey(plan, `group-rule:${RULE}:create:replacement`);
    expect(create.request.body).toMatchObject({ name: `Butterfly restore ${RULE}`, actions: { assignUserToGroups: { groupIds: [JIRA, ENG] } } });
    expect(create.creates).toEqual({
      kind: 'group-rule',
      desiredId: RULE,
      idPointer: '/id',
      lookup: { path: `${RULES}?search=${encodeURIComponent(`Butterfly restore ${RULE}`)}`, pointer: '/name', value: `Butterfly restore ${RULE}` },
    });
    expect(create.description).toContain('temporary name');

    const remove = stepByKey(plan, `group-rule:${RULE}:delete:replaced`);
    expect(remove.description).toContain('users keep the group memberships');
    expect(remove.check).toEqual({ path: RULE_PATH, fields: [], absent: true });
    expect(stepByKey(plan, `group-rule:${RULE}:update:rename`).request.body).toMatchObject({ name: 'Engineering department' });
    expectRunsBefore(plan, `group-rule:${RULE}:activate:replacement`, `group-rule:${RULE}:deactivate:replaced`);
    expectRunsBefore(plan, `group-rule:${RULE}:delete:replaced`, `group-rule:${RULE}:update:rename`);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('replacement with a new name needs no rename', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA, ENG], ENG_EXPRESSION)];
    const live = [...GROUPS, groupRule(RULE, 'Engineers', [JIRA], ENG_EXPRESSION)];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(requestLines(plan)).toEqual([`POST ${RULES}`, `POST ${NEW_RULE_PATH}/lifecycle/activate`, `POST ${RULE_PATH}/lifecycle/deactivate`, `DELETE ${RULE_PATH}?removeUsers=false`]);
    expect(stepByKey(plan, `group-rule:${RULE}:create:replacement`).request.body).toMatchObject({ name: 'Engineering department' });
  });

  it('inactive replacement is renamed without lifecycle steps', () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [ENG], ENG_EXPRESSION, 'INACTIVE')];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION, 'INACTIVE')];

    const plan = planDirectory({ desired, live, scope: ruleScope() });

    expect(requestLines(plan)).toEqual([`POST ${RULES}`, `DELETE ${RULE_PATH}?removeUsers=false`, `PUT ${NEW_RULE_PATH}`]);
  });
});

describe('group rule planner: recreated groups', () => {
  const cs = member('00uCustomerSupport01', { department: 'Customer Support' });
  const override = member('00uOverride000000001', { department: 'Sales' });
  const expression = `user.department=="Customer Support" || isMemberOfGroup("${OVERRIDES}")`;
  const csRule = '0prCsJsmAgents000001';
  const desired: SnapshotResource[] = [
    group(JSM, 'jsm-agents'),
    group(OVERRIDES, 'jsm-agent-overrides'),
    members(JSM, [cs, override]),
    members(OVERRIDES, [override]),
    groupRule(csRule, 'CS → jsm-agents', [JSM], expression),
  ];
  const live: SnapshotResource[] = [withStatus(groupRule(csRule, 'CS → jsm-agents', [JSM], expression), 'INVALID')];
  const scope = [
    { type: 'resource' as const, id: JSM },
    { type: 'resource' as const, id: OVERRIDES },
    { type: 'kind' as const, kind: 'group-rule' as const },
  ];

  it('rule uses placeholders and waits for the groups', async () => {
    const plan = planDirectory({ desired, live, scope });
    const create = stepByKey(plan, `group-rule:${csRule}:create:replacement`);

    expect(plan.blockers).toEqual([]);
    expect(create.request.body).toMatchObject({
      actions: { assignUserToGroups: { groupIds: [placeholderFor('group', JSM)] } },
      conditions: { expression: { value: `user.department=="Customer Support" || isMemberOfGroup("${placeholderFor('group', OVERRIDES)}")` } },
    });
    expectRunsBefore(plan, `group:${JSM}:create`, `group-rule:${csRule}:create:replacement`);
    expectRunsBefore(plan, `group:${OVERRIDES}:create`, `group-rule:${csRule}:create:replacement`);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('INVALID rule is deleted before its replacement', () => {
    const plan = planDirectory({ desired, live, scope });

    expect(requestLines(plan).filter((line) => line.includes(RULES))).toEqual([
      `DELETE ${RULES}/${csRule}?removeUsers=false`,
      `POST ${RULES}`,
      `POST ${RULES}/${placeholderFor('group-rule', csRule)}/lifecycle/activate`,
    ]);
    expect(stepByKey(plan, `group-rule:${csRule}:create:replacement`).request.body).toMatchObject({ name: 'CS → jsm-agents' });
    for (const step of plan.steps.filter((candidate) => candidate.kind === 'group-rule')) expect(step.flags).toEqual(['replaces-rule']);
  });

  it('members the rule assigns are left to it', () => {
    const plan = planDirectory({ desired, live, scope });

    expect(requestLines(plan).filter((line) => line.includes('/users/'))).toEqual([
      `PUT /api/v1/groups/${placeholderFor('group', JSM)}/users/${String(override['id'])}`,
      `PUT /api/v1/groups/${placeholderFor('group', OVERRIDES)}/users/${String(override['id'])}`,
    ]);
    expect(plan.warnings.map((warning) => warning.code)).toContain('members-left-to-rule');
    expectRunsBefore(plan, `group:${JSM}:create`, `group-members:${JSM}:add-member:${String(override['id'])}`);
  });
});

describe('group rule planner: missing and extra rules', () => {
  it('missing rule is created then activated', async () => {
    const desired = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];

    const plan = planDirectory({ desired, live: GROUPS, scope: ruleScope() });
    const create = stepByKey(plan, `group-rule:${RULE}:create`);

    expect(requestLines(plan)).toEqual([`POST ${RULES}`, `POST ${NEW_RULE_PATH}/lifecycle/activate`]);
    expect(Object.keys(create.request.body as JsonObject).sort()).toEqual(['actions', 'conditions', 'name', 'type']);
    expect(create.flags).toEqual(['recreates']);
    expect(create.creates?.lookup).toEqual({ path: `${RULES}?search=Engineering%20department`, pointer: '/name', value: 'Engineering department' });
    expectRunsBefore(plan, `group-rule:${RULE}:create`, `group-rule:${RULE}:activate`);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('extra rule stays without allow-deletes', () => {
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];

    const plan = planDirectory({ desired: GROUPS, live, scope: [{ type: 'kind', kind: 'group-rule' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toHaveLength(1);
    expect(plan.leftInPlace[0]?.reason).toContain('--allow-deletes');
  });

  it('extra rule stays when its section failed', () => {
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION)];

    const plan = planDirectory({ desired: GROUPS, live, scope: [{ type: 'kind', kind: 'group-rule' }], options: { allowDeletes: true }, failedLiveSections: ['group-rule'] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('captured complete');
  });

  it('extra rule is deleted last with allow-deletes', () => {
    const desired = [...GROUPS, groupRule(OTHER_RULE, 'Product department', [JIRA], 'user.department=="Product"')];
    const live = [...GROUPS, groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION), groupRule(OTHER_RULE, 'Product department', [JIRA], 'user.department=="Prod"', 'INACTIVE')];

    const plan = planDirectory({ desired, live, scope: [{ type: 'kind', kind: 'group-rule' }], options: { allowDeletes: true } });

    expect(requestLines(plan)).toEqual([
      `PUT ${RULES}/${OTHER_RULE}`,
      `POST ${RULES}/${OTHER_RULE}/lifecycle/activate`,
      `POST ${RULE_PATH}/lifecycle/deactivate`,
      `DELETE ${RULE_PATH}?removeUsers=false`,
    ]);
    expect(stepByKey(plan, `group-rule:${RULE}:deactivate`).flags).toEqual(['deletes']);
    expect(stepByKey(plan, `group-rule:${RULE}:delete`).flags).toEqual(['deletes']);
  });
});

describe('group rule planner: another org', () => {
  it('maps groups by name, users by login', () => {
    const kept = member('00uKept0000000000001', { department: 'Engineering' });
    const gone = member('00uGone0000000000001', { department: 'Engineering' });
    const keptThere = { ...kept, id: '00uKeptThere00000001' };
    const liveJira = '00gJiraThere00000001';
    const desired = [group(JIRA, 'jira-software-users'), members(JIRA, [kept, gone]), groupRule(RULE, 'Engineering department', [JIRA], ENG_EXPRESSION, 'INACTIVE', [String(kept['id']), String(gone['id'])])];
    const live = [group(liveJira, 'jira-software-users'), members(liveJira, [keptThere]), groupRule('0prThere000000000001', 'Engineering department', [liveJira], 'user.department=="Eng"', 'INACTIVE', [])];

    const plan = planDirectory({ desired, live, scope: ruleScope(), liveOrgUrl: OTHER_ORG_URL });
    const update = stepByKey(plan, `group-rule:${RULE}:update`);

    expect(update.request.path).toBe(`${RULES}/0prThere000000000001`);
    expect(update.request.body).toMatchObject({
      actions: { assignUserToGroups: { groupIds: [liveJira] } },
      conditions: { people: { users: { exclude: ['00uKeptThere00000001'] } } },
    });
    expect(plan.warnings.map((warning) => warning.code)).toContain('excluded-user-not-in-target-org');
  });
});

describe('group rule planner against the sandbox', () => {
  const CS_GROUP = '00g16u1EekNca2ODdwek';
  const OVERRIDES_GROUP = '00gtYE0lRu1VpxS3thIA';
  const CONTRACTORS_RULE = '0prL1bSadJpW6TziFQfA';
  const PRODUCT_RULE = '0prAjYmvGJUOooTm5QfI';
  const CS_RULE = '0pr7Wms321hgzItNk0MN';
  const SANDBOX_TESTERS_GROUP = '00gIzcPV35ibnxms8sVA';

  it('restores deleted groups, edited and deactivated rules', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      await sandboxCall(org, 'DELETE', `/api/v1/groups/${CS_GROUP}`);
      await sandboxCall(org, 'DELETE', `/api/v1/groups/${OVERRIDES_GROUP}`);
      await editRuleExpression(org, CONTRACTORS_RULE, 'user.employeeType=="Vendor"');
      await sandboxCall(org, 'POST', `${RULES}/${PRODUCT_RULE}/lifecycle/deactivate`);
      const live = await withInvalidRules(org, await captureResources(org));

      const plan = planDirectory({
        desired,
        live,
        scope: [{ type: 'resource', id: CS_GROUP }, { type: 'resource', id: OVERRIDES_GROUP }, { type: 'kind', kind: 'group-rule' }],
      });
      expect(plan.blockers).toEqual([]);
      expect(plan.manualSteps).toEqual([]);
      expect(await specProblems(plan)).toEqual([]);
      expect(plan.steps.filter((step) => step.kind === 'group-rule').map((step) => step.key)).toEqual([
        `group-rule:${CS_RULE}:delete:replaced`,
        `group-rule:${CS_RULE}:create:replacement`,
        `group-rule:${CS_RULE}:activate:replacement`,
        `group-rule:${PRODUCT_RULE}:activate`,
        `group-rule:${CONTRACTORS_RULE}:deactivate`,
        `group-rule:${CONTRACTORS_RULE}:update`,
        `group-rule:${CONTRACTORS_RULE}:activate`,
      ]);
      expect(plan.steps.some((step) => step.key.startsWith(`group-members:${CS_GROUP}:add-member:`))).toBe(true);
      expect(plan.warnings.map((warning) => warning.code)).toContain('members-left-to-rule');

      const created = await runPlanOnSandbox(org, plan);
      const after = await captureResources(org);
      const verification = verifyRestore(plan, desired, { resources: after, sections: sectionsOf(after) }, created);
      // NOTE: capture reaches groups through app assignments and push mappings, which this scope
      // does not restore, so the recreated groups and the rule that targets them are not
      // captured again. They are checked through the API below instead.
      const recreated = new Set([...created.values()]);
      expect(verification.residuals.filter((residual) => !recreated.has(residual.id))).toEqual([]);

      for (const groupId of [CS_GROUP, OVERRIDES_GROUP]) {
        const newId = String(created.get(`group:${groupId}`));
        const restored = (await sandboxCall(org, 'GET', `/api/v1/groups/${newId}`)) as JsonObject;
        expect(restored['profile']).toEqual(objectAt(resourceOf(desired, 'group', groupId).body, '/profile'));
        expect(await memberIdsOf(org, newId)).toEqual(memberRecords(resourceOf(desired, 'group-members', groupId).body).map(recordId).sort());
      }
      const csRule = (await sandboxCall(org, 'GET', `${RULES}/${String(created.get(`group-rule:${CS_RULE}`))}`)) as JsonObject;
      expect(csRule['status']).toBe('ACTIVE');
      expect(ruleTargets(csRule)).toEqual([String(created.get(`group:${CS_GROUP}`))]);
      expect(stringAt(csRule, '/conditions/expression/value')).toContain(String(created.get(`group:${OVERRIDES_GROUP}`)));
    } finally {
      await org.close();
    }
  });

  it('replaces retargeted rule in another org', async () => {
    const seed = await loadSeed('atlassian-stack');
    const source = await startTestSandbox({ seed });
    const standby = await startTestSandbox({ seed });
    try {
      const desired = await captureResources(source);
      const rule = desired.find((resource) => resource.kind === 'group-rule' && resource.id === CONTRACTORS_RULE);
      if (!rule) throw new Error('The seed has no Contractors rule');
      const targets = ruleTargets(rule.body as JsonObject);

      await sandboxCall(standby, 'POST', `${RULES}/${CONTRACTORS_RULE}/lifecycle/deactivate`);
      await sandboxCall(standby, 'DELETE', `${RULES}/${CONTRACTORS_RULE}?removeUsers=false`);
      const wider = (await sandboxCall(standby, 'POST', RULES, {
        type: 'group_rule',
        name: rule.name,
        conditions: (rule.body as JsonObject)['conditions'],
        actions: { assignUserToGroups: { groupIds: [...targets, SANDBOX_TESTERS_GROUP] } },
      })) as JsonObject;
      await sandboxCall(standby, 'POST', `${RULES}/${String(wider['id'])}/lifecycle/activate`);
      const testersBefore = await memberIdsOf(standby, SANDBOX_TESTERS_GROUP);
      const live = await captureResources(standby);

      const plan = planDirectory({ desired, live, scope: [{ type: 'resource', id: CONTRACTORS_RULE, kind: 'group-rule' }], liveOrgUrl: standby.url });
      expect(plan.steps.map((step) => step.action)).toEqual(['create', 'activate', 'deactivate', 'delete', 'deactivate', 'update', 'activate']);
      await runPlanOnSandbox(standby, plan);

      const rules = (await sandboxCall(standby, 'GET', `${RULES}?search=${encodeURIComponent(rule.name)}`)) as JsonObject[];
      const named = rules.filter((found) => found['name'] === rule.name);
      expect(named).toHaveLength(1);
      expect(named[0]?.['status']).toBe('ACTIVE');
      expect(named[0]?.['id']).not.toBe(wider['id']);
      expect(ruleTargets(named[0] ?? {})).toEqual(targets);
      expect(rules.map((found) => found['name'])).not.toContain(`Butterfly restore ${CONTRACTORS_RULE}`);
      expect(testersBefore.length).toBeGreaterThan(10);
      expect(await memberIdsOf(standby, SANDBOX_TESTERS_GROUP)).toEqual(testersBefore);
    } finally {
      await source.close();
      await standby.close();
    }
  });
});

/**
 * Adds the org's INVALID group rules to a capture that lacks them.
 * NOTE: capture follows only rules whose target groups are in scope, so a rule whose target
 * group was deleted is not captured, and the plan would try to create its replacement under a
 * name the INVALID rule still holds. Until capture includes such rules, the test adds them.
 */
async function withInvalidRules(org: Parameters<typeof sandboxCall>[0], resources: SnapshotResource[]): Promise<SnapshotResource[]> {
  const rules = (await sandboxCall(org, 'GET', `${RULES}?limit=200`)) as JsonObject[];
  const invalid = rules.filter((rule) => rule['status'] === 'INVALID' && !resources.some((resource) => resource.kind === 'group-rule' && resource.id === rule['id']));
  return [...resources, ...invalid.map((rule): SnapshotResource => ({ kind: 'group-rule', id: String(rule['id']), name: String(rule['name']), body: rule }))];
}

function withStatus(resource: SnapshotResource, status: string): SnapshotResource {
  return withBody([resource], resource.kind, resource.id, (body) => {
    body['status'] = status;
  })[0] as SnapshotResource;
}

async function editRuleExpression(org: Parameters<typeof sandboxCall>[0], ruleId: string, expression: string): Promise<void> {
  const rule = (await sandboxCall(org, 'GET', `${RULES}/${ruleId}`)) as JsonObject;
  await sandboxCall(org, 'POST', `${RULES}/${ruleId}/lifecycle/deactivate`);
  const conditions = rule['conditions'] as JsonObject;
  await sandboxCall(org, 'PUT', `${RULES}/${ruleId}`, {
    type: 'group_rule',
    name: rule['name'],
    conditions: { ...conditions, expression: { type: 'urn:okta:expression:1.0', value: expression } },
    actions: rule['actions'],
  });
  await sandboxCall(org, 'POST', `${RULES}/${ruleId}/lifecycle/activate`);
}

function resourceOf(resources: readonly SnapshotResource[], kind: SnapshotResource['kind'], id: string): SnapshotResource {
  const found = resources.find((resource) => resource.kind === kind && resource.id === id);
  if (!found) throw new Error(`The capture has no ${kind} ${id}`);
  return found;
}

function ruleTargets(rule: JsonObject): string[] {
  return stringsAt(rule, '/actions/assignUserToGroups/groupIds');
}

async function memberIdsOf(org: Parameters<typeof sandboxCall>[0], groupId: string): Promise<string[]> {
  const users = (await sandboxCall(org, 'GET', `/api/v1/groups/${groupId}/users?limit=1000`)) as JsonObject[];
  return users.map((user) => String(stringAt(user, '/id'))).sort();
}
