import { describe, expect, it } from 'vitest';
import { channelOf, IPC_METHODS } from '../../src-shared/ipc/ipc-channels.js';
import type { IpcResult } from '../../src-shared/ipc/ipc-result.js';
import { DesktopError } from '../../src-main/ipc/desktop-error.js';
import { registerIpcHandlers, type DesktopHandlers } from '../../src-main/ipc/register-handlers.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { ConnectionNotFoundError } from '../../src-main/services/take-snapshot.js';
import { VaultError } from '../../src-main/vault/vault-errors.js';
import { RestoreRefusedError } from '../../src-main/restore/run-restore.js';
import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { ScopeError } from '../../src-shared/restore/scope-resolution.js';
import { APP_FRAME, errorCodeOf, FakeIpcMain } from './fake-ipc-main.js';

const JOB_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789';

/** Handlers that record each call and return the request, so a test can tell whether validation passed it on. */
function recordingHandlers(calls: string[], override: Partial<DesktopHandlers> = {}): DesktopHandlers {
  const handlers = Object.fromEntries(
    IPC_METHODS.map((method) => [
      method,
      async (request: unknown) => {
        calls.push(method);
        return { echoed: request };
      },
    ]),
  ) as unknown as DesktopHandlers;
  return { ...handlers, ...override };
}

function setUp(override: Partial<DesktopHandlers> = {}): { ipc: FakeIpcMain; calls: string[]; unregister: () => void } {
  const ipc = new FakeIpcMain();
  const calls: string[] = [];
  const unregister = registerIpcHandlers(ipc, recordingHandlers(calls, override), { appOrigin: 'app://butterfly', logger: silentLogger() });
  return { ipc, calls, unregister };
}

async function call(ipc: FakeIpcMain, method: (typeof IPC_METHODS)[number], request: unknown, frame = APP_FRAME as { url: string; parent: unknown } | null): Promise<IpcResult<unknown>> {
  return (await ipc.invoke(channelOf(method), frame, request)) as IpcResult<unknown>;
}

describe('registerIpcHandlers', () => {
  it('registers one channel per method', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(IPC_METHODS.map(channelOf).sort());
  });

  it('removes every channel again', () => {
    const { ipc, unregister } = setUp();
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes a valid request to the handler', async () => {
    const { ipc, calls } = setUp();
    const result = await call(ipc, 'takeSnapshot', { jobId: JOB_ID, connectionName: 'prod', label: 'before' });
    expect(result).toEqual({ ok: true, value: { echoed: { jobId: JOB_ID, connectionName: 'prod', label: 'before' } } });
    expect(calls).toEqual(['takeSnapshot']);
  });

  it('normalizes the org URL before the handler sees it', async () => {
    const { ipc } = setUp();
    const result = await call(ipc, 'addConnection', { name: 'prod', orgUrl: 'https://Acme.okta.com/', credential: { type: 'api-token', token: TOKEN }, replace: false });
    expect(result.ok && (result.value as { echoed: { orgUrl: string } }).echoed.orgUrl).toBe('https://acme.okta.com');
  });
});

describe('rejected senders', () => {
  const senders: [string, { url: string; parent: unknown } | null][] = [
    ['a destroyed frame', null],
    ['a subframe of the app', { url: 'app://butterfly/index.html', parent: { url: 'app://butterfly/index.html' } }],
    ['another host on the app scheme', { url: 'app://evil/index.html', parent: null }],
    ['a web page', { url: 'https://butterfly/index.html', parent: null }],
    ['a file URL', { url: 'file:///tmp/index.html', parent: null }],
    ['a data URL', { url: 'data:text/html,<p>hi</p>', parent: null }],
    ['an unparsable URL', { url: 'not a url', parent: null }],
    ['user info in the URL', { url: 'app://user@butterfly/index.html', parent: null }],
  ];

  for (const [name, frame] of senders) {
    it(`rejects ${name}`, async () => {
      const { ipc, calls } = setUp();
      const result = await call(ipc, 'listConnections', {}, frame);
      expect(result.ok).toBe(false);
      expect(errorCodeOf(result)).toBe('SENDER_REJECTED');
      expect(calls).toEqual([]);
    });
  }

  it('checks the sender before the payload', async () => {
    const { ipc } = setUp();
    const result = await call(ipc, 'listConnections', { junk: true }, { url: 'https://evil.example/', parent: null });
    expect(errorCodeOf(result)).toBe('SENDER_REJECTED');
  });
});

describe('rejected payloads', () => {
  const payloads: [string, (typeof IPC_METHODS)[number], unknown][] = [
    ['no request object', 'listConnections', undefined],
    ['an unknown field', 'listConnections', { extra: 1 }],
    ['a missing field', 'testConnection', {}],
    ['a wrong type', 'showSnapshot', { snapshotId: '1' }],
    ['a fractional snapshot id', 'showSnapshot', { snapshotId: 1.5 }],
    ['a zero snapshot id', 'showSnapshot', { snapshotId: 0 }],
    ['a job id that is no UUID', 'takeSnapshot', { jobId: 'job-1', connectionName: 'prod' }],
    ['an empty connection name', 'testConnection', { name: '' }],
    ['a compare side that is neither id nor live', 'compareSnapshots', { jobId: JOB_ID, beforeId: 1, after: 'latest' }],
    ['a label over 200 characters', 'setSnapshotLabel', { snapshotId: 1, label: 'x'.repeat(201) }],
    ['an org URL with a path', 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com/admin', credential: { type: 'api-token', token: TOKEN }, replace: false }],
    ['plain http to a remote org', 'addConnection', { name: 'a', orgUrl: 'http://acme.okta.com', credential: { type: 'api-token', token: TOKEN }, replace: false }],
    ['an unknown credential type', 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com', credential: { type: 'password', token: TOKEN }, replace: false }],
    ['a token with a space', 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com', credential: { type: 'api-token', token: 'abc def ghi' }, replace: false }],
    ['a key that is not PEM', 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com', credential: { type: 'private-key', clientId: '0oa1', privateKeyPem: 'secret' }, replace: false }],
    ['a scope outside Okta', 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com', credential: { type: 'private-key', clientId: '0oa1', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nx', scopes: ['admin'] }, replace: false }],
    ['an unknown drill field', 'applyDrill', { name: 'acs-url-changed', force: true }],
    ['an empty restore scope', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [], options: {} }],
    ['an unknown scope type', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'org' }], options: {} }],
    ['a scope kind that is no kind', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'kind', kind: 'users' }], options: {} }],
    ['a scope id with a colon', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'resource', id: 'group:00g1' }], options: {} }],
    ['a field that is no JSON pointer', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'field', id: 'prm1', pointer: 'properties' }], options: {} }],
    ['an unknown plan option', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'app', appId: '0oa1' }], options: { force: true } }],
    ['a threshold over 100 percent', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'app', appId: '0oa1' }], options: { thresholdPercent: 101 } }],
    ['a negative user threshold', 'planRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'app', appId: '0oa1' }], options: { thresholdUsers: -1 } }],
    ['an execution without confirmation', 'executeRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'app', appId: '0oa1' }], options: {} }],
    ['an approver sent by the renderer', 'executeRestore', { jobId: JOB_ID, connectionName: 'prod', snapshotId: 1, scope: [{ type: 'app', appId: '0oa1' }], options: {}, confirm: 'acme.okta.com', approvedBy: 'mallory' }],
    ['a restore id without r', 'showRestore', { restoreId: '7' }],
    ['a restore id with a path', 'resumeRestore', { jobId: JOB_ID, restoreId: 'r7/../r8' }],
  ];

  for (const [name, method, payload] of payloads) {
    it(`rejects ${name}`, async () => {
      const { ipc, calls } = setUp();
      const result = await call(ipc, method, payload);
      expect(errorCodeOf(result)).toBe('INVALID_REQUEST');
      expect(calls).toEqual([]);
    });
  }

  it('rejects a second argument', async () => {
    const { ipc, calls } = setUp();
    const result = (await ipc.invoke(channelOf('listConnections'), APP_FRAME, {}, {})) as IpcResult<unknown>;
    expect(errorCodeOf(result)).toBe('INVALID_REQUEST');
    expect(calls).toEqual([]);
  });

  it('never echoes a rejected token', async () => {
    const { ipc } = setUp();
    const secret = 'abc def-very-secret-value';
    const result = await call(ipc, 'addConnection', { name: 'a', orgUrl: 'https://acme.okta.com', credential: { type: 'api-token', token: secret }, replace: false });
    expect(JSON.stringify(result)).not.toContain('very-secret');
  });

  it('names the invalid field', async () => {
    const { ipc } = setUp();
    const result = await call(ipc, 'showSnapshot', { snapshotId: 'x' });
    expect(!result.ok && result.error.message).toContain('snapshotId');
  });
});

describe('handler errors', () => {
  const cases: [string, unknown, string][] = [
    ['a scope error', new ScopeError('The snapshot has no app with id 0oa9.'), 'SCOPE_INVALID'],
    ['a blocked plan', new RestoreRefusedError('The restore plan is blocked.', {} as RestorePlan), 'RESTORE_BLOCKED'],
    ['a refused resume', new RestoreRefusedError('Restore r1 already finished and verified clean.'), 'RESTORE_REFUSED'],
    ['an engine confirmation check', new RestoreRefusedError("The confirmation 'x' does not match the org."), 'CONFIRMATION_MISMATCH'],
    ['a missing restore', new VaultError('restore-not-found', 'No restore r9.'), 'NOT_FOUND'],
    ['an unknown connection', new ConnectionNotFoundError('prod', ['staging']), 'NOT_FOUND'],
    ['a missing snapshot', new VaultError('snapshot-not-found', 'No snapshot 9.'), 'NOT_FOUND'],
    ['an invalid label', new VaultError('invalid-snapshot-input', 'Label too long.'), 'INVALID_REQUEST'],
    ['a locked vault', new VaultError('vault-locked', 'Another Butterfly is using the vault.'), 'VAULT_UNAVAILABLE'],
    ['a desktop error', new DesktopError('SANDBOX_NOT_RUNNING', 'Start the sandbox.'), 'SANDBOX_NOT_RUNNING'],
    ['an unexpected error', new TypeError('x is undefined'), 'INTERNAL'],
  ];

  for (const [name, error, code] of cases) {
    it(`maps ${name} to ${code}`, async () => {
      const { ipc } = setUp({ listConnections: async () => Promise.reject(error) });
      const result = await call(ipc, 'listConnections', {});
      expect(result).toEqual({ ok: false, error: { code, message: (error as Error).message } });
    });
  }
});
