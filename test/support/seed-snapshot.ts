import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import { captureSandbox } from './capture-harness.js';
import { startTestSandbox } from './sandbox-harness.js';

/** Captures a seed as a snapshot would hold it: starts the sandbox org, captures every Atlassian app, stops the org. */
export async function captureSeedResources(seedName: string): Promise<SnapshotResource[]> {
  const org = await startTestSandbox({ seed: await loadSeed(seedName) });
  try {
    const { snapshot } = await captureSandbox(org);
    return snapshot.resources;
  } finally {
    await org.close();
  }
}
