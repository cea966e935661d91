import type { EvidenceKind } from '../../src-shared/audit/framework-catalog.js';
import { SEVERITY_ORDER } from '../../src-shared/diff/diff-types.js';
import { PRODUCT_NAMES } from '../../src-shared/diff/headline.js';
import type { AuditPackData, ConnectionEvidence } from './pack-data.js';

/** Section titles of the evidence kinds. */
export const EVIDENCE_TITLES: Record<EvidenceKind, string> = {
  'access-policies': 'Sign-on and app access policies',
  provisioning: 'Provisioning and deprovisioning',
  'group-rules': 'Group rules',
  'product-access': 'Who holds which Atlassian product',
  changes: 'Changes during the period',
  restores: 'Restores performed',
  'snapshot-inventory': 'Snapshot inventory and hashes',
  'vault-integrity': 'Integrity of the evidence',
  'not-captured': 'What Butterfly does not capture',
};

/** Returns the number of an evidence section, `E1` for the first one in the pack. */
export function evidenceNumber(data: AuditPackData, kind: EvidenceKind): string {
  return `E${data.evidence.indexOf(kind) + 1}`;
}

/** Returns one sentence with the key figures of an evidence kind for one connection, for the control pages. */
export function keyFigure(kind: EvidenceKind, data: AuditPackData, evidence: ConnectionEvidence): string {
  switch (kind) {
    case 'access-policies': {
      const rules = evidence.policies.flatMap((policy) => policy.rules);
      const factor = rules.filter((rule) => rule.access === 'ALLOW' && !rule.authentication.startsWith('password or IdP only')).length;
      const device = rules.filter((rule) => rule.device !== 'any device').length;
      return `${evidence.policies.length} policies with ${rules.length} rules; ${factor} allowing rules require a second factor or assurance, ${device} rules set a device condition.`;
    }
    case 'provisioning': {
      const scim = evidence.provisioning.filter((app) => app.connection.startsWith('SCIM connection ENABLED')).length;
      const deactivate = evidence.provisioning.filter((app) => app.features.some((feature) => feature.includes('deactivate users on'))).length;
      return `${evidence.provisioning.length} Atlassian app(s); ${scim} with SCIM provisioning enabled, ${deactivate} deactivating users in Atlassian when they lose the app.`;
    }
    case 'group-rules': {
      const active = evidence.groupRules.filter((rule) => rule.status === 'ACTIVE').length;
      return `${evidence.groupRules.length} group rules, ${active} active.`;
    }
    case 'product-access': {
      const start = evidence.accessAtStart;
      const end = evidence.accessAtEnd;
      if (end === undefined) return 'No readable snapshot at the end of the period.';
      return end.products.map((holders, index) => `${PRODUCT_NAMES[holders.product]} ${start?.products[index]?.users.length ?? '?'} → ${holders.users.length}`).join('; ') + ' users (start → end).';
    }
    case 'changes': {
      const findings = evidence.changes.flatMap((change) => change.findings);
      const counts = SEVERITY_ORDER.map((severity) => `${findings.filter((finding) => finding.severity === severity).length} ${severity}`).join(', ');
      return `${evidence.changes.length} change(s) between consecutive snapshots, ${findings.length} findings (${counts}).`;
    }
    case 'restores':
      return data.restoreJournalAvailable ? `${evidence.restores.length} restore(s) started in the period.` : 'No restore journal in this vault.';
    case 'snapshot-inventory':
      return `${evidence.inventory.length} snapshot(s) listed with content and chain hashes; ${evidence.skipped.length} could not be compared.`;
    case 'vault-integrity':
    case 'not-captured':
      return vaultFigure(kind, data);
  }
}

/** Kinds whose figures are about the whole vault, not one connection. */
export const VAULT_WIDE_KINDS: ReadonlySet<EvidenceKind> = new Set(['vault-integrity', 'not-captured']);

/** Returns the key figure of a vault-wide evidence kind. */
export function vaultFigure(kind: 'vault-integrity' | 'not-captured', data: AuditPackData): string {
  if (kind === 'not-captured') return 'What the snapshots cannot show, so that no gap is mistaken for evidence.';
  if (data.listingError !== undefined) return `VERIFICATION FAILED: the snapshot list could not be read (${data.listingError}).`;
  return data.verification.problems.length === 0
    ? `Verification passed: ${data.verification.snapshotsChecked} snapshots and ${data.verification.blobsChecked} stored resources re-checked, hash chain unbroken.`
    : `VERIFICATION FAILED: ${data.verification.problems.length} problem(s) found in the vault.`;
}
