import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPackRequest } from '../../src-main/audit/audit-request.js';
import { generateAuditPack } from '../../src-main/audit/generate-audit-pack.js';
import { vaultRestoreSource } from '../../src-main/audit/restore-journal-source.js';
import type { FailedDetail, SkippedDetail, StartedDetail, SucceededDetail } from '../../src-main/restore/restore-journal.js';
import { executeRestore, resumeRestore } from '../../src-main/restore/run-restore.js';
import { Vault } from '../../src-main/vault/vault.js';
import type { RestoreStatus, RestoreStepEventType } from '../../src-main/vault/vault-types.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import { applyDrill, PRODUCTION_APP_ID, rigServices, startDrillRig } from '../restore/drill-restore-rig.js';
import { runCli } from '../support/cli-harness.js';
import { testKey } from '../vault/vault-test-data.js';
import { buildAuditVault } from './audit-vault.js';
import { pdfText } from './pdf-tools.js';

const REQUEST: AuditPackRequest = {
  connections: ['prod'],
  from: '2026-01-10T00:00:00.000Z',
  to: '2026-01-31T23:59:59.999Z',
  frameworks: ['soc2'],
  preparedBy: 'Dana Whitfield',
  generatedAt: '2026-02-03T10:00:00.000Z',
};

const ORG_URL = 'https://northwindquanta.okta.com';

/** The two steps every journal below plans: an update of a group rule and the activation of a push mapping. */
const STEPS = [
  { index: 1, key: 'group-rule:0pr1:update', action: 'update', kind: 'group-rule', name: 'Engineering department', description: "Replace the conditions of group rule 'Engineering department' with those in the snapshot." },
  { index: 2, key: 'group-push-mapping:0oa1/gPm1:activate', action: 'activate', kind: 'group-push-mapping', name: 'jira-software-users', description: "Resume pushing group 'jira-software-users' to Atlassian." },
];

const RULE_KEY = STEPS[0]?.key ?? '';
const PUSH_KEY = STEPS[1]?.key ?? '';

type Event = [stepIndex: number, type: RestoreStepEventType, at: string, detail: StartedDetail | SucceededDetail | FailedDetail | SkippedDetail];

interface JournalSpec {
  createdAt: string;
  approvedBy: string;
  events: Event[];
  status: RestoreStatus;
  statusDetail?: JsonValue;
  verification?: JsonValue;
}

const started = (key: string, resumed = false): StartedDetail => ({ key, request: { method: 'PUT', path: '/api/v1/groups/rules/0pr1' }, resumed });
const sent = (key: string, status: number): SucceededDetail => ({ key, outcome: 'sent', status, readBack: { path: '/api/v1/groups/rules/0pr1', status: 200, fields: ['/conditions'] } });
const skipped = (key: string, reason: SkippedDetail['reason']): SkippedDetail => ({ key, reason, message: reason === 'cancelled' ? 'The restore was cancelled before step 2.' : 'Not run because step 1 failed.' });
const CLEAN = { checked: 2, residuals: [], leftInPlace: [], pendingManualSteps: [], unchecked: [], clean: true };

/** Journals in the shapes the restore executor writes, one per way a restore can end. */
const JOURNALS: JournalSpec[] = [
  {
    createdAt: '2026-01-21T08:00:00.000Z',
    approvedBy: 'Priya Raman',
    events: [
      [1, 'started', '2026-01-21T08:01:00.000Z', started(RULE_KEY)],
      [1, 'succeeded', '2026-01-21T08:01:01.000Z', sent(RULE_KEY, 200)],
      [2, 'skipped', '2026-01-21T08:01:02.000Z', skipped(PUSH_KEY, 'cancelled')],
      [2, 'started', '2026-01-21T09:15:00.000Z', started(PUSH_KEY, true)],
      [2, 'succeeded', '2026-01-21T09:15:01.000Z', sent(PUSH_KEY, 200)],
    ],
    status: 'verified',
    verification: CLEAN,
  },
  {
    createdAt: '2026-01-22T08:00:00.000Z',
    approvedBy: 'Jordan Okafor',
    events: [
      [1, 'started', '2026-01-22T08:01:00.000Z', started(RULE_KEY)],
      [1, 'failed', '2026-01-22T08:01:01.000Z', { key: RULE_KEY, phase: 'request', message: 'PUT /api/v1/groups/rules/0pr1 failed: HTTP 400', status: 400, errorCode: 'E0000001', errorSummary: 'Api validation failed: conditions' }],
      [2, 'skipped', '2026-01-22T08:01:01.000Z', skipped(PUSH_KEY, 'earlier-step-failed')],
    ],
    status: 'failed',
    statusDetail: { status: 'failed', failure: null },
  },
  {
    createdAt: '2026-01-23T08:00:00.000Z',
    approvedBy: 'Priya Raman',
    events: [
      [1, 'started', '2026-01-23T08:01:00.000Z', started(RULE_KEY)],
      [1, 'succeeded', '2026-01-23T08:05:00.000Z', { key: RULE_KEY, outcome: 'found-by-lookup', created: { kind: 'group-rule', desiredId: '0pr1', id: '0pr9' } }],
      [2, 'started', '2026-01-23T08:05:01.000Z', started(PUSH_KEY)],
      [2, 'succeeded', '2026-01-23T08:05:02.000Z', { key: PUSH_KEY, outcome: 'already-deleted', status: 404 }],
    ],
    status: 'verified-with-residuals',
    verification: { ...CLEAN, clean: false, residuals: [{ kind: 'group-rule', id: '0pr1', name: 'CS → jsm-agents', change: 'removed' }] },
  },
  {
    createdAt: '2026-01-24T08:00:00.000Z',
    approvedBy: 'Dana Whitfield',
    events: [
      [1, 'started', '2026-01-24T08:01:00.000Z', started(RULE_KEY)],
      [1, 'succeeded', '2026-01-24T08:01:01.000Z', sent(RULE_KEY, 200)],
      [2, 'started', '2026-01-24T08:01:02.000Z', started(PUSH_KEY)],
    ],
    status: 'running',
  },
];

let folder: string;
let text: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'butterfly-audit-restores-'));
  const fixture = await buildAuditVault(folder, 'group-push-deactivated');
  const vault = Vault.open({ path: fixture.path, vaultKey: testKey() });
  try {
    for (const journal of JOURNALS) writeJournal(vault, fixture.connection.id, journal);
    text = pdfText((await generateAuditPack({ vault, restores: vaultRestoreSource(vault), request: REQUEST })).bytes);
  } finally {
    vault.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function writeJournal(vault: Vault, connectionId: string, journal: JournalSpec): void {
  const plan = {
    desired: { label: '2', orgUrl: ORG_URL, takenAt: '2026-01-12T09:00:00.000Z' },
    live: { label: '3', orgUrl: ORG_URL, takenAt: journal.createdAt },
    steps: STEPS,
    manualSteps: [],
    warnings: [],
    blockers: [],
  };
  const record = vault.createRestore({ connectionId, desiredSnapshotId: 2, preRestoreSnapshotId: 3, plan, stepCount: STEPS.length, approvedBy: journal.approvedBy, createdAt: journal.createdAt });
  for (const [stepIndex, type, at, detail] of journal.events) vault.recordRestoreStep(record.id, { stepIndex, type, at, detail: detail as unknown as JsonValue });
  if (journal.verification !== undefined) vault.setRestoreVerification(record.id, journal.verification);
  vault.setRestoreStatus(record.id, journal.status, journal.statusDetail);
}

describe('audit pack restore journal', () => {
  it('no raw journal JSON', () => {
    expect(text).not.toContain('{"key"');
    expect(text).not.toContain('"outcome"');
  });

  it('cancelled and resumed restore', () => {
    expect(text).toContain('Restore r1: verified, interrupted and resumed');
    expect(text).toContain('Interrupted and resumed: the journal records 2 runs. Completed and verified');
    expect(text).toContain('Run 1, from 2026-01-21 08:01:00Z, recorded steps 1 to 2, and was cancelled before step 2.');
    expect(text).toContain('Run 2, from 2026-01-21 09:15:00Z, recorded step 2, and finished the plan.');
    expect(text).toContain('1 not run: cancelled - 2026-01-21 08:01:02Z');
    expect(text).toContain('2 sent, read back matched 200 2026-01-21 09:15:01Z');
    expect(text).toContain('Approved by Priya Raman');
    expect(text).toContain('Verification passed');
  });

  it('failed step shows okta error', () => {
    expect(text).toContain('Restore r2: failed');
    expect(text).toContain('Step 1 failed: E0000001 Api validation failed: conditions (HTTP 400). The steps after it were not run.');
    expect(text).toContain('not run: earlier step failed - 2026-01-22 08:01:01Z');
    expect(text).toContain('Verification not run, because the restore did not finish');
  });

  it('lookup after interruption, with residuals', () => {
    expect(text).toContain('Restore r3: verified with residuals, interrupted and resumed');
    expect(text).toContain('and was interrupted during step 1.');
    expect(text).toContain('started, no outcome recorded');
    expect(text).toContain('found by lookup');
    expect(text).toContain('already deleted 404 2026-01-23 08:05:02Z');
    expect(text).toContain("found 1 difference(s) from the snapshot: group-rule 'CS → jsm-agents' is missing from the org but present in the snapshot");
  });

  it('unfinished restore is not finished', () => {
    expect(text).toContain('Restore r4: not finished');
    expect(text).toContain('The last step recorded is step 2: the restore was still running when the pack was generated, or it was interrupted and not resumed.');
  });
});

describe('audit pack restore from the executor', () => {
  it('cancel and resume shown as two runs', async () => {
    const rig = await startDrillRig();
    try {
      await applyDrill(rig, 'acs-url-changed');
      await applyDrill(rig, 'group-push-deactivated');
      const services = await rigServices(rig);
      try {
        const controller = new AbortController();
        const stopped = await executeRestore(services, {
          snapshotId: 1,
          connectionName: 'sandbox',
          scope: [{ type: 'app', appId: PRODUCTION_APP_ID }],
          confirm: new URL(rig.org.url).host,
          approvedBy: 'Priya Raman',
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'step-succeeded') controller.abort();
          },
        });
        await resumeRestore(services, stopped.record.id);
      } finally {
        services.close();
      }
      const out = join(rig.home, 'pack.pdf');

      const run = await runCli(rig.home, ['audit-pack', '--connection', 'sandbox', '--from', '2000-01-01', '--to', '2100-12-31', '--framework', 'soc2', '--prepared-by', 'Dana Whitfield', '--out', out]);
      const restored = pdfText(readFileSync(out));

      expect(run.code).toBe(0);
      expect(restored).toContain('Restore r1: verified, interrupted and resumed');
      expect(restored).toContain('and was cancelled before step 2.');
      expect(restored).toContain('and finished the plan.');
      expect(restored).toMatch(/2 sent, read back matched 200 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z/);
      expect(restored).not.toContain('{"key"');
    } finally {
      await rig.close();
    }
  });
});
