import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPackRequest } from '../../src-main/audit/audit-request.js';
import { generateAuditPack, type AuditPack } from '../../src-main/audit/generate-audit-pack.js';
import { vaultRestoreSource, type AuditRestoreEvent, type RestoreJournalSource } from '../../src-main/audit/restore-journal-source.js';
import { computeChainHash, computeContentHash } from '../../src-main/vault/snapshot-hashes.js';
import { Vault } from '../../src-main/vault/vault.js';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { ResourceKind, SectionState, SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';
import { testKey } from '../vault/vault-test-data.js';
import { buildAuditVault, type AuditVaultFixture } from './audit-vault.js';
import { inkPerPage, pdfAttachments, pdfLayoutLines, pdfPageCount, pdfText } from './pdf-tools.js';

/** A group renamed to a name in a script DejaVu Sans lacks (Japanese), from the third snapshot on. */
const CS_GROUP = '00g16u1EekNca2ODdwek';
const JAPANESE_NAME = 'CS-jsm-agents 営業チーム';

const REQUEST: AuditPackRequest = {
  connections: ['prod'],
  from: '2026-01-10T00:00:00.000Z',
  to: '2026-01-31T23:59:59.999Z',
  frameworks: ['soc2', 'iso27001', 'hipaa'],
  preparedBy: 'Dana Whitfield',
  generatedAt: '2026-02-03T10:00:00.000Z',
};

let folder: string;
let fixture: AuditVaultFixture;
let pack: AuditPack;
let text: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'butterfly-audit-'));
  fixture = await buildAuditVault(folder, 'group-push-deactivated', { [CS_GROUP]: JAPANESE_NAME });
  pack = await generate(fixture.path, REQUEST);
  text = pdfText(pack.bytes);
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function generate(path: string, request: AuditPackRequest, restores?: RestoreJournalSource): Promise<AuditPack> {
  const vault = Vault.open({ path, vaultKey: testKey() });
  try {
    return await generateAuditPack({ vault, restores: restores ?? vaultRestoreSource(vault), request });
  } finally {
    vault.close();
  }
}

/** Copies the fixture vault so a test can damage its copy. */
function copyVault(name: string): string {
  const path = join(folder, `${name}.db`);
  copyFileSync(fixture.path, path);
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${fixture.path}${suffix}`)) copyFileSync(`${fixture.path}${suffix}`, `${path}${suffix}`);
  return path;
}

function editVault(path: string, sql: string, ...parameters: unknown[]): void {
  const db = new BetterSqlite3(path);
  db.prepare(sql).run(...parameters);
  db.close();
}

describe('audit pack content', () => {
  it('cover names the inputs', () => {
    expect(text).toContain('Butterfly Audit Pack');
    expect(text).toContain('Prepared by Dana Whitfield');
    expect(text).toContain('2026-01-10T00:00:00.000Z to 2026-01-31T23:59:59.999Z');
    expect(text).toContain('Generated 2026-02-03T10:00:00.000Z');
    expect(text).toContain('prod (https://northwindquanta.okta.com)');
  });

  it('every section is present', () => {
    const sections = [
      'Contents', 'About this pack',
      'SOC 2 (Trust Services Criteria): controls and evidence',
      'ISO/IEC 27001:2022 (Annex A): controls and evidence',
      'HIPAA Security Rule (45 CFR Part 164): controls and evidence',
      'E1 Sign-on and app access policies', 'E2 Provisioning and deprovisioning', 'E3 Group rules',
      'E4 Who holds which Atlassian product', 'E5 Changes during the period', 'E6 Restores performed',
      'E7 Snapshot inventory and hashes', 'E8 Integrity of the evidence', 'E9 What Butterfly does not capture',
      'Attached files', 'Characters replaced in this pack',
    ];
    for (const section of sections) expect(text, section).toContain(section);
  });

  it('every control of the chosen frameworks', () => {
    const controls = [
      'CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC8.1',
      'A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.5', 'A.8.9', 'A.8.13',
      '164.312(a)(1)', '164.312(a)(2)(i)', '164.312(a)(2)(ii)', '164.312(a)(2)(iii)', '164.312(a)(2)(iv)',
      '164.312(b)', '164.312(c)(1)', '164.312(d)', '164.308(a)(7)',
    ];
    for (const control of controls) expect(text, control).toContain(control);
  });

  it('policies show their requirements', () => {
    expect(text).toContain('App sign-in policy: Atlassian Cloud sign-in');
    expect(text).toContain('registered, managed, assurance macOS managed baseline or Windows managed baseline');
    expect(text).toContain('possession factor: deviceBound, phishingResistant');
    expect(text).toContain('idle 30 min, lifetime 480 min');
  });

  it('provisioning and group rules', () => {
    expect(text).toContain('SCIM connection ENABLED, authentication TOKEN');
    expect(text).toContain('deactivate users on');
    expect(text).toContain('jira-software-users → jira-software-users (INACTIVE)');
    expect(text).toContain('user.department=="Engineering"');
  });

  it('product access at start and end', () => {
    expect(pack.data.connections[0]?.accessAtStart?.products[0]?.users).toHaveLength(156);
    expect(pack.data.connections[0]?.accessAtEnd?.products[0]?.users).toHaveLength(117);
    expect(text).toContain('At start 156 user(s) At end 117 user(s)');
    expect(text).toContain('Lost 39: aiko.papadopoulos@northwindquanta.com');
  });

  it('change findings with severity', () => {
    expect(text).toContain("critical group-push-mapping Push Groups mapping of group 'jira-software-users' in app 'Atlassian Cloud' was deactivated.");
    expect(text).toContain('39 users lose Jira Software');
  });

  it('inventory prints every hash', () => {
    const inventory = pack.data.connections[0]?.inventory ?? [];
    expect(inventory.map((summary) => summary.id)).toEqual([1, 2, 3]);
    for (const summary of inventory) {
      expect(text).toContain(`Content hash ${summary.contentHash}`);
      expect(text).toContain(`Chain hash ${summary.chainHash}`);
    }
    expect(text).toContain(`Vault chain head ${pack.data.chainHead}`);
  });

  it('verification passed is stated', () => {
    expect(text).toContain('Vault verification passed: 4 snapshots');
    expect(text).not.toContain('FAILED');
  });

  it('snapshot after the period is left out', () => {
    expect(pack.data.connections[0]?.end?.id).toBe(3);
    expect(text).not.toContain('Snapshot 4');
  });

  it('pages render with drawn text', () => {
    const ink = inkPerPage(pack.bytes);

    expect(ink).toHaveLength(pdfPageCount(pack.bytes));
    for (const [index, share] of ink.entries()) expect(share, `page ${index + 1}`).toBeGreaterThan(0.001);
  });
});

/** Returns the printed lines of a section: from its heading at the top of a page to the next section's heading. */
function sectionLines(lines: readonly string[], title: string, nextTitle: string): string[] {
  const heading = (line: string, name: string): boolean => line.replace('\f', '') === name;
  const start = lines.findIndex((line) => heading(line, title));
  const end = lines.findIndex((line, index) => index > start && heading(line, nextTitle));
  if (start === -1 || end === -1) throw new Error(`Section '${title}' or '${nextTitle}' is missing from the pack.`);
  return lines.slice(start, end);
}

describe('audit pack table layout', () => {
  const changes = (): string[] => sectionLines(pdfLayoutLines(pack.bytes), 'E5 Changes during the period', 'E6 Restores performed');

  it('change table headers stay whole', () => {
    const header = changes().find((line) => line.trimStart().startsWith('Snapshots'));
    const words = header?.trim().split(/\s+/) ?? [];

    expect(words).toEqual(['Snapshots', 'Taken', '(UTC)', 'Resources', 'Findings', 'Access', 'impact']);
  });

  it('no lone Z or comma', () => {
    for (const line of changes()) {
      const words = line.trim().split(/\s+/);
      expect(words, line).not.toContain('Z');
      expect(words, line).not.toContain(',');
    }
  });

  it('times print as day and minute', () => {
    expect(text).toContain('3 2026-01-20 09:00Z +0 −0 ~');
    expect(text).toContain('Snapshot 2 → 3, taken 2026-01-20 09:00Z');
  });

  it('addresses break after a separator', () => {
    const pieces = changes().flatMap((line) => line.trim().split(/\s+/)).filter((word) => /northwindquanta\.com|@$/.test(word));

    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) expect(piece).toMatch(/^[\w.-]+@((ext\.)?northwindquanta\.com[,.]?)?$|^(ext\.)?northwindquanta\.com[,.]?$/);
  });
});

describe('audit pack frameworks', () => {
  it('only chosen framework controls', async () => {
    const soc2 = pdfText((await generate(fixture.path, { ...REQUEST, frameworks: ['soc2'] })).bytes);

    expect(soc2).toContain('CC6.1 Logical access controls');
    expect(soc2).toContain('CC8.1 Change management');
    expect(soc2).not.toContain('A.5.15');
    expect(soc2).not.toContain('ISO/IEC 27001');
    expect(soc2).not.toContain('164.312');
    expect(soc2).not.toContain('HIPAA');
  });

  it('evidence follows the controls', async () => {
    const hipaa = await generate(fixture.path, { ...REQUEST, frameworks: ['hipaa'] });

    expect(hipaa.data.evidence).toEqual(['access-policies', 'provisioning', 'product-access', 'changes', 'restores', 'snapshot-inventory', 'vault-integrity', 'not-captured']);
    expect(pdfText(hipaa.bytes)).not.toContain('Group rules');
  });
});

describe('audit pack determinism', () => {
  it('same inputs give identical bytes', async () => {
    const again = await generate(fixture.path, REQUEST);

    expect(Buffer.from(again.bytes).equals(Buffer.from(pack.bytes))).toBe(true);
  });

  it('generation time changes the bytes', async () => {
    const later = await generate(fixture.path, { ...REQUEST, generatedAt: '2026-02-04T10:00:00.000Z' });

    expect(Buffer.from(later.bytes).equals(Buffer.from(pack.bytes))).toBe(false);
    expect(pdfText(later.bytes)).toContain('2026-02-04T10:00:00.000Z');
  });
});

describe('audit pack tampering', () => {
  it('edited chain hash reported', async () => {
    const path = copyVault('edited-chain');
    editVault(path, 'UPDATE snapshots SET chain_hash = ? WHERE id = 2', Buffer.alloc(32, 7));

    const tampered = await generate(path, REQUEST);
    const tamperedText = pdfText(tampered.bytes);

    expect(tampered.data.verification.problems.length).toBeGreaterThan(0);
    expect(tamperedText).toContain('VAULT VERIFICATION FAILED');
    expect(tamperedText).toContain('VERIFICATION FAILED. Re-verifying the vault found');
    expect(tamperedText).toContain('chain-broken snapshot 2');
    expect(tamperedText).toContain(`Chain hash ${'07'.repeat(32)}`);
  });

  it('damaged resource reported', async () => {
    const path = copyVault('damaged-blob');
    const db = new BetterSqlite3(path);
    const blob = db.prepare('SELECT b.id AS id, b.sealed AS sealed FROM blobs b JOIN snapshot_resources r ON r.blob_id = b.id WHERE r.snapshot_id = 3 AND b.id NOT IN (SELECT blob_id FROM snapshot_resources WHERE snapshot_id = 1) LIMIT 1').get() as { id: number; sealed: Buffer };
    const sealed = Buffer.from(blob.sealed);
    sealed[20] = (sealed[20] ?? 0) ^ 0xff;
    db.prepare('UPDATE blobs SET sealed = ? WHERE id = ?').run(sealed, blob.id);
    db.close();

    const tampered = await generate(path, REQUEST);
    const tamperedText = pdfText(tampered.bytes);

    expect(tamperedText).toContain('VAULT VERIFICATION FAILED');
    expect(tamperedText).toContain('decrypt-failed');
    expect(tamperedText).toContain('Snapshot 3 was left out of the comparison: could not be read');
  });
});

describe('audit pack fonts', () => {
  it('missing glyphs replaced and listed', () => {
    const codePoints = ['U+30C1', 'U+30E0', 'U+30FC', 'U+55B6', 'U+696D'];
    for (const codePoint of codePoints) expect(text).toContain(codePoint);
    expect(text).toContain('CS-jsm-agents \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(text).not.toContain('営業');
  });

  it('names in other scripts render', () => {
    expect(text).toContain('→');
    expect(text).toContain('•');
  });
});

describe('audit pack restores', () => {
  it('restore with plan and approver', async () => {
    const journal: RestoreJournalSource = {
      available: true,
      listRestores: () => [restoreRecord],
      readRestore: () => ({
        record: restoreRecord,
        plan: {
          desired: { label: '2', orgUrl: 'https://northwindquanta.okta.com', takenAt: '2026-01-12T09:00:00.000Z' },
          live: { label: 'live', orgUrl: 'https://northwindquanta.okta.com', takenAt: '2026-01-21T08:00:00.000Z' },
          steps: [{ index: 1, action: 'activate', kind: 'group-push-mapping', name: 'jira-software-users', description: "Activate the Push Groups mapping of 'jira-software-users'." }],
          manualSteps: [],
          warnings: [],
          blockers: [],
        },
        events: PUSH_EVENTS,
        statusDetail: null,
        verification: { outcome: 'passed', differences: [] },
      }),
    };

    const restored = pdfText((await generate(fixture.path, REQUEST, journal)).bytes);

    expect(restored).toContain('Restore r1: verified');
    expect(restored).toContain('Approved by Priya Raman');
    expect(restored).toContain("1 Activate the Push Groups mapping of 'jira-software-users'. sent 200 2026-01-21 08:01:02Z");
    expect(restored).toContain('Verification passed');
  });

  it('missing journal is not read as none', async () => {
    const none: RestoreJournalSource = { available: false, listRestores: () => [], readRestore: () => { throw new Error('no journal'); } };

    const restored = pdfText((await generate(fixture.path, REQUEST, none)).bytes);

    expect(restored).toContain('This is not evidence that no restore happened.');
  });
});

const PUSH_STEP_KEY = 'group-push-mapping:0oa1/gPm1:activate';

/** The journal of one push mapping activated in one run, in the shapes the restore executor writes. */
const PUSH_EVENTS: AuditRestoreEvent[] = [
  { stepIndex: 1, type: 'started', at: '2026-01-21T08:01:00.000Z', detail: { key: PUSH_STEP_KEY, request: { method: 'PATCH', path: '/api/v1/apps/0oa1/group-push/mappings/gPm1', body: { status: 'ACTIVE' } }, resumed: false } },
  { stepIndex: 1, type: 'succeeded', at: '2026-01-21T08:01:02.000Z', detail: { key: PUSH_STEP_KEY, outcome: 'sent', status: 200 } },
];

const restoreRecord = {
  id: 'r1',
  connectionId: '',
  connectionName: 'prod',
  desiredSnapshotId: 2,
  preRestoreSnapshotId: 3,
  createdAt: '2026-01-21T08:00:00.000Z',
  updatedAt: '2026-01-21T08:02:00.000Z',
  status: 'verified',
  approvedBy: 'Priya Raman',
  stepCount: 1,
  stepsSucceeded: 1,
};

describe('audit pack attachments', () => {
  it('attached snapshot recomputes its hashes', () => {
    const files = pdfAttachments(pack.bytes);
    const document = JSON.parse(files.get('snapshot-3-prod.json')?.toString('utf8') ?? '{}') as AttachedSnapshot;
    const summary = pack.data.connections[0]?.end;

    const entries = document.resources.map((resource) => ({ kind: resource.kind, id: resource.id, digest: Buffer.from(resource.digest, 'hex') }));
    const contentHash = computeContentHash(entries, document.sections);
    const chainHash = computeChainHash(Buffer.from(document.snapshot.previousChainHash, 'hex'), contentHash, document.snapshot);

    expect(contentHash.toString('hex')).toBe(summary?.contentHash);
    expect(chainHash.toString('hex')).toBe(summary?.chainHash);
    for (const resource of document.resources.filter((entry) => entry.redactedPaths === undefined)) {
      const digest = createHash('sha256').update(canonicalJson({ kind: resource.kind, id: resource.id, name: resource.name, body: resource.body })).digest('hex');
      expect(digest, `${resource.kind} ${resource.id}`).toBe(resource.digest);
    }
  });

  it('every listed attachment is embedded', () => {
    const files = pdfAttachments(pack.bytes);

    expect([...files.keys()].sort()).toEqual(['changes-prod.csv', 'inventory-prod.csv', 'product-access-prod.csv', 'snapshot-1-prod.json', 'snapshot-3-prod.json', 'vault-verification.json']);
    for (const [name, bytes] of files) expect(text, name).toContain(`SHA-256 ${createHash('sha256').update(bytes).digest('hex')}`);
  });

  it('product access CSV lists every holder', () => {
    const csv = pdfAttachments(pack.bytes).get('product-access-prod.csv')?.toString('utf8') ?? '';
    const jiraRows = csv.split('\r\n').filter((line) => line.startsWith('jira-software,'));

    expect(jiraRows).toHaveLength(156);
    expect(jiraRows.filter((line) => line.endsWith(',yes,no'))).toHaveLength(39);
  });
});

interface AttachedSnapshot {
  snapshot: { previousChainHash: string; connectionId: string; takenAt: string; trigger: SnapshotTrigger; complete: boolean };
  sections: Record<ResourceKind, SectionState>;
  resources: Array<{ kind: ResourceKind; id: string; name: string; digest: string; body: JsonValue; redactedPaths?: string[] }>;
}
