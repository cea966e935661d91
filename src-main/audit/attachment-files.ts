import { createHash } from 'node:crypto';
import { redactSecrets } from '../../src-shared/audit/redact-secrets.js';
import { canonicalJson, prettyCanonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import type { SnapshotSummary } from '../vault/vault-types.js';
import type { PackAttachment } from './pack-data.js';

/** How to check an attached snapshot, written into the file itself. */
const VERIFY_NOTE = [
  'Each resource digest is SHA-256 of the UTF-8 canonical JSON (keys sorted by UTF-16 code unit, no whitespace) of {kind, id, name, body}.',
  'Resources listed in redactedPaths had secret values replaced here, so their digest is of the stored body, not of the body shown.',
  'contentHash is SHA-256 of the canonical JSON of {format: "butterfly-snapshot-content/v1", resources: [[kind, id, digest], ...] sorted by kind then id, sections}.',
  'chainHash is SHA-256 of the canonical JSON of {format: "butterfly-snapshot-chain/v1", previousChainHash, contentHash, connectionId, takenAt, trigger, complete}.',
];

/** Returns a file name part made of letters, digits, dot, dash and underscore only. */
export function fileNamePart(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'connection' : cleaned;
}

/** Wraps bytes as an attachment and computes their SHA-256. */
export function makeAttachment(fileName: string, mimeType: string, description: string, bytes: Uint8Array): PackAttachment {
  return { fileName, mimeType, description, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Builds the JSON file of one snapshot: its summary with both hashes, its sections, and every
 * resource with the digest of its stored form and its body with secrets redacted. Keys are
 * sorted and indented two spaces, so the file reads and compares well.
 */
export function snapshotAttachment(summary: SnapshotSummary, resources: readonly SnapshotResource[]): PackAttachment {
  const document: JsonObject = {
    format: 'butterfly-audit-snapshot/v1',
    howToVerify: VERIFY_NOTE,
    snapshot: {
      id: summary.id,
      connectionId: summary.connectionId,
      connectionName: summary.connectionName,
      orgUrl: summary.orgUrl,
      startedAt: summary.startedAt,
      takenAt: summary.takenAt,
      trigger: summary.trigger,
      complete: summary.complete,
      resourceCount: summary.resourceCount,
      contentHash: summary.contentHash,
      previousChainHash: summary.previousChainHash,
      chainHash: summary.chainHash,
    },
    sections: summary.sections as unknown as JsonObject,
    resources: resources.map((resource) => resourceEntry(resource)),
  };

  const bytes = Buffer.from(`${prettyCanonicalJson(document)}\n`, 'utf8');
  const fileName = `snapshot-${summary.id}-${fileNamePart(summary.connectionName)}.json`;
  return makeAttachment(fileName, 'application/json', `Snapshot ${summary.id} of ${summary.connectionName}, taken ${summary.takenAt}: canonical JSON, secrets redacted`, bytes);
}

function resourceEntry(resource: SnapshotResource): JsonObject {
  const canonical = canonicalJson({ kind: resource.kind, id: resource.id, name: resource.name, body: resource.body });
  const { body, redactedPaths } = redactSecrets(resource.body);
  const entry: JsonObject = {
    kind: resource.kind,
    id: resource.id,
    name: resource.name,
    digest: createHash('sha256').update(canonical, 'utf8').digest('hex'),
    body,
  };
  if (redactedPaths.length > 0) entry['redactedPaths'] = redactedPaths;
  return entry;
}

/**
 * Writes rows as CSV (RFC 4180): fields with a comma, quote or line break are quoted. A field
 * that starts with =, +, - or @ gets a leading apostrophe, so a spreadsheet does not run an
 * org-supplied name as a formula.
 */
export function csvBytes(header: readonly string[], rows: ReadonlyArray<readonly JsonValue[]>): Uint8Array {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvField(cell)).join(','));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvField(cell: JsonValue): string {
  let text = cell === null ? '' : typeof cell === 'string' ? cell : JSON.stringify(cell);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
