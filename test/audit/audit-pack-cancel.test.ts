import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPackCancelledError, type AuditPackProgress, type AuditPackRequest } from '../../src-main/audit/audit-request.js';
import { generateAuditPack } from '../../src-main/audit/generate-audit-pack.js';
import { vaultRestoreSource } from '../../src-main/audit/restore-journal-source.js';
import { saveAuditPack } from '../../src-main/audit/save-audit-pack.js';
import { Vault } from '../../src-main/vault/vault.js';
import { testKey } from '../vault/vault-test-data.js';
import { buildAuditVault, type AuditVaultFixture } from './audit-vault.js';
import { pdfPageCount } from './pdf-tools.js';

const REQUEST: AuditPackRequest = {
  connections: ['prod'],
  from: '2026-01-10T00:00:00.000Z',
  to: '2026-01-31T23:59:59.999Z',
  frameworks: ['soc2'],
  preparedBy: 'Dana Whitfield',
  generatedAt: '2026-02-03T10:00:00.000Z',
};

let folder: string;
let fixture: AuditVaultFixture;
let bytes: Uint8Array;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'butterfly-audit-cancel-'));
  fixture = await buildAuditVault(folder, 'group-push-deactivated');
  bytes = (await generate(() => undefined)).bytes;
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Generates the pack of REQUEST, calling `onProgress` with every report and an AbortController it may abort. */
async function generate(onProgress: (progress: AuditPackProgress, controller: AbortController) => void, controller = new AbortController()) {
  const vault = Vault.open({ path: fixture.path, vaultKey: testKey() });
  try {
    return await generateAuditPack({ vault, restores: vaultRestoreSource(vault), request: REQUEST, signal: controller.signal, onProgress: (progress) => onProgress(progress, controller) });
  } finally {
    vault.close();
  }
}

/** Creates an empty folder for one test's output. */
function outputFolder(name: string): string {
  const path = join(folder, name);
  mkdirSync(path);
  return path;
}

function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

describe('audit pack cancel', () => {
  it('abort before start reports nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const seen: AuditPackProgress[] = [];

    await expect(generate((progress) => seen.push(progress), controller)).rejects.toBeInstanceOf(AuditPackCancelledError);
    expect(seen).toEqual([]);
  });

  it('abort stops between snapshots', async () => {
    const seen: AuditPackProgress[] = [];
    const run = generate((progress, controller) => {
      seen.push(progress);
      if (progress.phase === 'snapshots' && progress.done === 1) controller.abort();
    });

    await expect(run).rejects.toThrow(/cancelled before it was saved, so no file was written/);
    const last = seen[seen.length - 1];
    expect(last?.phase).toBe('snapshots');
    expect(last?.done).toBe(1);
    expect(last?.total).toBeGreaterThan(1);
  });

  it('abort during layout skips saving', async () => {
    const seen: AuditPackProgress[] = [];
    const run = generate((progress, controller) => {
      seen.push(progress);
      if (progress.phase === 'layout' && progress.done === 0) controller.abort();
    });

    await expect(run).rejects.toBeInstanceOf(AuditPackCancelledError);
    expect(seen.some((progress) => progress.phase === 'snapshots')).toBe(true);
    expect(seen.filter((progress) => progress.phase === 'save')).toEqual([]);
    expect(seen.filter((progress) => progress.phase === 'layout' && progress.done === 1)).toEqual([]);
  });

  it('cancelled save writes no file', async () => {
    const out = outputFolder('cancelled');

    await expect(saveAuditPack(join(out, 'pack.pdf'), bytes, abortedSignal())).rejects.toBeInstanceOf(AuditPackCancelledError);
    expect(readdirSync(out)).toEqual([]);
  });

  it('cancelled save keeps the previous file', async () => {
    const out = outputFolder('previous');
    const path = join(out, 'pack.pdf');
    writeFileSync(path, 'previous pack');

    await expect(saveAuditPack(path, bytes, abortedSignal())).rejects.toBeInstanceOf(AuditPackCancelledError);
    expect(readdirSync(out)).toEqual(['pack.pdf']);
    expect(readFileSync(path, 'utf8')).toBe('previous pack');
  });

  it('failed save leaves no partial file', async () => {
    const out = outputFolder('failed');
    mkdirSync(join(out, 'taken.pdf'));

    await expect(saveAuditPack(join(out, 'taken.pdf'), bytes)).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['taken.pdf']);
  });

  it('save reports hash, size and pages', async () => {
    const out = outputFolder('saved');
    const path = join(out, 'pack.pdf');

    const saved = await saveAuditPack(path, bytes);
    const written = readFileSync(path);
    expect(readdirSync(out)).toEqual(['pack.pdf']);
    expect(saved.path).toBe(path);
    expect(saved.sizeBytes).toBe(written.length);
    expect(saved.sha256).toBe(createHash('sha256').update(written).digest('hex'));
    expect(saved.pageCount).toBe(pdfPageCount(bytes));
    expect(Buffer.compare(written, Buffer.from(bytes))).toBe(0);
  });

  it('save replaces an existing file', async () => {
    const out = outputFolder('replaced');
    const path = join(out, 'pack.pdf');
    writeFileSync(path, 'previous pack');

    await saveAuditPack(path, bytes);
    expect(readdirSync(out)).toEqual(['pack.pdf']);
    expect(readFileSync(path).length).toBe(bytes.length);
  });

  it.skipIf(process.platform === 'win32')('saved pack is owner-only', async () => {
    const path = join(outputFolder('mode'), 'pack.pdf');

    await saveAuditPack(path, bytes);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('replaced readable file becomes owner-only', async () => {
    const path = join(outputFolder('mode-replaced'), 'pack.pdf');
    writeFileSync(path, 'previous pack');
    chmodSync(path, 0o644);

    await saveAuditPack(path, bytes);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
