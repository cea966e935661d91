import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOf, type IPC_METHODS } from '../../src-shared/ipc/ipc-channels.js';
import type { IpcResults } from '../../src-shared/ipc/ipc-contract.js';
import type { IpcResult } from '../../src-shared/ipc/ipc-result.js';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import { createDesktopApp, type DesktopApp } from '../../src-main/ipc/desktop-handlers.js';
import { registerIpcHandlers } from '../../src-main/ipc/register-handlers.js';
import { DEMO_CONNECTION_NAME } from '../../src-main/ipc/sandbox-host.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { CAPTURE_SCOPES } from '../../src-main/okta/okta-client.js';
import { startSandbox, type SandboxOrg } from '../../src-main/sandbox/server.js';
import { DEFAULT_SEED, loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import { MemorySecretStoreForTests } from '../../src-main/secrets/memory-secret-store.js';
import { openServices, type ButterflyServices } from '../../src-main/services/butterfly-services.js';
import { APP_FRAME, errorCodeOf, FakeIpcMain } from './fake-ipc-main.js';

type Method = (typeof IPC_METHODS)[number];

let home: string;
let services: ButterflyServices;
let store: MemorySecretStoreForTests;
let app: DesktopApp;
let ipc: FakeIpcMain;
const events: JobEvent[] = [];

async function call<M extends Method>(method: M, request: unknown): Promise<IpcResult<IpcResults[M]>> {
  return (await ipc.invoke(channelOf(method), APP_FRAME, request)) as IpcResult<IpcResults[M]>;
}

async function value<M extends Method>(method: M, request: unknown): Promise<IpcResults[M]> {
  const result = await call(method, request);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'butterfly-ipc-'));
  store = new MemorySecretStoreForTests();
  services = await openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: store });
  app = createDesktopApp({ services, logger: silentLogger(), emit: (event) => events.push(event) });
  ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, app.handlers, { appOrigin: 'app://butterfly', logger: silentLogger() });
});

afterAll(async () => {
  await app.shutdown();
  services.close();
  await rm(home, { recursive: true, force: true });
});

describe('desktop handlers on the sandbox org', () => {
  it('drill before sandbox is refused', async () => {
    const result = await call('applyDrill', { name: 'acs-url-changed' });
    expect(errorCodeOf(result)).toBe('SANDBOX_NOT_RUNNING');
  });

  it('sandbox start saves demo connection', async () => {
    const view = await value('startSandbox', {});
    expect(view.running && view.connectionName).toBe(DEMO_CONNECTION_NAME);
    const connections = await value('listConnections', {});
    expect(connections.map((connection) => connection.name)).toEqual([DEMO_CONNECTION_NAME]);
  });

  it('connection list carries no token', async () => {
    const token = app.sandbox.org?.token ?? 'missing';
    const connections = await value('listConnections', {});
    expect(JSON.stringify(connections)).not.toContain(token);
  });

  it('connection test grants capture scopes', async () => {
    const check = await value('testConnection', { name: DEMO_CONNECTION_NAME });
    expect(check.reachable).toBe(true);
    expect(check.capture.filter((entry) => entry.status !== 'granted')).toEqual([]);
    expect(check.restore.every((entry) => entry.status === 'unknown')).toBe(true);
  });

  it('snapshot reports progress and is stored', async () => {
    const jobId = crypto.randomUUID();
    const snapshot = await value('takeSnapshot', { jobId, connectionName: DEMO_CONNECTION_NAME, label: 'before' });
    expect(snapshot.complete).toBe(true);
    expect(snapshot.label).toBe('before');
    const progress = events.flatMap((event) => (event.jobId === jobId && event.type === 'capture-progress' ? [event.progress] : []));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)?.sectionsDone).toBe(progress.at(-1)?.sectionsTotal);
  });

  it('cancelled capture stores nothing', async () => {
    const before = (await value('listSnapshots', {})).length;
    const jobId = crypto.randomUUID();
    const pending = call('takeSnapshot', { jobId, connectionName: DEMO_CONNECTION_NAME });
    while (!events.some((event) => event.jobId === jobId)) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await value('cancelJob', { jobId })).toEqual({ cancelled: true });
    const result = await pending;
    expect(errorCodeOf(result)).toBe('CANCELLED');
    expect((await value('listSnapshots', {})).length).toBe(before);
  });

  it('cancel of unknown job returns false', async () => {
    expect(await value('cancelJob', { jobId: crypto.randomUUID() })).toEqual({ cancelled: false });
  });

  it('drill then compare finds the change', async () => {
    const run = await value('applyDrill', { name: 'scim-mapping-tier-change' });
    expect(run.touched.map((touched) => touched.kind)).toContain('profile-mapping');

    const after = await value('takeSnapshot', { jobId: crypto.randomUUID(), connectionName: DEMO_CONNECTION_NAME });
    const diff = await value('compareSnapshots', { jobId: crypto.randomUUID(), beforeId: 1, after: after.id });
    expect(diff.changes.map((change) => change.kind)).toContain('profile-mapping');
    expect(diff.headline.join(' ')).toMatch(/lose Confluence/i);
  });

  it('compare with live captures now', async () => {
    const diff = await value('compareSnapshots', { jobId: crypto.randomUUID(), beforeId: 1, after: 'live' });
    expect(diff.after.label).toBe('live');
    expect(diff.changes.map((change) => change.kind)).toContain('profile-mapping');
  });

  it('label can be set and cleared', async () => {
    expect((await value('setSnapshotLabel', { snapshotId: 2, label: 'after drill' })).label).toBe('after drill');
    expect((await value('setSnapshotLabel', { snapshotId: 2, label: null })).label).toBeNull();
  });

  it('missing snapshot is NOT_FOUND', async () => {
    const result = await call('showSnapshot', { snapshotId: 999 });
    expect(errorCodeOf(result)).toBe('NOT_FOUND');
  });

  it('show lists every section', async () => {
    const detail = await value('showSnapshot', { snapshotId: 1 });
    expect(detail.sections.length).toBe(18);
    expect(detail.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('vault check finds no problem', async () => {
    expect((await value('verifyVault', {})).problems).toEqual([]);
  });

  it('duplicate name is ALREADY_EXISTS', async () => {
    const orgUrl = app.sandbox.org?.url ?? '';
    const result = await call('addConnection', { name: DEMO_CONNECTION_NAME, orgUrl, credential: { type: 'api-token', token: 'wrong-token-123' }, replace: false });
    expect(errorCodeOf(result)).toBe('ALREADY_EXISTS');
  });

  it('wrong token is rejected unsaved', async () => {
    const orgUrl = app.sandbox.org?.url ?? '';
    const result = await call('addConnection', { name: 'wrong', orgUrl, credential: { type: 'api-token', token: 'wrong-token-123' }, replace: false });
    expect(errorCodeOf(result)).toBe('CREDENTIAL_REJECTED');
    expect((await value('listConnections', {})).map((connection) => connection.name)).not.toContain('wrong');
  });

  it('stopping sandbox removes demo token', async () => {
    await value('stopSandbox', {});
    const result = await call('takeSnapshot', { jobId: crypto.randomUUID(), connectionName: DEMO_CONNECTION_NAME });
    expect(errorCodeOf(result)).toBe('CREDENTIAL_MISSING');
  });
});

describe('connection test with a service app', () => {
  let org: SandboxOrg;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const withoutPolicies = CAPTURE_SCOPES.filter((scope) => scope !== 'okta.policies.read');

  beforeAll(async () => {
    org = await startSandbox({
      seed: await loadSeed(DEFAULT_SEED),
      serviceApps: [{ clientId: '0oaservice', publicKeys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }], grantedScopes: [...withoutPolicies, 'okta.groups.manage'] }],
    });
  });

  afterAll(async () => {
    await org.close();
  });

  it('lists scopes the app lacks', async () => {
    await value('addConnection', { name: 'service', orgUrl: org.url, credential: { type: 'private-key', clientId: '0oaservice', privateKeyPem: pem, scopes: [...withoutPolicies, 'okta.groups.manage'] }, replace: false });
    const check = await value('testConnection', { name: 'service' });
    const missing = (entries: { scope: string; status: string }[]): string[] => entries.filter((entry) => entry.status === 'missing').map((entry) => entry.scope);
    expect(missing(check.capture)).toEqual(['okta.policies.read']);
    expect(missing(check.restore)).not.toContain('okta.groups.manage');
    expect(missing(check.restore)).toContain('okta.apps.manage');
  });

  it('private key never reaches the renderer', async () => {
    const connections = await value('listConnections', {});
    expect(JSON.stringify(connections)).not.toContain('PRIVATE KEY');
  });
});
