import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPackRequest } from '../../src-main/audit/audit-request.js';
import { compareLoaded, type LoadedSnapshot } from '../../src-main/audit/collect-changes.js';
import { collectConnection, type SnapshotStore } from '../../src-main/audit/collect-connection.js';
import type { RestoreJournalSource } from '../../src-main/audit/restore-journal-source.js';
import { Vault } from '../../src-main/vault/vault.js';
import type { ConnectionRecord } from '../../src-main/vault/vault-types.js';
import { diffSnapshots } from '../../src-shared/diff/diff-snapshots.js';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { testKey } from '../vault/vault-test-data.js';
import { buildAuditVault } from './audit-vault.js';

const REQUEST: AuditPackRequest = {
  connections: ['prod'],
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-28T23:59:59.999Z',
  frameworks: ['soc2'],
  preparedBy: 'Dana Whitfield',
  generatedAt: '2026-03-01T10:00:00.000Z',
};

const NO_RESTORES: RestoreJournalSource = {
  available: true,
  listRestores: () => [],
  readRestore: () => {
    throw new Error('No restore is listed, so none is read.');
  },
};

let folder: string;
let vault: Vault;
let connection: ConnectionRecord;
let loaded: LoadedSnapshot[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'butterfly-collect-'));
  const fixture = await buildAuditVault(folder, 'group-push-deactivated');
  vault = Vault.open({ path: fixture.path, vaultKey: testKey() });
  connection = fixture.connection;
  loaded = vault.listSnapshots().map((summary) => ({ summary, resources: vault.readSnapshot(summary.id).resources }));
}, 120_000);

afterAll(() => {
  vault.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Builds a store that reads the vault and then hands out the resources it already handed out
 * under the same key, as a vault reading by blob key would. The key here is the canonical JSON.
 */
function reusingStore(reused: { count: number }): SnapshotStore {
  return {
    readSnapshot: (id) => vault.readSnapshot(id),
    readSnapshotReusing: (id, known) => {
      const { summary, resources } = vault.readSnapshot(id);
      const blobs = new Map<string, SnapshotResource>();
      const shared = resources.map((resource) => {
        const key = canonicalJson({ kind: resource.kind, id: resource.id, name: resource.name, body: resource.body });
        const previous = known.get(key);
        if (previous !== undefined) reused.count++;
        blobs.set(key, previous ?? resource);
        return previous ?? resource;
      });
      return { summary, resources: shared, blobs };
    },
  };
}

describe('pack comparison of loaded snapshots', () => {
  it('matches diffSnapshots for each pair', () => {
    let pairsWithChanges = 0;
    for (let index = 1; index < loaded.length; index++) {
      const before = loaded[index - 1];
      const after = loaded[index];
      if (before === undefined || after === undefined) throw new Error('The fixture has four snapshots.');
      const side = (snapshot: LoadedSnapshot) => ({ label: String(snapshot.summary.id), takenAt: snapshot.summary.takenAt, complete: snapshot.summary.complete, resources: snapshot.resources });
      const expected = diffSnapshots(side(before), side(after), { impact: REQUEST.impact });
      const actual = compareLoaded(before, after, REQUEST.impact);

      if (expected.changes.length === 0) {
        expect(actual).toBeUndefined();
        continue;
      }
      pairsWithChanges++;
      expect(actual?.findings).toEqual(expected.findings);
      expect(actual?.headline).toEqual(expected.headline);
      expect(actual?.counts).toEqual({ added: expected.counts.added, removed: expected.counts.removed, changed: expected.counts.changed });
    }
    expect(pairsWithChanges).toBeGreaterThan(0);
  });

  it('unchanged pair is not compared further', () => {
    const first = loaded[0];
    if (first === undefined) throw new Error('The fixture has four snapshots.');
    const copy: LoadedSnapshot = { summary: first.summary, resources: first.resources };

    expect(compareLoaded(first, copy, undefined)).toBeUndefined();
    expect(copy.impact).toBeUndefined();
  });
});

describe('collection with blob reuse', () => {
  it('reusing store gives the same evidence', async () => {
    const snapshots = vault.listSnapshots();
    const plain = await collectConnection({ readSnapshot: (id) => vault.readSnapshot(id) }, NO_RESTORES, connection, snapshots, REQUEST, () => undefined);
    const reused = { count: 0 };
    const shared = await collectConnection(reusingStore(reused), NO_RESTORES, connection, snapshots, REQUEST, () => undefined);

    expect(reused.count).toBeGreaterThan(0);
    expect(shared.changes.length).toBeGreaterThan(0);
    expect(shared).toEqual(plain);
  });
});
