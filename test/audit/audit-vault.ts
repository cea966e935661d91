import { join } from 'node:path';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { Vault } from '../../src-main/vault/vault.js';
import type { ConnectionRecord } from '../../src-main/vault/vault-types.js';
import type { CapturedSnapshot, SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { captureSandbox } from '../support/capture-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';
import { testKey } from '../vault/vault-test-data.js';

/** Times the fixture's snapshots are recorded at: two before the drill, one after, one unchanged. */
export const SNAPSHOT_TIMES = ['2026-01-05T09:00:00.000Z', '2026-01-12T09:00:00.000Z', '2026-01-20T09:00:00.000Z', '2026-02-02T09:00:00.000Z'];

/** A closed vault holding four snapshots of the sandbox org, with a drill applied before the third. */
export interface AuditVaultFixture {
  path: string;
  connection: ConnectionRecord;
}

/**
 * Captures the atlassian-stack sandbox org into a new vault at `directory/vault.db`, one
 * snapshot at each of SNAPSHOT_TIMES. `drill` is applied to the org before the third capture.
 * `rename` (group id to new name) is applied to the captured resources from the third on.
 * Capture times are rewritten to SNAPSHOT_TIMES, so packs of the fixture are reproducible.
 */
export async function buildAuditVault(directory: string, drill: string, rename: Record<string, string> = {}): Promise<AuditVaultFixture> {
  const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  const path = join(directory, 'vault.db');
  const vault = Vault.open({ path, vaultKey: testKey() });
  try {
    const connection = vault.saveConnection({ name: 'prod', orgUrl: 'https://northwindquanta.okta.com', auth: { type: 'api-token' } });
    for (const [index, time] of SNAPSHOT_TIMES.entries()) {
      if (index === 2) await applyDrillToSandbox(org, drill);
      const captured = await captureAt(org, time, index >= 2 ? rename : {});
      vault.writeSnapshot({ connectionId: connection.id, captured, trigger: 'scheduled' });
    }
    return { path, connection };
  } finally {
    vault.close();
    await org.close();
  }
}

async function captureAt(org: SandboxOrg, time: string, rename: Record<string, string>): Promise<CapturedSnapshot> {
  const { snapshot } = await captureSandbox(org);
  const resources = snapshot.resources.map((resource) => renamed(resource, rename));
  return { ...snapshot, orgUrl: 'https://northwindquanta.okta.com', startedAt: time, finishedAt: time, resources };
}

/** Gives a captured group a new name, in its label and its profile, to stand for a rename in Okta. */
function renamed(resource: SnapshotResource, rename: Record<string, string>): SnapshotResource {
  const name = rename[resource.id];
  if (name === undefined || resource.kind !== 'group') return resource;
  const body = JSON.parse(JSON.stringify(resource.body)) as { profile: { name: string } };
  body.profile.name = name;
  return { ...resource, name, body: body as unknown as SnapshotResource['body'] };
}
