import { evidenceNeeded, selectFrameworks, type FrameworkCatalog } from '../../src-shared/audit/framework-catalog.js';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { ConnectionRecord, SnapshotSummary, VerificationReport } from '../vault/vault-types.js';
import type { VerificationProgress } from '../vault/verify-report.js';
import type { AuditPackProgress, AuditPackRequest } from './audit-request.js';
import { makeAttachment } from './attachment-files.js';
import { collectConnection, type SnapshotStore } from './collect-connection.js';
import type { AuditPackData, ConnectionEvidence } from './pack-data.js';
import type { RestoreJournalSource } from './restore-journal-source.js';

/** The vault operations the pack reads through; a `Vault` fits. */
export interface AuditVault extends SnapshotStore {
  findConnection(name: string): ConnectionRecord | undefined;
  listConnections(): ConnectionRecord[];
  listSnapshots(connectionName?: string): SnapshotSummary[];
  verify(onProgress?: (progress: VerificationProgress) => void): VerificationReport;
}

/**
 * Gathers everything the pack shows: re-verifies the whole vault first, then walks each
 * connection's snapshots (see collectConnection). Throws only for an unknown connection name;
 * damage in the vault is reported in the data, because a pack must show a broken chain.
 */
export async function collectPackData(
  vault: AuditVault,
  catalog: FrameworkCatalog,
  restores: RestoreJournalSource,
  request: AuditPackRequest,
  onProgress: (progress: AuditPackProgress) => void,
): Promise<AuditPackData> {
  const connections = request.connections.map((name) => requireConnection(vault, name));
  const frameworks = selectFrameworks(catalog, request.frameworks);

  const verification = vault.verify((progress) => onProgress({ phase: 'verify', done: progress.done, total: progress.total, detail: `${progress.phase}` }));
  const listing = listAll(vault);
  const data: AuditPackData = {
    request,
    frameworks,
    evidence: evidenceNeeded(frameworks),
    connections: [],
    verification,
    chainHead: listing.snapshots[listing.snapshots.length - 1]?.chainHash,
    vaultSnapshotCount: listing.snapshots.length,
    listingError: listing.error,
    restoreJournalAvailable: restores.available,
    attachments: [verificationAttachment(verification)],
  };

  const total = listing.snapshots.filter((summary) => connections.some((connection) => connection.id === summary.connectionId)).length;
  let done = 0;
  for (const connection of connections) {
    const own = listing.snapshots.filter((summary) => summary.connectionId === connection.id);
    const evidence: ConnectionEvidence = await collectConnection(vault, restores, connection, own, request, (summary) => {
      done++;
      onProgress({ phase: 'snapshots', done, total, detail: `snapshot ${summary.id} of ${connection.name}` });
    });
    data.connections.push(evidence);
  }
  return data;
}

function requireConnection(vault: AuditVault, name: string): ConnectionRecord {
  const connection = vault.findConnection(name);
  if (connection !== undefined) return connection;
  const known = vault.listConnections().map((candidate) => candidate.name);
  throw new Error(`No connection named '${name}'. ${known.length > 0 ? `Saved connections: ${known.join(', ')}.` : 'No connection is saved yet.'}`);
}

/** Lists every snapshot; a damaged row makes the listing fail, which the pack then reports. */
function listAll(vault: AuditVault): { snapshots: SnapshotSummary[]; error: string | undefined } {
  try {
    return { snapshots: vault.listSnapshots(), error: undefined };
  } catch (error) {
    return { snapshots: [], error: error instanceof Error ? error.message : String(error) };
  }
}

function verificationAttachment(report: VerificationReport): ReturnType<typeof makeAttachment> {
  const bytes = Buffer.from(`${canonicalJson(report as unknown as JsonObject)}\n`, 'utf8');
  return makeAttachment('vault-verification.json', 'application/json', 'The full result of re-verifying the vault when this pack was generated', bytes);
}
