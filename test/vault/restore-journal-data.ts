// Test data for the restore journal tests and their child-process fixture. Like
// vault-test-data.ts, it imports nothing from vitest, so a fixture script run with tsx can use it.
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { Vault } from '../../src-main/vault/vault.js';
import type { CreateRestoreInput, RecordRestoreStepInput } from '../../src-main/vault/vault-types.js';
import { groupResources, makeCapture, saveTestConnection } from './vault-test-data.js';

/** Org data that the journal's sealed columns hold; the plaintext scans look for each in the file. */
export const restoreProbes = {
  approver: 'Quinn Quokka-Approver',
  planGroupName: 'Confluence Administrators Wombat',
  eventRequestBody: 'jsm-agents-numbat',
  statusDetail: 'Bilby rate limit exhausted',
  verification: 'Residual on Potoroo group rule',
};

/** The ids a restore needs: a connection, the snapshot restored from and the pre-restore capture. */
export interface RestoreSetup {
  connectionId: string;
  desiredSnapshotId: number;
  preRestoreSnapshotId: number;
}

/** Saves a connection (or finds it when the vault has one) and stores a desired and a pre-restore snapshot of it. */
export function setUpRestoreSources(vault: Vault, connectionName = 'Acme Production'): RestoreSetup {
  const connectionId = vault.findConnection(connectionName)?.id ?? saveTestConnection(vault, connectionName).id;
  const desired = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3)), trigger: 'manual' });
  const preRestore = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3, 1)), trigger: 'pre-restore' });
  return { connectionId, desiredSnapshotId: desired.id, preRestoreSnapshotId: preRestore.id };
}

/** Builds a plan-like value with `stepCount` steps that name the probe group and carry request bodies. */
export function samplePlan(stepCount: number): JsonValue {
  const steps = Array.from({ length: stepCount }, (_, index) => ({
    index: index + 1,
    key: `group:00g${index}:update`,
    description: `Update group ${restoreProbes.planGroupName} ${index + 1}`,
    request: { method: 'PUT', path: `/api/v1/groups/00g${index}`, body: { profile: { name: restoreProbes.planGroupName } } },
  }));
  return { version: 1, steps, manualSteps: [], blockers: [] };
}

/** Builds the `createRestore` input for a setup, with an approver and a fixed creation time. */
export function restoreInput(setup: RestoreSetup, stepCount = 4, overrides: Partial<CreateRestoreInput> = {}): CreateRestoreInput {
  return {
    connectionId: setup.connectionId,
    desiredSnapshotId: setup.desiredSnapshotId,
    preRestoreSnapshotId: setup.preRestoreSnapshotId,
    plan: samplePlan(stepCount),
    stepCount,
    approvedBy: restoreProbes.approver,
    createdAt: '2025-04-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Builds the detail of the n-th event the crash writer records. It contains n, so a test can tell each event apart. */
export function crashEventDetail(sequence: number): JsonValue {
  return { sequence, response: { status: 200, body: { id: `00g${sequence}`, profile: { name: restoreProbes.eventRequestBody } } } };
}

/** Steps in the crash writer's plan. */
export const CRASH_STEP_COUNT = 50;

/**
 * Builds the n-th event the crash writer records. Step, type, time and detail all follow from n,
 * so a test can tell whether each stored event is whole and in its place.
 */
export function crashEvent(sequence: number): RecordRestoreStepInput {
  return {
    stepIndex: ((sequence - 1) % CRASH_STEP_COUNT) + 1,
    type: sequence % 2 === 1 ? 'started' : 'succeeded',
    detail: crashEventDetail(sequence),
    at: new Date(Date.UTC(2025, 3, 1, 10) + sequence * 1_000).toISOString(),
  };
}
