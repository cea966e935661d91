import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeRestore, resumeRestore, RestoreRefusedError, type RestoreOutcome } from '../../src-main/restore/run-restore.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { ButterflyServices } from '../../src-main/services/butterfly-services.js';
import { runCli } from '../support/cli-harness.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { applyDrill, PRODUCTION_APP_ID, rigServices, startDrillRig, type DrillRig } from './drill-restore-rig.js';

let rig: DrillRig;
let services: ButterflyServices;

beforeEach(async () => {
  rig = await startDrillRig();
  await applyDrill(rig, 'acs-url-changed');
  await applyDrill(rig, 'group-push-deactivated');
  services = await rigServices(rig);
});

afterEach(async () => {
  services.close();
  await rig.close();
});

/** Runs the restore of snapshot 1 with the whole app as scope and cancels it once the first step is done. */
async function cancelAfterFirstStep(): Promise<RestoreOutcome> {
  const controller = new AbortController();
  return executeRestore(services, {
    snapshotId: 1,
    connectionName: 'sandbox',
    scope: [{ type: 'app', appId: PRODUCTION_APP_ID }],
    confirm: new URL(rig.org.url).host,
    approvedBy: 'resume test',
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'step-succeeded') controller.abort();
    },
  });
}

/** Returns the id of the app's group push mapping that the drill set INACTIVE. */
function inactivePushMappingId(outcome: RestoreOutcome): string {
  const step = outcome.plan.steps.find((candidate) => candidate.kind === 'group-push-mapping');
  if (!step) throw new Error('The plan has no group push step');
  return step.resourceId.split('/')[1] ?? '';
}

describe('resuming a stopped restore', () => {
  it('finishes and verifies when nothing changed', async () => {
    const stopped = await cancelAfterFirstStep();

    const resumed = await resumeRestore(services, stopped.record.id);

    expect(stopped.execution.status).toBe('cancelled');
    expect(stopped.plan.steps.length).toBe(2);
    expect(resumed.execution.steps.map((step) => step.state)).toEqual(['succeeded-earlier', 'succeeded']);
    expect(resumed.record.status).toBe('verified');
  });

  it('is rejected after someone changed a remaining object', async () => {
    const stopped = await cancelAfterFirstStep();
    const mappingId = inactivePushMappingId(stopped);
    await apiRequest(rig.org, 'PATCH', `/api/v1/apps/${PRODUCTION_APP_ID}/group-push/mappings/${mappingId}`, { status: 'ACTIVE' });

    const resumed = resumeRestore(services, stopped.record.id);

    await expect(resumed).rejects.toThrow(RestoreRefusedError);
    await expect(resumed).rejects.toThrow(/org changed since restore r1 was planned.*group-push-mapping '.*' changed \(\/status\)/);
  });

  it('is rejected when the connection points at another org', async () => {
    const stopped = await cancelAfterFirstStep();
    const other = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    services.close();
    try {
      await runCli(rig.home, ['connect', 'sandbox', '--org-url', other.url, '--token-stdin', '--replace'], other.token);
      services = await rigServices(rig);

      const resumed = resumeRestore(services, stopped.record.id);

      await expect(resumed).rejects.toThrow(`now points at ${other.url}`);
    } finally {
      await other.close();
    }
  });
});
