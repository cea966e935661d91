import { basename } from 'node:path';
import { endOfDay, startOfDay } from '../../src-shared/ipc/audit-pack-requests.js';
import type { AuditPackExportView } from '../../src-shared/ipc/audit-pack-views.js';
import type { ValidRequest } from '../../src-shared/ipc/ipc-requests.js';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import { AuditPackCancelledError, type AuditPackRequest } from '../audit/audit-request.js';
import { generateAuditPack } from '../audit/generate-audit-pack.js';
import { vaultRestoreSource } from '../audit/restore-journal-source.js';
import { saveAuditPack, type SavedAuditPack } from '../audit/save-audit-pack.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { requireConnection } from '../services/take-snapshot.js';
import { AuditPackProgressSender } from './audit-pack-progress.js';
import { checkChosenPdfPath, type ChooseSavePath } from './chosen-save-path.js';
import { DesktopError } from './desktop-error.js';
import type { JobRegistry } from './job-registry.js';
import type { DesktopHandlers } from './register-handlers.js';

export interface AuditPackHandlerContext {
  services: ButterflyServices;
  jobs: JobRegistry;
  emit(event: JobEvent): void;
  /** The save dialog that picks the pack's file. Without it, exports fail with INTERNAL. */
  chooseSavePath?: ChooseSavePath;
  /** The generation time printed in the pack; the current time when left out. */
  now?: () => Date;
}

/**
 * The handler of the Audit Pack export, on the generator the CLI's `audit-pack` uses. It checks
 * the connections, opens main's save dialog for the file, generates the pack with progress
 * events, then writes it through a temporary file. A cancel stops the generation at its next
 * checkpoint, or the write before the rename, and ends with CANCELLED and no file written.
 */
export function createAuditPackHandlers(context: AuditPackHandlerContext): Pick<DesktopHandlers, 'exportAuditPack'> {
  const { services, jobs, emit } = context;
  const now = context.now ?? (() => new Date());

  return {
    exportAuditPack: async (request) => {
      for (const name of request.connectionNames) requireConnection(services, name);
      const chooseSavePath = context.chooseSavePath;
      if (chooseSavePath === undefined) throw new DesktopError('INTERNAL', 'This window has no save dialog, so the Audit Pack cannot be exported from it. Use `butterfly audit-pack` instead.');

      return jobs.run(request.jobId, async (signal) => {
        const progress = new AuditPackProgressSender((view) => emit({ jobId: request.jobId, type: 'audit-pack-progress', progress: view }));
        progress.report({ stage: 'choose-file', done: 0, total: 1, detail: 'waiting for the save dialog' });
        const path = await checkChosenPdfPath(await chooseSavePath({ defaultFileName: defaultFileName(request) }));
        if (signal.aborted) throw new AuditPackCancelledError();

        const auditRequest = auditPackRequest(request, now());
        const pack = await generateAuditPack({
          vault: services.vault,
          restores: vaultRestoreSource(services.vault),
          request: auditRequest,
          signal,
          onProgress: ({ phase, done, total, detail }) => progress.report({ stage: phase, done, total, detail }),
        });

        progress.report({ stage: 'write', done: 0, total: 1, detail: `writing ${basename(path)}` });
        const saved = await writePack(path, pack.bytes, signal);
        progress.report({ stage: 'write', done: 1, total: 1, detail: `${saved.sizeBytes} bytes written` });
        const verificationProblems = pack.data.verification.problems.length + (pack.data.listingError === undefined ? 0 : 1);
        services.logger.info({ path, sizeBytes: saved.sizeBytes, pageCount: saved.pageCount, sha256: saved.sha256, verificationProblems }, 'audit pack written');
        return exportView(saved, auditRequest, verificationProblems);
      });
    },
  };
}

type ExportRequest = ValidRequest<'exportAuditPack'>;

function auditPackRequest(request: ExportRequest, generatedAt: Date): AuditPackRequest {
  return {
    connections: request.connectionNames,
    from: startOfDay(request.from),
    to: endOfDay(request.to),
    frameworks: request.frameworks,
    preparedBy: request.preparedBy,
    generatedAt: generatedAt.toISOString(),
    ...(request.organisation === undefined ? {} : { organisation: request.organisation }),
  };
}

/** Returns the name the save dialog proposes, such as `audit-pack-2026-01-01-to-2026-03-31.pdf`. */
function defaultFileName(request: ExportRequest): string {
  return `audit-pack-${request.from}-to-${request.to}.pdf`;
}

/** Saves the pack, turning a file system failure into FILE_NOT_WRITTEN with the path and the reason. */
async function writePack(path: string, bytes: Uint8Array, signal: AbortSignal): Promise<SavedAuditPack> {
  try {
    return await saveAuditPack(path, bytes, signal);
  } catch (error) {
    if (error instanceof AuditPackCancelledError || !isFileSystemError(error)) throw error;
    throw new DesktopError('FILE_NOT_WRITTEN', `The Audit Pack could not be written to '${path}' (${error.message}). Choose a folder you can write to, with free space, and export again.`);
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function exportView(saved: SavedAuditPack, request: AuditPackRequest, verificationProblems: number): AuditPackExportView {
  return {
    path: saved.path,
    sizeBytes: saved.sizeBytes,
    pageCount: saved.pageCount,
    sha256: saved.sha256,
    connectionNames: request.connections,
    from: request.from,
    to: request.to,
    frameworks: request.frameworks,
    generatedAt: request.generatedAt,
    verificationProblems,
  };
}
