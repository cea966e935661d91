import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src-main/logging/logger.js';
import { prepareRestore } from '../../src-main/restore/restore-service.js';
import { executeRestore, type RestoreOutcome } from '../../src-main/restore/run-restore.js';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import type { DrillReport } from '../../src-main/sandbox/drills/drill-types.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { openServices, type ButterflyServices } from '../../src-main/services/butterfly-services.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import type { PlanOptions, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { runCli } from '../support/cli-harness.js';
import { recordRequests, type RecordedRequest } from '../support/request-recorder.js';
import { startTestSandbox } from '../support/sandbox-harness.js';

/** The production Atlassian app of the atlassian-stack seed. */
export const PRODUCTION_APP_ID = '0oaWGujkWZIYd6DJa3qZ';

/** A sandbox org with the seed, a data folder with a connection `sandbox` and snapshot 1 taken before any drill. */
export interface DrillRig {
  org: SandboxOrg;
  home: string;
  close(): Promise<void>;
}

export async function startDrillRig(): Promise<DrillRig> {
  const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  const home = await mkdtemp(join(tmpdir(), 'butterfly-restore-'));
  const connected = await runCli(home, ['connect', 'sandbox', '--org-url', org.url, '--token-stdin'], org.token);
  const snapshot = await runCli(home, ['snapshot', 'sandbox']);
  if (connected.code !== 0 || snapshot.code !== 0) throw new Error(`The rig could not connect or snapshot: ${connected.err} ${snapshot.err}`);
  return { org, home, close: () => org.close() };
}

/** Opens the rig's services as the CLI would, with the passphrase key file. */
export function rigServices(rig: DrillRig): Promise<ButterflyServices> {
  return openServices({
    env: { BUTTERFLY_HOME: rig.home, BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: 'correct horse battery staple' },
    logger: silentLogger(),
  });
}

export function applyDrill(rig: DrillRig, name: string): Promise<DrillReport> {
  return applyDrillToSandbox(rig.org, name);
}

/**
 * Returns the narrowest scope that undoes a drill: every object it changed or removed, by kind
 * and id, whether its own request or Okta did it. Objects the drill created are left out, and
 * they stay because deletes are off. A change of one field of the app is scoped to that field.
 */
export function narrowScope(report: DrillReport): ScopeEntry[] {
  return report.touched
    .filter((object) => object.change !== 'created' && object.kind !== 'app-saml-metadata')
    .map((object): ScopeEntry => {
      if (object.kind === 'app' && object.detail.startsWith('credentials.signing.kid')) return { type: 'field', kind: 'app', id: object.id, pointer: '/credentials/signing/kid' };
      return { type: 'resource', kind: object.kind, id: object.id };
    });
}

/** Restores snapshot 1 into the sandbox with the scope, recording every request the restore sends. */
export async function restoreSnapshotOne(rig: DrillRig, scope: ScopeEntry[], options: Partial<PlanOptions> = {}): Promise<{ outcome: RestoreOutcome; requests: RecordedRequest[] }> {
  const services = await rigServices(rig);
  let requests: RecordedRequest[] = [];
  try {
    const outcome = await executeRestore(services, {
      snapshotId: 1,
      connectionName: 'sandbox',
      scope,
      options,
      confirm: new URL(rig.org.url).host,
      approvedBy: 'drill test',
      observeClient: (client) => {
        requests = recordRequests(client);
      },
    });
    return { outcome, requests };
  } finally {
    services.close();
  }
}

/** Plans a restore of snapshot 1 into the sandbox against the org as it is now, sending nothing. */
export async function dryRunSnapshotOne(rig: DrillRig, scope: ScopeEntry[], options: Partial<PlanOptions> = {}): Promise<RestorePlan> {
  const services = await rigServices(rig);
  try {
    return (await prepareRestore(services, { snapshotId: 1, connectionName: 'sandbox', scope, options })).plan;
  } finally {
    services.close();
  }
}
