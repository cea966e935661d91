import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import { placeholderFor } from '../../src-shared/restore/placeholders.js';
import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { executePlan } from '../../src-main/restore/execute-plan.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import { startSandbox, type SandboxOrg } from '../../src-main/sandbox/server.js';
import { Vault } from '../../src-main/vault/vault.js';
import { ChildProcesses } from '../support/child-process-run.js';
import { groupResources, makeCapture, saveTestConnection, testKey } from '../vault/vault-test-data.js';
import {
  assignGroupStep,
  ATLASSIAN_APP,
  connectRig,
  countRequests,
  createGroupStep,
  groupIdsNamed,
  journalLines,
  lastDetail,
  planOf,
  specProblems,
} from './execute-plan-kit.js';

const childScript = fileURLToPath(new URL('./fixtures/execute-plan-child.ts', import.meta.url));
const OLD_GROUP = '00gDeletedFinance001';
const GROUP_NAME = 'finance-confluence-users';
/** How long one child run may take before the test gives up on it, in milliseconds. */
const CHILD_TIMEOUT_MS = 60_000;

const children = new ChildProcesses();
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  children.killAll();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function plan(): RestorePlan {
  const group = createGroupStep(OLD_GROUP, GROUP_NAME);
  return planOf([group, assignGroupStep(placeholderFor('group', OLD_GROUP), 4, [group.key])]);
}

interface CrashSetup {
  org: SandboxOrg;
  vaultPath: string;
  restoreId: string;
}

/** Starts a sandbox org and a vault holding a restore of `plan()` into it; the vault is closed again. */
async function setUp(): Promise<CrashSetup> {
  const org = await startSandbox({ port: 0, seed: await loadSeed('atlassian-stack') });
  const directory = mkdtempSync(join(tmpdir(), 'butterfly-restore-'));
  cleanups.push(() => org.close(), () => rmSync(directory, { recursive: true, force: true }));

  const vaultPath = join(directory, 'vault.db');
  const vault = Vault.open({ path: vaultPath, vaultKey: testKey() });
  const connectionId = saveTestConnection(vault).id;
  const desired = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(1)), trigger: 'manual' });
  const restorePlan = plan();
  const restore = vault.createRestore({ connectionId, desiredSnapshotId: desired.id, plan: restorePlan as unknown as JsonValue, stepCount: restorePlan.steps.length });
  vault.close();
  return { org, vaultPath, restoreId: restore.id };
}

/**
 * Runs the child on the setup. With `holdAt`, resolves with the lines it printed once it has
 * printed that point and been killed with SIGKILL; without, resolves when it exits on its own.
 */
function runChild(setup: CrashSetup, holdAt?: string): Promise<string[]> {
  return children.run({
    command: process.execPath,
    args: ['--import', 'tsx', childScript, setup.vaultPath, setup.org.url, setup.restoreId, holdAt ?? 'none'],
    env: { BUTTERFLY_TEST_VAULT_KEY: testKey().toString('hex'), BUTTERFLY_TEST_ORG_TOKEN: setup.org.token },
    name: 'restore child',
    timeoutMs: CHILD_TIMEOUT_MS,
    ...(holdAt === undefined ? {} : { killAfterLine: holdAt.replace(':', ' ') }),
  });
}

/** Reads the restore's journal from the vault, as `<step> <type>` lines, and the succeeded detail of step 1. */
function readJournal(setup: CrashSetup): { lines: string[]; firstOutcome: JsonValue | undefined } {
  const vault = Vault.open({ path: setup.vaultPath, vaultKey: testKey() });
  try {
    return { lines: journalLines(vault, setup.restoreId), firstOutcome: lastDetail(vault, setup.restoreId, 1, 'succeeded')?.['outcome'] };
  } finally {
    vault.close();
  }
}

/**
 * Where the first run is killed, and what the journal must contain after the resume:
 * - after `started` was recorded, before the create was sent: the resume finds nothing and sends it;
 * - after Okta made the group, before `succeeded` was recorded: the resume finds it by lookup;
 * - between the two steps: the resume starts at step 2 with the id from the journal;
 * - after Okta responded to the assignment, before its outcome was recorded: the resume sends it again.
 */
const killPoints = [
  { holdAt: 'step-started:1', journal: ['1 started', '1 started', '1 succeeded', '2 started', '2 succeeded'], firstOutcome: 'sent' },
  { holdAt: 'answered:1', journal: ['1 started', '1 succeeded', '2 started', '2 succeeded'], firstOutcome: 'found-by-lookup' },
  { holdAt: 'step-succeeded:1', journal: ['1 started', '1 succeeded', '2 started', '2 succeeded'], firstOutcome: 'sent' },
  { holdAt: 'answered:2', journal: ['1 started', '1 succeeded', '2 started', '2 started', '2 succeeded'], firstOutcome: 'sent' },
];

describe('restore killed mid-run', () => {
  for (const point of killPoints) {
    it(`killed at ${point.holdAt} resumes once`, { timeout: 2 * CHILD_TIMEOUT_MS }, async () => {
      const setup = await setUp();

      const killed = await runChild(setup, point.holdAt);
      const resumed = await runChild(setup);

      const journal = readJournal(setup);
      const groupIds = groupIdsNamed(setup.org, GROUP_NAME);
      expect(killed.at(-1)?.replace(' ', ':')).toBe(point.holdAt);
      expect(resumed.at(-1)).toMatch(/^result \{"status":"succeeded"/);
      expect(groupIds).toHaveLength(1);
      expect(setup.org.state.appGroupAssignments.get(ATLASSIAN_APP)?.get(groupIds[0] ?? '')?.['priority']).toBe(4);
      expect(journal.lines).toEqual(point.journal);
      expect(journal.firstOutcome).toBe(point.firstOutcome);
    });
  }
});

describe('vault journal', () => {
  it('vault holds the journal in process', async () => {
    const setup = await setUp();
    const rig = connectRig(setup.org.url, setup.org.token);
    const vault = Vault.open({ path: setup.vaultPath, vaultKey: testKey() });
    cleanups.unshift(() => vault.close());

    const first = await executePlan({ plan: plan(), restoreId: setup.restoreId, journal: vault, transport: rig.transport });
    const second = await executePlan({ plan: plan(), restoreId: setup.restoreId, journal: vault, transport: rig.transport });

    expect(first.status).toBe('succeeded');
    expect(second.steps.map((step) => step.state)).toEqual(['succeeded-earlier', 'succeeded-earlier']);
    expect(second.createdIds).toEqual(first.createdIds);
    expect(countRequests(rig.requests, 'POST', '/api/v1/groups')).toBe(1);
    expect(await specProblems(rig.requests)).toEqual([]);
  });
});
