import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { Vault } from '../../src-main/vault/vault.js';
import { VaultError } from '../../src-main/vault/vault-errors.js';
import type { CreateRestoreInput, RestoreStepEvent } from '../../src-main/vault/vault-types.js';
import { restoreInput, restoreProbes, samplePlan, setUpRestoreSources, type RestoreSetup } from './restore-journal-data.js';
import { openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function vaultWithSources(): { vault: Vault; path: string; setup: RestoreSetup } {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  return { vault, path, setup: setUpRestoreSources(vault) };
}

/** Runs `action` and returns the VaultError it throws; fails the test for anything else. */
function vaultErrorOf(action: () => unknown): VaultError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    return error as VaultError;
  }
  throw new Error('the action did not throw');
}

describe('restore journal records', () => {
  it('create returns the record', () => {
    const { vault, setup } = vaultWithSources();

    const record = vault.createRestore(restoreInput(setup, 4));

    expect(record).toEqual({
      id: 'r1',
      connectionId: setup.connectionId,
      connectionName: 'Acme Production',
      desiredSnapshotId: setup.desiredSnapshotId,
      preRestoreSnapshotId: setup.preRestoreSnapshotId,
      createdAt: '2025-04-01T10:00:00.000Z',
      updatedAt: '2025-04-01T10:00:00.000Z',
      status: 'running',
      approvedBy: restoreProbes.approver,
      stepCount: 4,
      stepsSucceeded: 0,
    });
    vault.close();
  });

  it('optional fields may be left out', () => {
    const { vault, setup } = vaultWithSources();
    const before = Date.now();

    const record = vault.createRestore({ connectionId: setup.connectionId, desiredSnapshotId: setup.desiredSnapshotId, plan: null, stepCount: 0 });
    const stored = vault.readRestore(record.id);

    expect(record.preRestoreSnapshotId).toBeUndefined();
    expect(record.approvedBy).toBeUndefined();
    expect(Date.parse(record.createdAt)).toBeGreaterThanOrEqual(before);
    expect(record.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(stored.plan).toBeNull();
    expect(stored.events).toEqual([]);
    expect(stored.statusDetail).toBeUndefined();
    expect(stored.verification).toBeUndefined();
    vault.close();
  });

  it('ids count up and are never reused', () => {
    const { vault, path, setup } = vaultWithSources();
    const other = saveTestConnection(vault, 'Acme Standby');

    expect(vault.createRestore(restoreInput(setup)).id).toBe('r1');
    expect(vault.createRestore({ ...restoreInput(setup), connectionId: other.id, preRestoreSnapshotId: undefined }).id).toBe('r2');
    vault.close();

    const raw = openRawDatabase(path);
    raw.prepare('DELETE FROM restores WHERE id = 2').run();
    raw.close();
    const reopened = openTestVault(path);

    expect(reopened.createRestore(restoreInput(setup)).id).toBe('r3');
    expect(reopened.listRestores().map((record) => record.id)).toEqual(['r3', 'r1']);
    reopened.close();
  });

  it('upper-case id finds the restore', () => {
    const { vault, setup } = vaultWithSources();
    vault.createRestore(restoreInput(setup));

    expect(vault.readRestore('R1').record.id).toBe('r1');
    vault.close();
  });

  it('plan reads back whole', () => {
    const { vault, setup } = vaultWithSources();
    const plan: JsonValue = { ...(samplePlan(2) as object), unicode: 'Ingénierie 🦋 工程', nested: [1, 2.5, -3e-7, true, null, { empty: {} }] };

    const record = vault.createRestore({ ...restoreInput(setup, 2), plan });

    expect(vault.readRestore(record.id).plan).toEqual(plan);
    vault.close();
  });
});

describe('restore journal events', () => {
  it('keep the order they were recorded in', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 5));
    // Twelve events, steps out of order and all at the same time, so that neither the step
    // index, the time nor a text sort of the numbers ("10" before "2") gives this order.
    const steps = [3, 1, 5, 2, 2, 4, 1, 5, 3, 4, 2, 1];
    const types = ['started', 'succeeded', 'failed', 'skipped'] as const;
    const recorded: RestoreStepEvent[] = steps.map((stepIndex, index) => ({
      stepIndex,
      type: types[index % types.length]!,
      at: '2025-04-01T10:05:00.000Z',
      detail: { position: index, note: `event ${index}` },
    }));

    for (const event of recorded) vault.recordRestoreStep(record.id, event);

    expect(vault.readRestore(record.id).events).toEqual(recorded);
    vault.close();
  });

  it('survive closing the vault', () => {
    const { vault, path, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 2));
    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'started', detail: { request: 'PUT' }, at: '2025-04-01T10:01:00.000Z' });
    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'succeeded', detail: { status: 200 }, at: '2025-04-01T10:01:01.000Z' });
    vault.setRestoreStatus(record.id, 'failed', { error: 'network lost' });
    const before = vault.readRestore(record.id);
    vault.close();

    const reopened = openTestVault(path);

    expect(reopened.readRestore(record.id)).toEqual(before);
    expect(before.events).toHaveLength(2);
    reopened.close();
  });

  it('default time is now', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 1));
    const before = Date.now();

    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'started', detail: null });
    const [event] = vault.readRestore(record.id).events;

    expect(Date.parse(event!.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event!.at)).toBeLessThanOrEqual(Date.now());
    vault.close();
  });

  it('steps succeeded counts distinct steps', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 4));
    const events: Array<[number, RestoreStepEvent['type']]> = [
      [1, 'started'], [1, 'succeeded'],
      [2, 'started'], [2, 'failed'], [2, 'started'], [2, 'succeeded'], [2, 'succeeded'],
      [3, 'skipped'],
      [4, 'started'], [4, 'failed'],
    ];

    for (const [stepIndex, type] of events) vault.recordRestoreStep(record.id, { stepIndex, type, detail: null });

    expect(vault.readRestore(record.id).record.stepsSucceeded).toBe(2);
    expect(vault.listRestores()[0]?.stepsSucceeded).toBe(2);
    vault.close();
  });

  it('update time follows the latest change', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 2, { createdAt: '2025-04-01T10:00:00.000Z' }));

    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'started', detail: null, at: '2025-04-02T08:00:00.000Z' });
    const afterEvent = vault.readRestore(record.id).record.updatedAt;
    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'succeeded', detail: null, at: '2025-04-01T12:00:00.000Z' });
    const afterEarlierEvent = vault.readRestore(record.id).record.updatedAt;
    const beforeStatus = Date.now();
    vault.setRestoreStatus(record.id, 'completed');
    const afterStatus = vault.readRestore(record.id).record.updatedAt;

    expect(afterEvent).toBe('2025-04-02T08:00:00.000Z');
    expect(afterEarlierEvent).toBe('2025-04-02T08:00:00.000Z');
    expect(Date.parse(afterStatus)).toBeGreaterThanOrEqual(beforeStatus);
    vault.close();
  });
});

describe('restore journal status', () => {
  it('detail is replaced with the status', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));

    vault.setRestoreStatus(record.id, 'failed', { step: 2, error: restoreProbes.statusDetail });
    const failed = vault.readRestore(record.id);
    vault.setRestoreStatus(record.id, 'running');
    const resumed = vault.readRestore(record.id);

    expect(failed.record.status).toBe('failed');
    expect(failed.statusDetail).toEqual({ step: 2, error: restoreProbes.statusDetail });
    expect(resumed.record.status).toBe('running');
    expect(resumed.statusDetail).toBeUndefined();
    vault.close();
  });

  it('every status is accepted', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));
    const statuses = ['running', 'failed', 'completed', 'verified', 'verified-with-residuals', 'verification-failed'] as const;

    for (const status of statuses) {
      vault.setRestoreStatus(record.id, status, { status });
      expect(vault.listRestores()[0]?.status).toBe(status);
      expect(vault.readRestore(record.id).statusDetail).toEqual({ status });
    }
    vault.close();
  });

  it('verification is stored and replaced', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));

    vault.setRestoreVerification(record.id, { residuals: [restoreProbes.verification] });
    const first = vault.readRestore(record.id).verification;
    vault.setRestoreVerification(record.id, { residuals: [] });

    expect(first).toEqual({ residuals: [restoreProbes.verification] });
    expect(vault.readRestore(record.id).verification).toEqual({ residuals: [] });
    vault.close();
  });
});

describe('restore journal listing', () => {
  it('lists newest first and by connection', () => {
    const { vault, setup } = vaultWithSources();
    const standby = setUpRestoreSources(vault, 'Acme Standby');
    vault.createRestore(restoreInput(setup));
    vault.createRestore(restoreInput(standby));
    vault.createRestore(restoreInput(setup));

    const all = vault.listRestores();

    expect(all.map((record) => record.id)).toEqual(['r3', 'r2', 'r1']);
    expect(all.map((record) => record.connectionName)).toEqual(['Acme Production', 'Acme Standby', 'Acme Production']);
    expect(vault.listRestores(setup.connectionId).map((record) => record.id)).toEqual(['r3', 'r1']);
    expect(vault.listRestores(standby.connectionId).map((record) => record.id)).toEqual(['r2']);
    vault.close();
  });

  it('list matches the read record', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 3));
    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'succeeded', detail: null, at: '2025-04-01T10:02:00.000Z' });
    vault.setRestoreStatus(record.id, 'completed');

    expect(vault.listRestores()).toEqual([vault.readRestore(record.id).record]);
    vault.close();
  });

  it('empty vault lists nothing', () => {
    const { vault, setup } = vaultWithSources();

    expect(vault.listRestores()).toEqual([]);
    expect(vault.listRestores(setup.connectionId)).toEqual([]);
    vault.close();
  });

  it('unknown connection is reported', () => {
    const { vault } = vaultWithSources();

    expect(vaultErrorOf(() => vault.listRestores('no-such-connection')).code).toBe('connection-not-found');
    vault.close();
  });
});

describe('restore journal errors', () => {
  const unknownIds = ['r99', 'r0', 'r01', 'x1', '', '1', 'r1 ', 'r99999999999999999999'];

  it.each(unknownIds)('unknown restore id %j', (restoreId) => {
    const { vault, setup } = vaultWithSources();
    vault.createRestore(restoreInput(setup));
    const calls: Array<() => unknown> = [
      () => vault.readRestore(restoreId),
      () => vault.recordRestoreStep(restoreId, { stepIndex: 1, type: 'started', detail: null }),
      () => vault.setRestoreStatus(restoreId, 'failed'),
      () => vault.setRestoreVerification(restoreId, {}),
    ];

    for (const call of calls) {
      const error = vaultErrorOf(call);
      expect(error.code).toBe('restore-not-found');
      expect(error.message).toContain(JSON.stringify(restoreId.slice(0, 40)));
      expect(error.message).toContain('butterfly restores');
    }
    vault.close();
  });

  it.each([0, -1, 5, 1.5, Number.NaN])('step index %d is rejected', (stepIndex) => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 4));

    const error = vaultErrorOf(() => vault.recordRestoreStep(record.id, { stepIndex, type: 'started', detail: null }));

    expect(error.code).toBe('invalid-restore-input');
    expect(error.message).toContain(String(stepIndex));
    expect(vault.readRestore(record.id).events).toEqual([]);
    vault.close();
  });

  it('plan without steps rejects every step', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 0));

    expect(vaultErrorOf(() => vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'started', detail: null })).code).toBe('invalid-restore-input');
    vault.close();
  });

  it('last step is accepted', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 4));

    vault.recordRestoreStep(record.id, { stepIndex: 4, type: 'started', detail: null });

    expect(vault.readRestore(record.id).events.map((event) => event.stepIndex)).toEqual([4]);
    vault.close();
  });

  const invalidEvents: Array<[string, Record<string, unknown>]> = [
    ['unknown type', { stepIndex: 1, type: 'retried', detail: null }],
    ['missing detail', { stepIndex: 1, type: 'started' }],
    ['detail with NaN', { stepIndex: 1, type: 'started', detail: { elapsed: Number.NaN } }],
    ['local time', { stepIndex: 1, type: 'started', detail: null, at: '2025-04-01T10:00:00+02:00' }],
    ['text time', { stepIndex: 1, type: 'started', detail: null, at: 'now' }],
  ];

  it.each(invalidEvents)('event with %s is rejected', (_name, event) => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup, 2));

    const error = vaultErrorOf(() => vault.recordRestoreStep(record.id, event as never));

    expect(error.code).toBe('invalid-restore-input');
    expect(vault.readRestore(record.id).events).toEqual([]);
    vault.close();
  });

  const invalidRestores: Array<[string, Partial<CreateRestoreInput>]> = [
    ['empty connection id', { connectionId: '' }],
    ['negative step count', { stepCount: -1 }],
    ['fractional step count', { stepCount: 1.5 }],
    ['snapshot id 0', { desiredSnapshotId: 0 }],
    ['fractional pre-restore id', { preRestoreSnapshotId: 1.5 }],
    ['empty approver', { approvedBy: '' }],
    ['blank approver', { approvedBy: '   ' }],
    ['approver with a line break', { approvedBy: `${restoreProbes.approver}\nsecond line` }],
    ['long approver', { approvedBy: 'a'.repeat(201) }],
    ['local creation time', { createdAt: '2025-04-01T12:00:00+02:00' }],
    ['plan with infinity', { plan: { timeoutMs: Number.POSITIVE_INFINITY } }],
    ['missing plan', { plan: undefined as unknown as JsonValue }],
  ];

  it.each(invalidRestores)('restore with %s is rejected', (_name, overrides) => {
    const { vault, setup } = vaultWithSources();

    const error = vaultErrorOf(() => vault.createRestore(restoreInput(setup, 2, overrides)));

    expect(error.code).toBe('invalid-restore-input');
    expect(error.message).not.toContain(restoreProbes.approver);
    expect(vault.listRestores()).toEqual([]);
    vault.close();
  });

  it('longest approver is accepted', () => {
    const { vault, setup } = vaultWithSources();

    expect(vault.createRestore(restoreInput(setup, 1, { approvedBy: 'a'.repeat(200) })).approvedBy).toHaveLength(200);
    vault.close();
  });

  it.each([
    ['desired', { desiredSnapshotId: 99 }],
    ['pre-restore', { preRestoreSnapshotId: 99 }],
  ])('missing %s snapshot is reported', (_name, overrides) => {
    const { vault, setup } = vaultWithSources();

    const error = vaultErrorOf(() => vault.createRestore(restoreInput(setup, 2, overrides)));

    expect(error.code).toBe('snapshot-not-found');
    expect(error.message).toContain('Snapshot 99');
    expect(vault.listRestores()).toEqual([]);
    vault.close();
  });

  it('unknown connection is rejected', () => {
    const { vault, setup } = vaultWithSources();

    expect(vaultErrorOf(() => vault.createRestore(restoreInput(setup, 2, { connectionId: 'nobody' }))).code).toBe('connection-not-found');
    vault.close();
  });

  it('pre-restore snapshot of another connection is rejected', () => {
    const { vault, setup } = vaultWithSources();
    const standby = setUpRestoreSources(vault, 'Acme Standby');

    const error = vaultErrorOf(() => vault.createRestore(restoreInput(setup, 2, { preRestoreSnapshotId: standby.preRestoreSnapshotId })));

    expect(error.code).toBe('invalid-restore-input');
    expect(error.message).toContain(`pre-restore snapshot ${standby.preRestoreSnapshotId}`);
    vault.close();
  });

  it('desired snapshot may come from another connection', () => {
    const { vault, setup } = vaultWithSources();
    const standby = setUpRestoreSources(vault, 'Acme Standby');

    const record = vault.createRestore(restoreInput(standby, 2, { desiredSnapshotId: setup.desiredSnapshotId }));

    expect(record.desiredSnapshotId).toBe(setup.desiredSnapshotId);
    expect(record.connectionName).toBe('Acme Standby');
    vault.close();
  });

  it('unknown status is rejected', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));

    const error = vaultErrorOf(() => vault.setRestoreStatus(record.id, 'paused' as never));

    expect(error.code).toBe('invalid-restore-input');
    expect(vault.readRestore(record.id).record.status).toBe('running');
    vault.close();
  });

  it('unwritable status detail changes nothing', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));

    const error = vaultErrorOf(() => vault.setRestoreStatus(record.id, 'failed', { elapsed: Number.NaN }));

    expect(error.code).toBe('invalid-restore-input');
    expect(vault.readRestore(record.id).record.status).toBe('running');
    vault.close();
  });

  it('unwritable verification is rejected', () => {
    const { vault, setup } = vaultWithSources();
    const record = vault.createRestore(restoreInput(setup));

    expect(vaultErrorOf(() => vault.setRestoreVerification(record.id, [Number.NEGATIVE_INFINITY])).code).toBe('invalid-restore-input');
    expect(vault.readRestore(record.id).verification).toBeUndefined();
    vault.close();
  });

  it('closed vault is reported', () => {
    const { vault } = vaultWithSources();
    vault.close();

    expect(vaultErrorOf(() => vault.listRestores()).code).toBe('vault-closed');
  });
});
