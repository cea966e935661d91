import { ATLASSIAN_PRODUCTS } from '../../src-shared/diff/diff-types.js';
import type { ProductAccessEvidence } from '../../src-shared/audit/product-access-evidence.js';
import { csvBytes, fileNamePart, makeAttachment } from './attachment-files.js';
import { changeRows } from './change-section.js';
import { inventoryRows } from './inventory-section.js';
import type { AuditPackData, ConnectionEvidence, PackAttachment } from './pack-data.js';

/** The CSV attachments of one connection, by what they list; undefined when the pack leaves that evidence out. */
export interface ConnectionFiles {
  inventory: PackAttachment | undefined;
  changes: PackAttachment | undefined;
  productAccess: PackAttachment | undefined;
}

/** Builds the full lists of one connection as CSV files, for the evidence kinds the pack holds. */
export function connectionFiles(data: AuditPackData, evidence: ConnectionEvidence): ConnectionFiles {
  const name = fileNamePart(evidence.connection.name);
  const wants = (kind: AuditPackData['evidence'][number]) => data.evidence.includes(kind);

  return {
    inventory: wants('snapshot-inventory')
      ? makeAttachment(`inventory-${name}.csv`, 'text/csv', `Every snapshot of ${evidence.connection.name} in the period with its hashes and verification result`, csvBytes(
        ['snapshot_id', 'connection', 'taken_at', 'trigger', 'state', 'resources', 'content_hash', 'previous_chain_hash', 'chain_hash', 'verification'],
        inventoryRows(evidence, data.verification.problems),
      ))
      : undefined,
    changes: wants('changes')
      ? makeAttachment(`changes-${name}.csv`, 'text/csv', `Every change finding of ${evidence.connection.name} in the period`, csvBytes(
        ['before_snapshot', 'after_snapshot', 'after_taken_at', 'severity', 'kind', 'code', 'finding'],
        changeRows(evidence.changes),
      ))
      : undefined,
    productAccess: wants('product-access') && evidence.accessAtEnd !== undefined
      ? makeAttachment(`product-access-${name}.csv`, 'text/csv', `Every user holding an Atlassian product through ${evidence.connection.name} at the start or end of the period`, csvBytes(
        ['product', 'login', 'user_id', 'at_start', 'at_end'],
        productAccessRows(evidence.accessAtStart, evidence.accessAtEnd),
      ))
      : undefined,
  };
}

/** One row per product and user who held it at the start or the end; `unknown` when the start is not known. */
function productAccessRows(start: ProductAccessEvidence | undefined, end: ProductAccessEvidence): string[][] {
  const rows: string[][] = [];
  ATLASSIAN_PRODUCTS.forEach((product, index) => {
    const atStart = new Map((start?.products[index]?.users ?? []).map((user) => [user.id, user.login]));
    const atEnd = new Map((end.products[index]?.users ?? []).map((user) => [user.id, user.login]));
    const ids = [...new Set([...atStart.keys(), ...atEnd.keys()])];
    const logins = new Map([...atStart, ...atEnd]);
    ids.sort((a, b) => compare(logins.get(a) ?? a, logins.get(b) ?? b) || compare(a, b));
    for (const id of ids) {
      rows.push([product, logins.get(id) ?? id, id, start === undefined ? 'unknown' : yesNo(atStart.has(id)), yesNo(atEnd.has(id))]);
    }
  });
  return rows;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
