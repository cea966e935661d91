// The two snapshots the diff editor benchmark compares: the large generated org captured into
// the desktop host's vault, before and after a large change to its biggest group.
import type { RateLimitOptions } from '../src-main/sandbox/http/rate-limits.js';
import { startSandbox, type SandboxOrg } from '../src-main/sandbox/server.js';
import { addConnection } from '../src-main/services/add-connection.js';
import type { ButterflyServices } from '../src-main/services/butterfly-services.js';
import { takeSnapshot } from '../src-main/services/take-snapshot.js';
import { buildLargeOrgSeed } from './large-org-seed.js';

/** The Jira group of the large org, which contains almost all of its 20,000 users. */
const JIRA_GROUP = '00gBGTAyIgewYItLGgY8';
const LIFTED: RateLimitOptions = { limits: { apps: 1e9, app: 1e9, groups: 1e9, group: 1e9, users: 1e9, user: 1e9, other: 1e9 } };

export const LARGE_ORG_CONNECTION = 'large-org';

export interface LargeChangeSnapshots {
  sandbox: SandboxOrg;
  beforeId: number;
  afterId: number;
  /** Members of the Jira group before the change. */
  groupSize: number;
  resourceCount: number;
}

/**
 * Starts the large org with rate limits lifted and saves a connection to it. Then it takes a
 * snapshot, removes `removedMembers` members of the Jira group spread evenly over the
 * sandbox's member list, and takes a second snapshot. Snapshots sort members by id, so the
 * removed ones sit at scattered places and the diff has about that many separate changes.
 * The caller closes the returned sandbox.
 */
export async function snapshotLargeChange(services: ButterflyServices, removedMembers: number): Promise<LargeChangeSnapshots> {
  const sandbox = await startSandbox({ seed: await buildLargeOrgSeed(), rateLimits: LIFTED });
  try {
    await addConnection(services, { name: LARGE_ORG_CONNECTION, orgUrl: sandbox.url, credential: { type: 'api-token', token: sandbox.token }, replace: true });
    const before = await takeSnapshot(services, { connectionName: LARGE_ORG_CONNECTION, apps: [], label: 'before', trigger: 'manual' });

    const members = [...(sandbox.state.groupMembers.get(JIRA_GROUP) ?? [])];
    await removeSpreadMembers(sandbox, members, removedMembers);

    const after = await takeSnapshot(services, { connectionName: LARGE_ORG_CONNECTION, apps: [], label: `${removedMembers} Jira members removed`, trigger: 'manual' });
    return { sandbox, beforeId: before.summary.id, afterId: after.summary.id, groupSize: members.length, resourceCount: before.summary.resourceCount };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

async function removeSpreadMembers(sandbox: SandboxOrg, members: string[], count: number): Promise<void> {
  if (members.length < count * 2) throw new Error(`The Jira group has ${members.length} members, too few to remove ${count} spread over the list. Lower --removed.`);
  const step = Math.floor(members.length / count);
  for (let index = 0; index < count; index++) {
    const userId = members[index * step + Math.floor(step / 2)] ?? '';
    await deleteMember(sandbox, userId);
  }
}

async function deleteMember(sandbox: SandboxOrg, userId: string): Promise<void> {
  const path = `/api/v1/groups/${JIRA_GROUP}/users/${userId}`;
  const response = await fetch(`${sandbox.url}${path}`, { method: 'DELETE', headers: { authorization: `SSWS ${sandbox.token}`, accept: 'application/json' } });
  if (!response.ok) throw new Error(`DELETE ${path} failed with ${response.status}: ${await response.text()}`);
}
