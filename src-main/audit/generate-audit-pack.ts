import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseFrameworkCatalog, type FrameworkCatalog } from '../../src-shared/audit/framework-catalog.js';
import { AuditPackCancelledError, checkAuditPackRequest, type AuditPackProgress, type AuditPackRequest } from './audit-request.js';
import { collectPackData, type AuditVault } from './collect-pack-data.js';
import { yieldToEventLoop } from './event-loop.js';
import type { AuditPackData } from './pack-data.js';
import { renderPack } from './render-pack.js';
import type { RestoreJournalSource } from './restore-journal-source.js';

/** The framework → control → evidence catalog shipped with Butterfly. */
export const FRAMEWORK_CATALOG_PATH = fileURLToPath(new URL('../../resources/audit/frameworks.json', import.meta.url));

/** Reads and checks the shipped framework catalog. */
export async function loadFrameworkCatalog(path = FRAMEWORK_CATALOG_PATH): Promise<FrameworkCatalog> {
  return parseFrameworkCatalog(JSON.parse(await readFile(path, 'utf8')));
}

export interface GenerateAuditPackOptions {
  vault: AuditVault;
  restores: RestoreJournalSource;
  request: AuditPackRequest;
  catalog?: FrameworkCatalog;
  onProgress?: (progress: AuditPackProgress) => void;
  /**
   * Stops the generation with AuditPackCancelledError at the next checkpoint: before each
   * progress report (every snapshot walked and every verification row) and between the phases.
   * It is an option rather than a request field because the request is hashed into the PDF.
   */
  signal?: AbortSignal;
}

/** A generated pack: the PDF bytes and the data it was drawn from. */
export interface AuditPack {
  bytes: Uint8Array;
  data: AuditPackData;
}

/**
 * Generates an Audit Pack: re-verifies the vault, walks the chosen connections' snapshots one
 * at a time, and lays out the PDF. The same vault, request and generation time give the same
 * bytes. Throws for an invalid request or an unknown connection, and AuditPackCancelledError
 * once `signal` aborts; a damaged vault is reported inside the pack instead.
 *
 * NOTE: the vault verification runs synchronously, so an abort raised by another event (an IPC
 * cancel, a timer) during it is seen only once it ends. The snapshot walk yields after each
 * snapshot, and an abort raised from `onProgress` itself stops at once.
 */
export async function generateAuditPack(options: GenerateAuditPackOptions): Promise<AuditPack> {
  checkAuditPackRequest(options.request);
  const checkpoint = (): void => {
    if (options.signal?.aborted === true) throw new AuditPackCancelledError();
  };
  const report = options.onProgress ?? (() => undefined);
  const onProgress = (progress: AuditPackProgress): void => {
    checkpoint();
    report(progress);
  };

  const catalog = options.catalog ?? (await loadFrameworkCatalog());
  await yieldToEventLoop();
  checkpoint();

  const data = await collectPackData(options.vault, catalog, options.restores, options.request, onProgress);
  await yieldToEventLoop();
  checkpoint();

  const bytes = await renderPack(data, onProgress);
  await yieldToEventLoop();
  checkpoint();
  return { bytes, data };
}
