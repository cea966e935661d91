import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPackProgressView } from '../../src-shared/ipc/audit-pack-views.js';
import { channelOf, type IPC_METHODS } from '../../src-shared/ipc/ipc-channels.js';
import type { IpcResults } from '../../src-shared/ipc/ipc-contract.js';
import type { IpcResult } from '../../src-shared/ipc/ipc-result.js';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import type { ChooseSavePath } from '../../src-main/ipc/chosen-save-path.js';
import { createDesktopApp, type DesktopApp } from '../../src-main/ipc/desktop-handlers.js';
import { registerIpcHandlers } from '../../src-main/ipc/register-handlers.js';
import { DEMO_CONNECTION_NAME } from '../../src-main/ipc/sandbox-host.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { MemorySecretStoreForTests } from '../../src-main/secrets/memory-secret-store.js';
import { openServices, type ButterflyServices } from '../../src-main/services/butterfly-services.js';
import { pdfPageCount, pdfText } from '../audit/pdf-tools.js';
import { APP_FRAME, errorCodeOf, FakeIpcMain } from './fake-ipc-main.js';

type Method = (typeof IPC_METHODS)[number];

let home: string;
let services: ButterflyServices;
let app: DesktopApp;
let ipc: FakeIpcMain;
const events: JobEvent[] = [];
/** Called with every job event after it is recorded; each test may set its own. */
let onEvent: (event: JobEvent) => void = () => undefined;
/** The save dialog of the current test; each test sets its own. */
let chooseSavePath: ChooseSavePath;
let dialogCalls: string[];
/** A fresh empty folder per test, where the dialog stand-ins point. */
let out: string;
let testCount = 0;

async function call<M extends Method>(method: M, request: unknown): Promise<IpcResult<IpcResults[M]>> {
  return (await ipc.invoke(channelOf(method), APP_FRAME, request)) as IpcResult<IpcResults[M]>;
}

function exportRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jobId: crypto.randomUUID(),
    connectionNames: [DEMO_CONNECTION_NAME],
    from: '2020-01-01',
    to: '2099-12-31',
    frameworks: ['soc2', 'hipaa'],
    preparedBy: 'Dana Whitfield',
    organisation: 'Northwind Quanta',
    ...overrides,
  };
}

function progressOf(jobId: unknown): AuditPackProgressView[] {
  return events.flatMap((event) => (event.jobId === jobId && event.type === 'audit-pack-progress' ? [event.progress] : []));
}

/** A dialog stand-in that records the proposed name and returns `path`. */
function dialogReturning(path: string | undefined): ChooseSavePath {
  return async ({ defaultFileName }) => {
    dialogCalls.push(defaultFileName);
    return path;
  };
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'butterfly-ipc-audit-'));
  services = await openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: new MemorySecretStoreForTests() });
  app = createDesktopApp({ services, logger: silentLogger(), emit: (event) => {
      events.push(event);
      onEvent(event);
    },
    chooseSavePath: (suggestion) => chooseSavePath(suggestion) });
  ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, app.handlers, { appOrigin: 'app://butterfly', logger: silentLogger() });

  const started = await call('startSandbox', {});
  if (!started.ok) throw new Error(`startSandbox failed: ${started.error.message}`);
  for (let index = 0; index < 2; index++) {
    const taken = await call('takeSnapshot', { jobId: crypto.randomUUID(), connectionName: DEMO_CONNECTION_NAME });
    if (!taken.ok) throw new Error(`takeSnapshot failed: ${taken.error.message}`);
  }
}, 120_000);

afterAll(async () => {
  await app.shutdown();
  services.close();
  await rm(home, { recursive: true, force: true });
});

beforeEach(async () => {
  testCount++;
  out = join(home, `out-${testCount}`);
  await mkdir(out);
  dialogCalls = [];
  onEvent = () => undefined;
  chooseSavePath = dialogReturning(join(out, 'pack.pdf'));
});

describe('exportAuditPack requests', () => {
  const invalid: [string, Record<string, unknown>][] = [
    ['no connection', { connectionNames: [] }],
    ['a connection named twice', { connectionNames: [DEMO_CONNECTION_NAME, DEMO_CONNECTION_NAME] }],
    ['no framework', { frameworks: [] }],
    ['an unknown framework', { frameworks: ['pci'] }],
    ['a framework named twice', { frameworks: ['soc2', 'soc2'] }],
    ['a time instead of a day', { from: '2026-01-01T00:00:00Z' }],
    ['a day not in the calendar', { to: '2026-02-30' }],
    ['a period that ends first', { from: '2026-03-01', to: '2026-02-01' }],
    ['a blank preparer', { preparedBy: '   ' }],
    ['a blank organisation', { organisation: '' }],
    ['a path from the page', { outputPath: '/tmp/pack.pdf' }],
    ['a job id that is no uuid', { jobId: 'job-1' }],
  ];

  it.each(invalid)('rejects %s', async (_case, overrides) => {
    const result = await call('exportAuditPack', exportRequest(overrides));
    expect(errorCodeOf(result)).toBe('INVALID_REQUEST');
    expect(dialogCalls).toEqual([]);
  });

  it('rejects a missing preparer', async () => {
    const request = exportRequest();
    delete request['preparedBy'];
    expect(errorCodeOf(await call('exportAuditPack', request))).toBe('INVALID_REQUEST');
  });

  it('rejects another sender', async () => {
    const result = (await ipc.invoke(channelOf('exportAuditPack'), { url: 'https://example.com/', parent: null }, exportRequest())) as IpcResult<unknown>;
    expect(errorCodeOf(result)).toBe('SENDER_REJECTED');
    expect(dialogCalls).toEqual([]);
  });

  it('unknown connection is NOT_FOUND', async () => {
    const result = await call('exportAuditPack', exportRequest({ connectionNames: [DEMO_CONNECTION_NAME, 'prod'] }));
    expect(errorCodeOf(result)).toBe('NOT_FOUND');
    expect(result.ok ? '' : result.error.message).toContain("No connection named 'prod'");
    expect(dialogCalls).toEqual([]);
  });
});

describe('exportAuditPack save path', () => {
  it('dismissed dialog is CANCELLED', async () => {
    chooseSavePath = dialogReturning(undefined);
    const result = await call('exportAuditPack', exportRequest());
    expect(errorCodeOf(result)).toBe('CANCELLED');
    expect(dialogCalls).toEqual(['audit-pack-2020-01-01-to-2099-12-31.pdf']);
  });

  it('relative path is rejected', async () => {
    chooseSavePath = dialogReturning('pack.pdf');
    expect(errorCodeOf(await call('exportAuditPack', exportRequest()))).toBe('INVALID_REQUEST');
  });

  it('non-pdf name is rejected', async () => {
    chooseSavePath = dialogReturning(join(out, 'pack.txt'));
    const result = await call('exportAuditPack', exportRequest());
    expect(errorCodeOf(result)).toBe('INVALID_REQUEST');
    expect(await readdir(out)).toEqual([]);
  });

  it('missing folder is NOT_FOUND', async () => {
    chooseSavePath = dialogReturning(join(out, 'gone', 'pack.pdf'));
    expect(errorCodeOf(await call('exportAuditPack', exportRequest()))).toBe('NOT_FOUND');
  });

  it('folder as target is rejected', async () => {
    await mkdir(join(out, 'folder.pdf'));
    chooseSavePath = dialogReturning(join(out, 'folder.pdf'));
    expect(errorCodeOf(await call('exportAuditPack', exportRequest()))).toBe('INVALID_REQUEST');
  });
});

describe('exportAuditPack job', () => {
  it('writes the pack and reports it', async () => {
    const request = exportRequest();
    const result = await call('exportAuditPack', request);
    if (!result.ok) throw new Error(`exportAuditPack failed: ${result.error.code} ${result.error.message}`);
    const view = result.value;
    const written = await readFile(join(out, 'pack.pdf'));

    expect(view.path).toBe(join(out, 'pack.pdf'));
    expect(await readdir(out)).toEqual(['pack.pdf']);
    expect(view.sizeBytes).toBe(written.length);
    expect(view.sha256).toBe(createHash('sha256').update(written).digest('hex'));
    expect(view.pageCount).toBe(pdfPageCount(written));
    expect(view.pageCount).toBeGreaterThan(3);
    expect(view.from).toBe('2020-01-01T00:00:00.000Z');
    expect(view.to).toBe('2099-12-31T23:59:59.999Z');
    expect(view.frameworks).toEqual(['soc2', 'hipaa']);
    expect(view.verificationProblems).toBe(0);

    const text = pdfText(written);
    expect(text).toContain('Prepared by Dana Whitfield');
    expect(text).toContain('Northwind Quanta');
    expect(text).toContain('CC6.1');
    expect(text).not.toContain('A.5.15');
  });

  it('progress goes through every stage', async () => {
    const request = exportRequest();
    const result = await call('exportAuditPack', request);
    expect(errorCodeOf(result)).toBe('ok');

    const stages = progressOf(request['jobId']).map((progress) => progress.stage);
    const order = stages.filter((stage, index) => stage !== stages[index - 1]);
    expect(order).toEqual(['choose-file', 'verify', 'snapshots', 'layout', 'save', 'write']);
    const snapshots = progressOf(request['jobId']).filter((progress) => progress.stage === 'snapshots');
    expect(snapshots[snapshots.length - 1]?.done).toBe(2);
    expect(snapshots[snapshots.length - 1]?.detail).toContain(DEMO_CONNECTION_NAME);
  });

  it('cancel in the dialog writes nothing', async () => {
    const request = exportRequest();
    let cancelled: unknown;
    chooseSavePath = async () => {
      cancelled = await call('cancelJob', { jobId: request['jobId'] });
      return join(out, 'pack.pdf');
    };

    const result = await call('exportAuditPack', request);
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(errorCodeOf(result)).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
  });

  it('cancel during snapshots stops before layout', async () => {
    const request = exportRequest();
    chooseSavePath = dialogReturning(join(out, 'pack.pdf'));
    onEvent = (event) => {
      if (event.jobId === request['jobId'] && event.type === 'audit-pack-progress' && event.progress.stage === 'snapshots') void call('cancelJob', { jobId: event.jobId });
    };

    const result = await call('exportAuditPack', request);
    expect(errorCodeOf(result)).toBe('CANCELLED');
    expect(result.ok ? '' : result.error.message).toContain('no file was written');
    expect(await readdir(out)).toEqual([]);
    expect(progressOf(request['jobId']).map((progress) => progress.stage)).not.toContain('layout');
  });

  it('second job with the same id is BUSY', async () => {
    const request = exportRequest();
    let release: () => void = () => undefined;
    chooseSavePath = () => new Promise((resolve) => (release = () => resolve(join(out, 'pack.pdf'))));

    const first = call('exportAuditPack', request);
    while (progressOf(request['jobId']).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await call('exportAuditPack', request);
    await call('cancelJob', { jobId: request['jobId'] });
    release();

    expect(errorCodeOf(second)).toBe('BUSY');
    expect(errorCodeOf(await first)).toBe('CANCELLED');
  });
});
