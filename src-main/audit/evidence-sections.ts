import type { EvidenceKind } from '../../src-shared/audit/framework-catalog.js';
import { drawChanges } from './change-section.js';
import { EVIDENCE_TITLES, evidenceNumber } from './evidence-figures.js';
import { drawIntegrity } from './integrity-section.js';
import { drawInventory } from './inventory-section.js';
import { drawNotCaptured } from './not-captured-section.js';
import type { ConnectionFiles } from './pack-attachments.js';
import type { AuditPackData, ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';
import { drawPolicies } from './policy-section.js';
import { drawProductAccess } from './product-access-section.js';
import { drawGroupRules, drawProvisioning } from './provisioning-section.js';
import { drawRestores } from './restore-section.js';

/**
 * Draws one section per evidence kind the chosen controls name, numbered E1, E2 … in a fixed
 * order. Kinds about one org get a subsection per connection; vault-wide kinds are drawn once.
 */
export function drawEvidenceSections(writer: PackWriter, data: AuditPackData, files: ReadonlyMap<string, ConnectionFiles>): void {
  for (const kind of data.evidence) {
    writer.section(`${evidenceNumber(data, kind)} ${EVIDENCE_TITLES[kind]}`);
    if (kind === 'vault-integrity') {
      drawIntegrity(writer, data);
      continue;
    }
    if (kind === 'not-captured') {
      drawNotCaptured(writer);
      continue;
    }
    for (const evidence of data.connections) {
      writer.subsection(`${evidence.connection.name} (${evidence.connection.orgUrl})`);
      drawConnectionEvidence(writer, data, kind, evidence, files.get(evidence.connection.id));
    }
  }
}

function drawConnectionEvidence(writer: PackWriter, data: AuditPackData, kind: EvidenceKind, evidence: ConnectionEvidence, files: ConnectionFiles | undefined): void {
  switch (kind) {
    case 'access-policies':
      return drawPolicies(writer, evidence);
    case 'provisioning':
      return drawProvisioning(writer, evidence);
    case 'group-rules':
      return drawGroupRules(writer, evidence);
    case 'product-access':
      return drawProductAccess(writer, evidence, files?.productAccess?.fileName);
    case 'changes':
      return drawChanges(writer, evidence, files?.changes?.fileName);
    case 'restores':
      return drawRestores(writer, data, evidence);
    case 'snapshot-inventory':
      return drawInventory(writer, evidence, data.verification.problems, files?.inventory?.fileName);
    case 'vault-integrity':
    case 'not-captured':
      return;
  }
}
