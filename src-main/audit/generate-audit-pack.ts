import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseFrameworkCatalog, type FrameworkCatalog } from '../../src-shared/audit/framework-catalog.js';
import { checkAuditPackRequest, type AuditPackProgress, type AuditPackRequest } from './audit-request.js';
import { collectPackData, type AuditVault } from './collect-pack-data.js';
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
}

/** A generated pack: the PDF bytes and the data it was drawn from. */
export interface AuditPack {
  bytes: Uint8Array;
  data: AuditPackData;
}

/**
 * Generates an Audit Pack: re-verifies the vault, walks the chosen connections' snapshots one
 * at a time, and lays out the PDF. The same vault, request and generation time give the same
 * bytes. Throws for an invalid request or an unknown connection; a damaged vault is reported
 * inside the pack instead.
 */
export async function generateAuditPack(options: GenerateAuditPackOptions): Promise<AuditPack> {
  checkAuditPackRequest(options.request);
  const catalog = options.catalog ?? (await loadFrameworkCatalog());
  const onProgress = options.onProgress ?? (() => undefined);

  const data = collectPackData(options.vault, catalog, options.restores, options.request, onProgress);
  const bytes = await renderPack(data, onProgress);
  return { bytes, data };
}
