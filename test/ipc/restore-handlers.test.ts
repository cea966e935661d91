import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOf, type IPC_METHODS } from '../../src-shared/ipc/ipc-channels.js';
import type { IpcResults } from '../../src-shared/ipc/ipc-contract.js';
import type { IpcResult } from '../../src-shared/ipc/ipc-result.js';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import type { RestoreStepEventView } from '../../src-shared/ipc/restore-views.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import { createDesktopApp, type DesktopApp } from '../../src-main/ipc/desktop-handlers.js';
import { registerIpcHandlers } from '../../src-main/ipc/register-handlers.js';
import { DEMO_CONNECTION_NAME } from '../../src-main/ipc/sandbox-host.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { MemorySecretStoreForTests } from '../../src-main/secrets/memory-secret-store.js';
import { openServices, type ButterflyServices } from '../../src-main/services/butterfly-services.js';
import { APP_FRAME, errorCodeOf, FakeIpcMain } from './fake-ipc-main.js';

type Method = (typeof IPC_METHODS)[number];

let home: string;
let services: ButterflyServices;
let app: DesktopApp;
let ipc: FakeIpcMain;
const events: JobEvent[] = [];
let beforeDrill: number;
let mappingScope: ScopeEntry[];
let host: string;

async function call<M extends Method>(method: M, request: unknown): Promise<IpcResult<IpcResults[M]>> {
  return (await ipc.invoke(channelOf(method), APP_FRAME, request)) as IpcResult<IpcResults[M]>;
}

async function value<M extends Method>(method: M, request: unknown): Promise<IpcResults[M]> {
  const result = await call(method, request);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function stepEvents(jobId: string): RestoreStepEventView[] {
  return events.flatMap((event) => (event.jobId === jobId && event.type === 'restore-step' ? [event.event] : []));
}

const target = (scope: ScopeEntry[], options: Record<string, unknown> = {}) => ({ jobId: crypto.randomUUID(), connectionName: DEMO_CONNECTION_NAME, snapshotId: beforeDrill, scope, options });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'butterfly-ipc-restore-'));
  services = await openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: new MemorySecretStoreForTests() });
  app = createDesktopApp({ services, logger: silentLogger(), emit: (event) => events.push(event) });
  ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, app.handlers, { appOrigin: 'app://butterfly', logger: silentLogger() });

  const sandbox = await value('startSandbox', {});
  host = sandbox.running ? new URL(sandbox.orgUrl).host : '';
  beforeDrill = (await value('takeSnapshot', { jobId: crypto.randomUUID(), connectionName: DEMO_CONNECTION_NAME })).id;
  await value('applyDrill', { name: 'scim-mapping-tier-change' });
  const diff = await value('compareSnapshots', { jobId: crypto.randomUUID(), beforeId: beforeDrill, after: 'live' });
  const mapping = diff.changes.find((change) => change.kind === 'profile-mapping');
  if (mapping === undefined) throw new Error('The drill changed no profile mapping, so there is nothing to restore.');
  mappingScope = [{ type: 'resource', kind: 'profile-mapping', id: mapping.id }];
}, 120_000);

afterAll(async () => {
  await app.shutdown();
  services.close();
  await rm(home, { recursive: true, force: true });
});

describe('restore handlers on the sandbox org', () => {
  it('snapshot apps are listed by label', async () => {
    const apps = await value('listSnapshotApps', { snapshotId: beforeDrill });
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every((entry) => entry.id.length > 0 && entry.name.length > 0)).toBe(true);
  });

  it('dry run plans the mapping step', async () => {
    const request = target(mappingScope);
    const view = await value('planRestore', request);
    expect(view.confirmation).toBe(host);
    expect(view.plan.blockers).toEqual([]);
    expect(view.plan.steps.map((step) => step.kind)).toContain('profile-mapping');
    expect(view.plan.steps[0]?.reverses.length).toBeGreaterThan(0);
    const progress = events.filter((event) => event.jobId === request.jobId && event.type === 'capture-progress');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('dry run sends nothing', async () => {
    await value('planRestore', target(mappingScope));
    expect(await value('listRestores', {})).toEqual([]);
    const diff = await value('compareSnapshots', { jobId: crypto.randomUUID(), beforeId: beforeDrill, after: 'live' });
    expect(diff.changes.map((change) => change.kind)).toContain('profile-mapping');
  });

  it('scope naming nothing is SCOPE_INVALID', async () => {
    const result = await call('planRestore', target([{ type: 'resource', id: '00gnothing' }]));
    expect(errorCodeOf(result)).toBe('SCOPE_INVALID');
  });

  it('unknown app scope is SCOPE_INVALID', async () => {
    const result = await call('planRestore', target([{ type: 'app', appId: '0oanothing' }]));
    expect(errorCodeOf(result)).toBe('SCOPE_INVALID');
  });

  it('wrong confirmation is rejected unsent', async () => {
    const result = await call('executeRestore', { ...target(mappingScope), confirm: 'acme.okta.com' });
    expect(errorCodeOf(result)).toBe('CONFIRMATION_MISMATCH');
    expect(await value('listRestores', {})).toEqual([]);
  });

  it('approver from the renderer is rejected', async () => {
    const result = await call('executeRestore', { ...target(mappingScope), confirm: host, approvedBy: 'mallory' });
    expect(errorCodeOf(result)).toBe('INVALID_REQUEST');
    expect(await value('listRestores', {})).toEqual([]);
  });

  it('cancelled dry run is CANCELLED', async () => {
    const request = target(mappingScope);
    const pending = call('planRestore', request);
    while (!events.some((event) => event.jobId === request.jobId)) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await value('cancelJob', { jobId: request.jobId })).toEqual({ cancelled: true });
    expect(errorCodeOf(await pending)).toBe('CANCELLED');
  });

  it('cancel before steps sends nothing', async () => {
    const request = { ...target(mappingScope), confirm: host };
    const pending = call('executeRestore', request);
    while (!events.some((event) => event.jobId === request.jobId)) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await value('cancelJob', { jobId: request.jobId })).toEqual({ cancelled: true });
    const outcome = await pending;
    if (outcome.ok) throw new Error('executeRestore ran although it was cancelled');
    expect(outcome.error.code).toBe('CANCELLED');
    expect(stepEvents(request.jobId).filter((event) => event.type === 'step-started')).toEqual([]);
    expect(await value('listRestores', {})).toEqual([]);
    const diff = await value('compareSnapshots', { jobId: crypto.randomUUID(), beforeId: beforeDrill, after: 'live' });
    expect(diff.changes.map((change) => change.kind)).toContain('profile-mapping');
  });

  it('execution reports steps and verifies clean', async () => {
    const request = { ...target(mappingScope), confirm: host.toUpperCase() };
    const outcome = await value('executeRestore', request);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.verification?.clean).toBe(true);
    expect(outcome.verification?.residuals).toEqual([]);
    expect(outcome.restore.status).toBe('verified');
    expect(outcome.restore.approvedBy).toBe(userInfo().username);

    const progress = stepEvents(request.jobId);
    const started = progress.filter((event) => event.type === 'step-started');
    const succeeded = progress.filter((event) => event.type === 'step-succeeded');
    expect(started.length).toBe(outcome.plan.steps.length);
    expect(succeeded.length).toBe(outcome.plan.steps.length);
    expect(started[0]?.step.total).toBe(outcome.plan.steps.length);
  });

  it('undo points at the pre-restore snapshot', async () => {
    const [record] = await value('listRestores', { connectionName: DEMO_CONNECTION_NAME });
    expect(record?.preRestoreSnapshotId).not.toBeNull();
    const snapshots = await value('listSnapshots', {});
    const preRestore = snapshots.find((snapshot) => snapshot.id === record?.preRestoreSnapshotId);
    expect(preRestore?.trigger).toBe('pre-restore');
  });

  it('journal shows every step succeeded', async () => {
    const [record] = await value('listRestores', {});
    const journal = await value('showRestore', { restoreId: record?.id ?? '' });
    expect(journal.steps.length).toBe(record?.stepCount);
    expect(journal.steps.every((step) => step.state === 'succeeded')).toBe(true);
    expect(journal.verification?.clean).toBe(true);
  });

  it('verified restore cannot be resumed', async () => {
    const [record] = await value('listRestores', {});
    const result = await call('resumeRestore', { jobId: crypto.randomUUID(), restoreId: record?.id ?? '' });
    expect(errorCodeOf(result)).toBe('RESTORE_REFUSED');
  });

  it('unknown restore is NOT_FOUND', async () => {
    expect(errorCodeOf(await call('showRestore', { restoreId: 'r999' }))).toBe('NOT_FOUND');
  });

  it('loss above threshold blocks the plan', async () => {
    const [record] = await value('listRestores', {});
    const undo = { ...target(mappingScope, { thresholdUsers: 0, thresholdPercent: 0 }), snapshotId: record?.preRestoreSnapshotId ?? 0 };
    const view = await value('planRestore', undo);
    expect(view.plan.threshold.exceeded).toBe(true);
    expect(view.plan.blockers.length).toBeGreaterThan(0);

    const restoresBefore = (await value('listRestores', {})).length;
    const result = await call('executeRestore', { ...undo, jobId: crypto.randomUUID(), confirm: host });
    expect(errorCodeOf(result)).toBe('RESTORE_BLOCKED');
    expect((await value('listRestores', {})).length).toBe(restoresBefore);
  });

  it('override lets the blocked plan pass', async () => {
    const [record] = await value('listRestores', {});
    const undo = { ...target(mappingScope, { thresholdUsers: 0, thresholdPercent: 0, overrideThreshold: true }), snapshotId: record?.preRestoreSnapshotId ?? 0 };
    const view = await value('planRestore', undo);
    expect(view.plan.threshold.overridden).toBe(true);
    expect(view.plan.blockers).toEqual([]);
  });

  it('no result carries the org token', async () => {
    const token = app.sandbox.org?.token ?? 'missing';
    const [record] = await value('listRestores', {});
    const results = [
      await value('planRestore', target(mappingScope)),
      await value('listRestores', {}),
      await value('showRestore', { restoreId: record?.id ?? '' }),
      events,
    ];
    expect(JSON.stringify(results)).not.toContain(token);
  });
});
