// Captures a large generated org from the sandbox into a real vault and prints what it cost:
// requests against the minimum, wall time with and without Okta's rate limits enforced, peak
// memory, and vault bytes after a first snapshot and after a second one of the unchanged org.
// Run: npx tsx bench/capture.ts [--skip-rate-limited] [--developer-limits]
// --developer-limits also measures a free developer org's limits (100 a minute on most
// buckets, 20 for listing apps), which takes several minutes.
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CaptureEvent } from '../src-main/okta/capture-progress.js';
import { captureSnapshot } from '../src-main/okta/capture/capture-snapshot.js';
import { createOktaClient } from '../src-main/okta/okta-client.js';
import { OktaTransport } from '../src-main/okta/okta-transport.js';
import type { RateLimitOptions } from '../src-main/sandbox/http/rate-limits.js';
import { startSandbox } from '../src-main/sandbox/server.js';
import { Vault } from '../src-main/vault/vault.js';
import { randomBytes } from 'node:crypto';
import type { CapturedSnapshot } from '../src-shared/snapshot/snapshot-model.js';
import { buildLargeOrgSeed, LARGE_ORG } from './large-org-seed.js';

const { values } = parseArgs({ options: { 'skip-rate-limited': { type: 'boolean' }, 'developer-limits': { type: 'boolean' } } });
const LIFTED: RateLimitOptions = { limits: { apps: 1e9, app: 1e9, groups: 1e9, group: 1e9, users: 1e9, user: 1e9, other: 1e9 } };

interface Measured {
  snapshot: CapturedSnapshot;
  requests: number;
  minimumRequests: number;
  lists: number;
  seconds: number;
  waits: number;
}

/** Minimum requests: each list needs ceil(items / page size) pages (at least one); every other read needs one. */
function minimumRequests(events: CaptureEvent[]): { minimum: number; lists: number } {
  const lists = new Map<string, { items: number; pages: number }>();
  let singleReads = 0;
  let listPages = 0;
  for (const event of events) {
    if (event.type === 'page') lists.set(event.path, { items: event.items, pages: event.pages });
  }
  for (const event of events) if (event.type === 'page') listPages++;
  for (const event of events) if (event.type === 'request') singleReads++;
  singleReads -= listPages;

  let minimum = singleReads;
  for (const [path, list] of lists) {
    const limit = Number(new URL(path, 'http://x').searchParams.get('limit') ?? '0');
    minimum += limit > 0 ? Math.max(1, Math.ceil(list.items / limit)) : list.pages;
  }
  return { minimum, lists: lists.size };
}

async function measure(rateLimits: RateLimitOptions): Promise<Measured> {
  const seed = await buildLargeOrgSeed();
  const sandbox = await startSandbox({ seed, rateLimits });
  const events: CaptureEvent[] = [];
  let waits = 0;
  const transport = new OktaTransport(createOktaClient(sandbox.url, { type: 'api-token', token: sandbox.token }), {
    listener: (event) => {
      events.push(event);
      if (event.type === 'rate-limit-wait') waits++;
    },
  });
  const started = performance.now();
  const snapshot = await captureSnapshot({ transport, apps: ['0oaWGujkWZIYd6DJa3qZ'], listener: (event) => events.push(event) });
  const seconds = (performance.now() - started) / 1000;
  await sandbox.close();
  const { minimum, lists } = minimumRequests(events.filter((event, index, all) => all.indexOf(event) === index));
  return { snapshot, requests: transport.requestCount, minimumRequests: minimum, lists, seconds, waits };
}

async function vaultBytes(folder: string): Promise<number> {
  let total = 0;
  for (const file of await readdir(folder)) if (file.startsWith('vault.db')) total += (await stat(join(folder, file))).size;
  return total;
}

const counts = LARGE_ORG;
console.log(`capture benchmark: ${counts.users} users assigned to the app, ${counts.groups} groups, ${counts.groupRules} group rules, ${counts.policyRules} rules in the app's sign-in policy; Node ${process.version}`);

const lifted = await measure(LIFTED);
const resourceCounts = new Map<string, number>();
for (const resource of lifted.snapshot.resources) resourceCounts.set(resource.kind, (resourceCounts.get(resource.kind) ?? 0) + 1);
const members = lifted.snapshot.resources.filter((resource) => resource.kind === 'group-members').reduce((sum, resource) => sum + (resource.body as unknown[]).length, 0);
console.log(`captured ${lifted.snapshot.resources.length} resources (${[...resourceCounts].map(([kind, count]) => `${kind} ${count}`).join(', ')}), ${members} memberships`);
console.log(`complete: ${Object.values(lifted.snapshot.sections).every((section) => section.status !== 'failed')}`);
console.log(`requests issued ${lifted.requests}; minimum ${lifted.minimumRequests} (${lifted.lists} lists at their maximum page size, plus single reads)`);
console.log(`wall time without rate limits: ${lifted.seconds.toFixed(1)} s`);

if (!values['skip-rate-limited']) {
  const limited = await measure({});
  console.log(`wall time with Okta's Workforce rate limits enforced: ${limited.seconds.toFixed(1)} s (${limited.waits} waits, requests ${limited.requests})`);
}
if (values['developer-limits']) {
  const developer = await measure({ limits: { apps: 20, app: 100, groups: 100, group: 100, users: 100, user: 100, other: 100 } });
  console.log(`wall time with a free developer org's rate limits enforced: ${developer.seconds.toFixed(1)} s (${developer.waits} waits, requests ${developer.requests})`);
}

const folder = await mkdtemp(join(tmpdir(), 'butterfly-bench-'));
const vault = Vault.open({ path: join(folder, 'vault.db'), vaultKey: randomBytes(32) });
const connection = vault.saveConnection({ name: 'bench', orgUrl: lifted.snapshot.orgUrl, auth: { type: 'api-token' } }, { replace: false });
let started = performance.now();
vault.writeSnapshot({ connectionId: connection.id, captured: lifted.snapshot, trigger: 'manual' });
const firstWriteSeconds = (performance.now() - started) / 1000;
const afterFirst = await vaultBytes(folder);
started = performance.now();
vault.writeSnapshot({ connectionId: connection.id, captured: { ...lifted.snapshot, finishedAt: new Date().toISOString() }, trigger: 'manual' });
const secondWriteSeconds = (performance.now() - started) / 1000;
const afterSecond = await vaultBytes(folder);
vault.close();
console.log(`vault bytes after the first snapshot: ${afterFirst} (write ${firstWriteSeconds.toFixed(2)} s)`);
console.log(`vault bytes after a second, unchanged snapshot: ${afterSecond} (+${afterSecond - afterFirst}; write ${secondWriteSeconds.toFixed(2)} s)`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
