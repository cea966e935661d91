// Shared pieces of the executor tests: an in-memory journal, hand-written plan steps against
// the atlassian-stack seed, and a sandbox org with a transport whose requests are recorded.
// It imports nothing from vitest, so the child-process fixture of the crash test can use it.
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { DEFAULT_PLAN_OPTIONS, type CreatedObject, type PlannedRequest, type RestorePlan, type StepAction, type StepCheck } from '../../src-shared/restore/restore-plan.js';
import { placeholderFor } from '../../src-shared/restore/placeholders.js';
import type { ResourceKind } from '../../src-shared/snapshot/snapshot-model.js';
import { createOktaClient } from '../../src-main/okta/okta-client.js';
import { OktaTransport } from '../../src-main/okta/okta-transport.js';
import { RateGovernor } from '../../src-main/okta/rate-governor.js';
import { executePlan, type ExecuteOptions, type ExecutionEvent, type ExecutionResult } from '../../src-main/restore/execute-plan.js';
import type { JournalEvent, JournalEventInput, RestoreJournal } from '../../src-main/restore/restore-journal.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import { startSandbox, type SandboxOrg } from '../../src-main/sandbox/server.js';
import { formatValidationErrors, loadOktaSpec } from '../support/okta-spec.js';
import { recordRequests, type RecordedRequest } from '../support/request-recorder.js';

/** The production Atlassian app of the atlassian-stack seed. */
export const ATLASSIAN_APP = '0oaWGujkWZIYd6DJa3qZ';
/** Seed groups: `jira-software-users` and `jira-admins`. */
export const JIRA_USERS_GROUP = '00gBGTAyIgewYItLGgY8';
export const JIRA_ADMINS_GROUP = '00g41TEd0dGBfd5K8v4A';
/** The seed's ACTIVE group rule "Engineering department". */
export const ENGINEERING_RULE = '0prDL14svt6RZll1tfSb';

/** A journal kept in memory, for tests that do not need the vault. */
export class MemoryJournal implements RestoreJournal {
  private readonly restores = new Map<string, JournalEvent[]>();

  recordRestoreStep(restoreId: string, event: JournalEventInput): void {
    const events = this.restores.get(restoreId) ?? [];
    events.push({ stepIndex: event.stepIndex, type: event.type, at: new Date().toISOString(), detail: structuredClone(event.detail) });
    this.restores.set(restoreId, events);
  }

  readRestore(restoreId: string): { events: JournalEvent[] } {
    return { events: [...(this.restores.get(restoreId) ?? [])] };
  }
}

/** Lists a restore's journal as `<step> <type>` lines, in the order recorded. */
export function journalLines(journal: RestoreJournal, restoreId: string): string[] {
  return journal.readRestore(restoreId).events.map((event) => `${event.stepIndex} ${event.type}`);
}

/** Returns the detail of the last event of this type for a step, as an object. */
export function lastDetail(journal: RestoreJournal, restoreId: string, stepIndex: number, type: string): JsonObject | undefined {
  const event = journal.readRestore(restoreId).events.filter((candidate) => candidate.stepIndex === stepIndex && candidate.type === type).at(-1);
  return event?.detail as JsonObject | undefined;
}

/** The fields of a plan step a test writes by hand; `planOf` fills in the rest. */
export interface StepDraft {
  key: string;
  kind: ResourceKind;
  action: StepAction;
  request: PlannedRequest;
  creates?: CreatedObject;
  check?: StepCheck;
  dependsOn?: string[];
}

/** Builds a runnable plan from step drafts, numbered from 1 in the order given. */
export function planOf(drafts: StepDraft[]): RestorePlan {
  const steps = drafts.map((draft, position) => ({
    index: position + 1,
    key: draft.key,
    kind: draft.kind,
    resourceId: draft.key.split(':')[1] ?? draft.key,
    name: draft.key,
    action: draft.action,
    description: `Step ${position + 1}: ${draft.key}`,
    request: draft.request,
    dependsOn: draft.dependsOn ?? [],
    ...(draft.creates ? { creates: draft.creates } : {}),
    ...(draft.check ? { check: draft.check } : {}),
    reverses: [],
    flags: [],
  }));
  return {
    version: 1,
    desired: { label: '1', orgUrl: 'http://127.0.0.1', takenAt: '2026-01-01T00:00:00.000Z' },
    live: { label: 'live', orgUrl: 'http://127.0.0.1', takenAt: '2026-01-02T00:00:00.000Z' },
    scope: [],
    options: DEFAULT_PLAN_OPTIONS,
    idMatches: {},
    covered: [],
    steps,
    manualSteps: [],
    warnings: [],
    leftInPlace: [],
    impact: { products: [], signOn: { newlyDenied: [], newlyChallenged: [] } },
    threshold: { lostUsers: 0, product: undefined, assignedUsers: 0, exceeded: false, overridden: false, message: 'No user loses a product.' },
    blockers: [],
  };
}

/** Returns the GET path that lists the groups whose name is exactly `name`. */
export function groupSearchPath(name: string): string {
  return `/api/v1/groups?search=${encodeURIComponent(`profile.name eq "${name}"`)}`;
}

/** Recreates a deleted group, found again by its name after an interruption. */
export function createGroupStep(desiredId: string, name: string): StepDraft {
  const description = `Recreated ${name}`;
  return {
    key: `group:${desiredId}:create`,
    kind: 'group',
    action: 'create',
    request: { method: 'POST', path: '/api/v1/groups', body: { profile: { name, description } } },
    creates: { kind: 'group', desiredId, idPointer: '/id', lookup: { path: groupSearchPath(name), pointer: '/profile/name', value: name } },
    check: {
      path: `/api/v1/groups/${placeholderFor('group', desiredId)}`,
      fields: [
        { pointer: '/profile/name', value: name },
        { pointer: '/profile/description', value: description },
      ],
    },
  };
}

/** Assigns a group, possibly one an earlier step recreates, to the Atlassian app. */
export function assignGroupStep(groupId: string, priority: number, dependsOn: string[] = []): StepDraft {
  return {
    key: `app-group-assignment:${groupId}:assign`,
    kind: 'app-group-assignment',
    action: 'assign',
    request: { method: 'PUT', path: `/api/v1/apps/${ATLASSIAN_APP}/groups/${groupId}`, body: { priority } },
    check: {
      path: `/api/v1/apps/${ATLASSIAN_APP}/groups/${groupId}`,
      fields: [
        { pointer: '/id', value: groupId },
        { pointer: '/priority', value: priority },
      ],
    },
    dependsOn,
  };
}

/** Recreates a group rule that assigns the Finance department to `groupId`; Okta creates it INACTIVE. */
export function createRuleStep(desiredId: string, name: string, groupId: string, dependsOn: string[] = []): StepDraft {
  return {
    key: `group-rule:${desiredId}:create`,
    kind: 'group-rule',
    action: 'create',
    request: {
      method: 'POST',
      path: '/api/v1/groups/rules',
      body: {
        type: 'group_rule',
        name,
        conditions: { expression: { value: 'user.department=="Finance"', type: 'urn:okta:expression:1.0' } },
        actions: { assignUserToGroups: { groupIds: [groupId] } },
      },
    },
    creates: { kind: 'group-rule', desiredId, idPointer: '/id', lookup: { path: `/api/v1/groups/rules?search=${encodeURIComponent(name)}`, pointer: '/name', value: name } },
    check: {
      path: `/api/v1/groups/rules/${placeholderFor('group-rule', desiredId)}`,
      fields: [
        { pointer: '/name', value: name },
        { pointer: '/status', value: 'INACTIVE' },
        { pointer: '/actions/assignUserToGroups/groupIds', value: [groupId] },
      ],
    },
    dependsOn,
  };
}

/** Activates or deactivates a group rule. */
export function ruleLifecycleStep(ruleId: string, action: 'activate' | 'deactivate', dependsOn: string[] = []): StepDraft {
  return {
    key: `group-rule:${ruleId}:${action}`,
    kind: 'group-rule',
    action,
    request: { method: 'POST', path: `/api/v1/groups/rules/${ruleId}/lifecycle/${action}` },
    check: { path: `/api/v1/groups/rules/${ruleId}`, fields: [{ pointer: '/status', value: action === 'activate' ? 'ACTIVE' : 'INACTIVE' }] },
    dependsOn,
  };
}

/** Replaces a group's profile. */
export function updateGroupStep(groupId: string, name: string, description: string): StepDraft {
  return {
    key: `group:${groupId}:update`,
    kind: 'group',
    action: 'update',
    request: { method: 'PUT', path: `/api/v1/groups/${groupId}`, body: { profile: { name, description } } },
    check: { path: `/api/v1/groups/${groupId}`, fields: [{ pointer: '/profile/description', value: description }] },
  };
}

/** Deletes a group and expects it gone on read-back. */
export function deleteGroupStep(groupId: string): StepDraft {
  return {
    key: `group:${groupId}:delete`,
    kind: 'group',
    action: 'delete',
    request: { method: 'DELETE', path: `/api/v1/groups/${groupId}` },
    check: { path: `/api/v1/groups/${groupId}`, fields: [], absent: true },
  };
}

/** A sandbox org of the atlassian-stack seed, a transport to it, and what went over the wire. */
export interface Rig {
  org: SandboxOrg;
  transport: OktaTransport;
  requests: RecordedRequest[];
  events: ExecutionEvent[];
  journal: MemoryJournal;
}

/**
 * Starts a sandbox org and a transport to it that waits in virtual time: each wait moves the
 * rate governor's clock forward instead of sleeping, because the sandbox's faults count
 * requests, not time. Retries back off by 1 ms.
 */
export async function startRig(): Promise<Rig> {
  const org = await startSandbox({ port: 0, seed: await loadSeed('atlassian-stack') });
  return { org, ...connectRig(org.url, org.token), journal: new MemoryJournal() };
}

/** Builds the transport of a rig for an org URL and API token, recording its requests. */
export function connectRig(orgUrl: string, token: string): { transport: OktaTransport; requests: RecordedRequest[]; events: ExecutionEvent[] } {
  const client = createOktaClient(orgUrl, { type: 'api-token', token });
  const requests = recordRequests(client);
  let virtualNowMs = Date.now();
  const transport = new OktaTransport(client, {
    governor: new RateGovernor(0.2, () => virtualNowMs),
    initialBackoffMs: 1,
    sleep: async (ms: number) => {
      virtualNowMs += ms;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  });
  return { transport, requests, events: [] };
}

/** Runs a plan on a rig with its journal, collecting the progress events. */
export function execute(rig: Rig, plan: RestorePlan, restoreId = 'r1', extra: Partial<ExecuteOptions> = {}): Promise<ExecutionResult> {
  return executePlan({ plan, restoreId, journal: rig.journal, transport: rig.transport, listener: (event) => rig.events.push(event), ...extra });
}

/** Returns the ids of the groups named `name` in the sandbox org. */
export function groupIdsNamed(org: SandboxOrg, name: string): string[] {
  return [...org.state.groups.values()].filter((group) => (group['profile'] as JsonObject | undefined)?.['name'] === name).map((group) => String(group['id']));
}

/** Returns the ids of the group rules named `name` in the sandbox org. */
export function ruleIdsNamed(org: SandboxOrg, name: string): string[] {
  return [...org.state.groupRules.values()].filter((rule) => rule['name'] === name).map((rule) => String(rule['id']));
}

/** Counts recorded requests with this method whose path (without the query) is `path`. */
export function countRequests(requests: RecordedRequest[], method: string, path: string): number {
  return requests.filter((request) => request.method === method && request.path.split('?')[0] === path).length;
}

/**
 * Validates every recorded request against Okta's OpenAPI spec, read-only properties rejected,
 * and returns one line per request that fails: its method, path and errors.
 */
export async function specProblems(requests: RecordedRequest[]): Promise<string[]> {
  const spec = await loadOktaSpec();
  const problems: string[] = [];
  for (const request of requests) {
    const result = spec.validateRequestBody({ method: request.method, path: request.path, body: request.body, readOnlyProperties: 'reject' });
    if (!result.valid) problems.push(`${request.method} ${request.path}: ${formatValidationErrors(result) || 'no operation matches'}`);
  }
  return problems;
}
