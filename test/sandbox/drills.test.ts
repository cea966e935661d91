import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { CommandError, type CommandIo } from '../../src-main/cli/command-io.js';
import { runDrillCommand } from '../../src-main/cli/drill-command.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { WRONG_ACS_URL } from '../../src-main/sandbox/drills/acs-url-changed.js';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { DRILLS, drillByName } from '../../src-main/sandbox/drills/drill-catalog.js';
import { DrillError, type DrillReport } from '../../src-main/sandbox/drills/drill-types.js';
import { withoutProductForDepartment } from '../../src-main/sandbox/drills/scim-mapping-tier-change.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';

// Ids from resources/sandbox/atlassian-stack/org.json.
const APP = '0oaWGujkWZIYd6DJa3qZ';
const ACCESS_POLICY = 'rstQomxKFykBd7WCQInV';
const ENGINEERING_RULES = ['rulXnUzwrMzCBbassgjP', 'ruluvtweIzHA4gelT9mM'];
const USER_TO_APP_MAPPING = 'prmyXyjt57YPucRvfW8Y';
const CS_JSM_AGENTS = '00g16u1EekNca2ODdwek';
const CS_RULE = '0pr7Wms321hgzItNk0MN';
const BITBUCKET_USERS = '00gflYGhgT5mJzgcbEKv';
const BITBUCKET_PUSH = 'gPmSYioKso3QhSMgipcO';
const ENGINEERING_DEPARTMENT_RULE = '0prDL14svt6RZll1tfSb';
const CONFLUENCE_USERS = '00gtzeaZCIi35qQiFZ6l';
const JIRA_SOFTWARE_PUSH = 'gPmAHBPkLYc0jyJh7OUw';

let atlassianStack: SandboxSeed;
const started: SandboxOrg[] = [];

beforeAll(async () => {
  atlassianStack = await loadSeed('atlassian-stack');
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((org) => org.close()));
});

async function startOrg(seed: SandboxSeed = atlassianStack): Promise<SandboxOrg> {
  const org = await startTestSandbox({ seed });
  started.push(org);
  return org;
}

/** Reads a JSON body through the API and fails the test on any status but 200. */
async function read<T = JsonObject>(org: SandboxOrg, path: string): Promise<T> {
  const response = await apiRequest(org, 'GET', path);
  expect(response.status, `GET ${path}`).toBe(200);
  return response.body as T;
}

async function statusOf(org: SandboxOrg, path: string): Promise<number> {
  return (await apiRequest(org, 'GET', path)).status;
}

function writesOf(report: DrillReport): string[] {
  return report.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
}

function touchedKeys(report: DrillReport): string[] {
  return report.touched.map((object) => `${object.cause} ${object.change} ${object.kind} ${object.id}`);
}

function withoutVolatile(body: JsonObject): JsonObject {
  const { lastUpdated: _lastUpdated, _links: _ignored, ...rest } = body;
  return rest;
}

describe('device-trust-tightening drill', () => {
  it('points engineering rules at strict policy', async () => {
    const org = await startOrg();
    const before = await read<JsonObject[]>(org, `/api/v1/policies/${ACCESS_POLICY}/rules`);

    const report = await applyDrillToSandbox(org, 'device-trust-tightening');

    const strict = report.touched.find((object) => object.kind === 'device-assurance');
    expect(strict?.change).toBe('created');
    const policy = await read(org, `/api/v1/device-assurances/${strict?.id ?? ''}`);
    expect(policy['platform']).toBe('MACOS');
    expect(policy['name']).toBe('macOS strict: 26.4 and biometric lock');

    const after = await read<JsonObject[]>(org, `/api/v1/policies/${ACCESS_POLICY}/rules`);
    for (const ruleId of ENGINEERING_RULES) {
      const rule = after.find((candidate) => candidate['id'] === ruleId);
      expect((rule?.['conditions'] as JsonObject)['device']).toEqual({ registered: true, managed: true, assurance: { include: [strict?.id] } });
    }
    const untouched = (rules: JsonObject[]): JsonObject[] => rules.filter((rule) => !ENGINEERING_RULES.includes(String(rule['id']))).map(withoutVolatile);
    expect(untouched(after)).toEqual(untouched(before));
    expect(writesOf(report)).toEqual([
      'POST /api/v1/device-assurances',
      ...ENGINEERING_RULES.map((ruleId) => `PUT /api/v1/policies/${ACCESS_POLICY}/rules/${ruleId}`),
    ]);
  });

  it('reuses the strict policy on a rerun', async () => {
    const org = await startOrg();
    await applyDrillToSandbox(org, 'device-trust-tightening');

    const rerun = await applyDrillToSandbox(org, 'device-trust-tightening');

    expect(rerun.touched.some((object) => object.kind === 'device-assurance')).toBe(false);
    expect(await read<JsonObject[]>(org, '/api/v1/device-assurances')).toHaveLength(3);
  });
});

describe('scim-mapping-tier-change drill', () => {
  it('drops confluence for engineering only', async () => {
    const org = await startOrg();
    const before = await read(org, `/api/v1/mappings/${USER_TO_APP_MAPPING}`);
    const properties = before['properties'] as JsonObject;
    const expression = String((properties['atlassianProducts'] as JsonObject)['expression']);

    const report = await applyDrillToSandbox(org, 'scim-mapping-tier-change');

    const after = await read(org, `/api/v1/mappings/${USER_TO_APP_MAPPING}`);
    const expected = expression.replace('user.department=="Engineering" ? {"jira-software","confluence","bitbucket"}', 'user.department=="Engineering" ? {"jira-software","bitbucket"}');
    expect(expected).not.toBe(expression);
    expect(after['properties']).toEqual({ ...properties, atlassianProducts: { expression: expected, pushStatus: 'PUSH' } });
    expect(writesOf(report)).toEqual([`POST /api/v1/mappings/${USER_TO_APP_MAPPING}`]);
    expect(touchedKeys(report)).toEqual([`request updated profile-mapping ${USER_TO_APP_MAPPING}`]);
  });

  it('rejects expression without the branch', () => {
    expect(() => withoutProductForDepartment('{"confluence"}', 'Engineering', 'confluence')).toThrow(/no branch/);
  });

  it('rejects branch without the product', () => {
    expect(() => withoutProductForDepartment('user.department=="Engineering" ? {"bitbucket"} : {}', 'Engineering', 'confluence')).toThrow(/already/);
  });
});

describe('group-rule-cleanup drill', () => {
  it('deactivates then deletes the rule', async () => {
    const org = await startOrg();

    const report = await applyDrillToSandbox(org, 'group-rule-cleanup');

    expect(await statusOf(org, `/api/v1/groups/rules/${CS_RULE}`)).toBe(404);
    expect(writesOf(report)).toEqual([
      `POST /api/v1/groups/rules/${CS_RULE}/lifecycle/deactivate`,
      `DELETE /api/v1/groups/rules/${CS_RULE}?removeUsers=true`,
    ]);
    expect(touchedKeys(report)).toEqual([`request deleted group-rule ${CS_RULE}`, `side-effect updated group-members ${CS_JSM_AGENTS}`]);
  });

  // NOTE: the sandbox records only the memberships a rule adds while the org runs, so deleting a
  // seeded rule with removeUsers=true removes none of the seeded members. This test starts to
  // pass, and `fails` must go, once the sandbox treats those members as the rule's.
  it('removes the members the rule added', async () => {
    const org = await startOrg();
    const rule = org.state.groupRules.get(CS_RULE) as JsonObject;
    const excludedUsers = (((rule['conditions'] as JsonObject)['people'] as JsonObject)['users'] as JsonObject)['exclude'] as string[];

    await applyDrillToSandbox(org, 'group-rule-cleanup');
    const left = (await read<JsonObject[]>(org, `/api/v1/groups/${CS_JSM_AGENTS}/users?limit=1000`)).map((user) => user);

    // Members the rule never matched (excluded, or deprovisioned) were added by hand and stay, as in Okta.
    expect(left.filter((user) => !excludedUsers.includes(String(user['id'])) && user['status'] !== 'DEPROVISIONED')).toEqual([]);
    expect(left.length).toBeLessThan(5);
  });

  it('names the missing rule on a rerun', async () => {
    const org = await startOrg();
    await applyDrillToSandbox(org, 'group-rule-cleanup');

    const rerun = applyDrillToSandbox(org, 'group-rule-cleanup');

    await expect(rerun).rejects.toThrow(`has no ACTIVE group rule that assigns users to 'CS-jsm-agents' (${CS_JSM_AGENTS})`);
    await expect(rerun).rejects.toThrow('The org was not changed.');
  });

  it('lists writes applied before a failure', async () => {
    const org = await startOrg();
    org.faults.set({ failMatchingRequests: { pathIncludes: `/groups/rules/${CS_RULE}`, queryIncludes: 'removeUsers=true', times: 1 } });

    const run = applyDrillToSandbox(org, 'group-rule-cleanup');

    await expect(run).rejects.toThrow(DrillError);
    await expect(run).rejects.toThrow(`Writes already applied: POST /api/v1/groups/rules/${CS_RULE}/lifecycle/deactivate.`);
    expect((await read(org, `/api/v1/groups/rules/${CS_RULE}`))['status']).toBe('INACTIVE');
  });
});

describe('assigned-group-deleted drill', () => {
  it('deletes bitbucket-users and its references', async () => {
    const org = await startOrg();
    const assignmentsBefore = await read<JsonObject[]>(org, `/api/v1/apps/${APP}/groups`);

    const report = await applyDrillToSandbox(org, 'assigned-group-deleted');

    expect(await statusOf(org, `/api/v1/groups/${BITBUCKET_USERS}`)).toBe(404);
    const assignmentsAfter = await read<JsonObject[]>(org, `/api/v1/apps/${APP}/groups`);
    expect(assignmentsAfter.map((assignment) => assignment['id'])).toEqual(
      assignmentsBefore.map((assignment) => assignment['id']).filter((id) => id !== BITBUCKET_USERS),
    );
    expect(await statusOf(org, `/api/v1/apps/${APP}/group-push/mappings/${BITBUCKET_PUSH}`)).toBe(404);
    expect((await read(org, `/api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}`))['status']).toBe('INVALID');
    expect(writesOf(report)).toEqual([`DELETE /api/v1/groups/${BITBUCKET_USERS}`]);
    expect(touchedKeys(report)).toEqual([
      `request deleted group ${BITBUCKET_USERS}`,
      `side-effect deleted group-members ${BITBUCKET_USERS}`,
      `side-effect deleted app-group-assignment ${APP}/${BITBUCKET_USERS}`,
      `side-effect deleted group-push-mapping ${APP}/${BITBUCKET_PUSH}`,
      `side-effect updated group-rule ${ENGINEERING_DEPARTMENT_RULE}`,
    ]);
  });
});

describe('group-assignment-removed drill', () => {
  it('removes only the assignment', async () => {
    const org = await startOrg();
    const membersBefore = await read<JsonObject[]>(org, `/api/v1/groups/${CONFLUENCE_USERS}/users`);

    const report = await applyDrillToSandbox(org, 'group-assignment-removed');

    expect(await statusOf(org, `/api/v1/apps/${APP}/groups/${CONFLUENCE_USERS}`)).toBe(404);
    expect(await read<JsonObject[]>(org, `/api/v1/apps/${APP}/groups`)).toHaveLength(7);
    expect(await read<JsonObject[]>(org, `/api/v1/groups/${CONFLUENCE_USERS}/users`)).toEqual(membersBefore);
    expect(writesOf(report)).toEqual([`DELETE /api/v1/apps/${APP}/groups/${CONFLUENCE_USERS}`]);
    expect(touchedKeys(report)).toEqual([`request deleted app-group-assignment ${APP}/${CONFLUENCE_USERS}`]);
  });
});

describe('signing-key-rotated drill', () => {
  it('activates a newly generated key', async () => {
    const org = await startOrg();
    const before = await read(org, `/api/v1/apps/${APP}`);
    const oldKid = (before['credentials'] as { signing: { kid: string } }).signing.kid;

    const report = await applyDrillToSandbox(org, 'signing-key-rotated');

    const keys = await read<JsonObject[]>(org, `/api/v1/apps/${APP}/credentials/keys`);
    expect(keys).toHaveLength(3);
    const newKey = keys[2] as JsonObject;
    const after = await read(org, `/api/v1/apps/${APP}`);
    expect((after['credentials'] as { signing: { kid: string } }).signing.kid).toBe(newKey['kid']);
    expect(newKey['kid']).not.toBe(oldKid);
    expect(after['settings']).toEqual(before['settings']);
    expect(after['label']).toBe(before['label']);
    expect(writesOf(report)).toEqual([`POST /api/v1/apps/${APP}/credentials/keys/generate?validityYears=2`, `PUT /api/v1/apps/${APP}`]);
    expect(touchedKeys(report)).toEqual([
      `request created app-signing-key ${APP}/${String(newKey['kid'])}`,
      `request updated app ${APP}`,
      `side-effect updated app-saml-metadata ${APP}`,
    ]);
  });
});

describe('acs-url-changed drill', () => {
  it('changes only the three urls', async () => {
    const org = await startOrg();
    const before = await read(org, `/api/v1/apps/${APP}`);

    const report = await applyDrillToSandbox(org, 'acs-url-changed');

    const after = await read(org, `/api/v1/apps/${APP}`);
    const signOnBefore = (before['settings'] as JsonObject)['signOn'] as JsonObject;
    const signOnAfter = (after['settings'] as JsonObject)['signOn'] as JsonObject;
    expect(signOnAfter).toEqual({ ...signOnBefore, ssoAcsUrl: WRONG_ACS_URL, recipient: WRONG_ACS_URL, destination: WRONG_ACS_URL });
    expect(signOnAfter['ssoAcsUrl']).not.toBe(signOnBefore['ssoAcsUrl']);
    expect({ ...withoutVolatile(after), settings: null, features: null }).toEqual({ ...withoutVolatile(before), settings: null, features: null });
    expect(writesOf(report)).toEqual([`PUT /api/v1/apps/${APP}`]);
    expect(touchedKeys(report)).toEqual([`request updated app ${APP}`]);
  });

  // NOTE: the sandbox's app PUT drops the stored `features`, which Okta derives from the
  // provisioning settings and keeps. This test starts to pass, and `fails` must go, once the
  // sandbox keeps them.
  it('keeps the app features', async () => {
    const org = await startOrg();
    const before = await read(org, `/api/v1/apps/${APP}`);

    await applyDrillToSandbox(org, 'acs-url-changed');

    expect((await read(org, `/api/v1/apps/${APP}`))['features']).toEqual(before['features']);
  });
});

describe('group-rule-expression-edited drill', () => {
  it('narrows and reactivates the rule', async () => {
    const org = await startOrg();
    const before = await read(org, `/api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}`);

    const report = await applyDrillToSandbox(org, 'group-rule-expression-edited');

    const after = await read(org, `/api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}`);
    expect(after['status']).toBe('ACTIVE');
    expect((after['conditions'] as { expression: { value: string } }).expression.value).toBe('(user.department=="Engineering") && user.employeeType=="Full-time"');
    expect(after['actions']).toEqual(before['actions']);
    expect(writesOf(report)).toEqual([
      `POST /api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}/lifecycle/deactivate`,
      `PUT /api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}`,
      `POST /api/v1/groups/rules/${ENGINEERING_DEPARTMENT_RULE}/lifecycle/activate`,
    ]);
    expect(touchedKeys(report)).toEqual([`request updated group-rule ${ENGINEERING_DEPARTMENT_RULE}`]);
  });
});

describe('group-push-deactivated drill', () => {
  it('sets only that mapping inactive', async () => {
    const org = await startOrg();

    const report = await applyDrillToSandbox(org, 'group-push-deactivated');

    const mappings = await read<JsonObject[]>(org, `/api/v1/apps/${APP}/group-push/mappings`);
    const statuses = Object.fromEntries(mappings.map((mapping) => [mapping['id'], mapping['status']]));
    expect(statuses[JIRA_SOFTWARE_PUSH]).toBe('INACTIVE');
    expect(Object.values(statuses).filter((status) => status === 'ACTIVE')).toHaveLength(4);
    expect(writesOf(report)).toEqual([`PATCH /api/v1/apps/${APP}/group-push/mappings/${JIRA_SOFTWARE_PUSH}`]);
    expect(touchedKeys(report)).toEqual([`request updated group-push-mapping ${APP}/${JIRA_SOFTWARE_PUSH}`]);
  });
});

describe('every drill', () => {
  // The signing key's kid is random in Okta and in the sandbox, so that drill's report differs by its kid.
  const repeatable = DRILLS.map((drill) => drill.name).filter((name) => name !== 'signing-key-rotated');

  it.each(repeatable)('%s gives the same report twice', async (name) => {
    const first = await applyDrillToSandbox(await startOrg(), name);
    const second = await applyDrillToSandbox(await startOrg(), name);

    const outline = (report: DrillReport): unknown => ({ requests: report.requests.map(({ method, path, status }) => ({ method, path, status })), touched: report.touched });
    expect(outline(second)).toEqual(outline(first));
  });

  it.each(DRILLS.map((drill) => drill.name))('%s names what another org lacks', async (name) => {
    const org = await startOrg(await loadSeed('okta-examples'));

    const run = applyDrillToSandbox(org, name);

    await expect(run).rejects.toThrow(DrillError);
    await expect(run).rejects.toThrow(/has no .*The drills are written for the sandbox seed 'atlassian-stack'/);
    await expect(run).rejects.toThrow('The org was not changed.');
  });
});

describe('drill catalog', () => {
  it('has nine uniquely named drills', () => {
    const names = DRILLS.map((drill) => drill.name);

    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
  });

  it('finds a drill by name', () => {
    expect(drillByName('acs-url-changed').title).toContain('ACS URL');
  });

  it('lists every name for an unknown one', () => {
    expect(() => drillByName('nope')).toThrow(`Unknown drill 'nope'. Drills: ${DRILLS.map((drill) => drill.name).join(', ')}.`);
  });
});

interface Run {
  code: number;
  out: string;
}

/** Runs `butterfly drill` in-process with the given standard input. */
async function drillCommand(argv: string[], stdin?: string): Promise<Run> {
  const out: string[] = [];
  const io: CommandIo = {
    out: (line) => out.push(line),
    err: () => undefined,
    logger: silentLogger(),
    waitForShutdown: () => Promise.resolve(),
    ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) }),
  };
  const code = await runDrillCommand(argv, io);
  return { code, out: out.join('\n') };
}

describe('drill command', () => {
  it('lists the drills', async () => {
    const run = await drillCommand(['--list']);

    expect(run.code).toBe(0);
    for (const drill of DRILLS) expect(run.out).toContain(drill.name);
  });

  it('lists the drills as json', async () => {
    const run = await drillCommand(['--list', '--json']);

    expect((JSON.parse(run.out) as Array<{ name: string }>).map((drill) => drill.name)).toEqual(DRILLS.map((drill) => drill.name));
  });

  it('applies a drill to the sandbox', async () => {
    const org = await startOrg();

    const run = await drillCommand(['group-push-deactivated', '--org-url', org.url, '--token-stdin'], `${org.token}\n`);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`PATCH /api/v1/apps/${APP}/group-push/mappings/${JIRA_SOFTWARE_PUSH} → 200`);
    expect((await read(org, `/api/v1/apps/${APP}/group-push/mappings/${JIRA_SOFTWARE_PUSH}`))['status']).toBe('INACTIVE');
  });

  it('prints the report as json', async () => {
    const org = await startOrg();

    const run = await drillCommand(['group-assignment-removed', '--org-url', org.url, '--token-stdin', '--json'], org.token);

    expect((JSON.parse(run.out) as DrillReport).touched[0]?.id).toBe(`${APP}/${CONFLUENCE_USERS}`);
  });

  it('rejects an unknown drill', async () => {
    const run = drillCommand(['nope', '--org-url', 'http://127.0.0.1:1', '--token-stdin'], 'token123');

    await expect(run).rejects.toThrow(CommandError);
    await expect(run).rejects.toThrow(/Unknown drill 'nope'\. Drills: device-trust-tightening, /);
  });

  it('rejects a missing drill name', async () => {
    await expect(drillCommand(['--org-url', 'http://127.0.0.1:1', '--token-stdin'], 'token123')).rejects.toThrow('Missing drill name.');
  });

  it('rejects a missing token option', async () => {
    const run = drillCommand(['acs-url-changed', '--org-url', 'http://127.0.0.1:1']);

    await expect(run).rejects.toThrow(CommandError);
    await expect(run).rejects.toThrow('Missing --token-stdin');
  });

  it('rejects empty standard input', async () => {
    await expect(drillCommand(['acs-url-changed', '--org-url', 'http://127.0.0.1:1', '--token-stdin'], '\n')).rejects.toThrow('read no API token');
  });

  it('rejects a missing org url', async () => {
    await expect(drillCommand(['acs-url-changed', '--token-stdin'], 'token123')).rejects.toThrow('Missing --org-url.');
  });

  it('asks to confirm a remote org', async () => {
    const run = drillCommand(['acs-url-changed', '--org-url', 'https://acme.okta.com', '--token-stdin'], 'token123');

    await expect(run).rejects.toThrow(CommandError);
    await expect(run).rejects.toThrow('add --confirm acme.okta.com');
  });

  it('reports an unreachable org', async () => {
    const org = await startOrg();
    const url = org.url;
    await org.close();
    started.splice(started.indexOf(org), 1);

    const run = drillCommand(['acs-url-changed', '--org-url', url, '--token-stdin'], 'token123');

    await expect(run).rejects.toThrow(DrillError);
    await expect(run).rejects.toThrow(`${url} could not be reached`);
  });

  it('rejects a name with --list', async () => {
    await expect(drillCommand(['--list', 'acs-url-changed'])).rejects.toThrow('--list takes no drill name.');
  });
});
