// Restores an incident on the large generated org and prints what it cost: the dry run
// (capture and plan), the execution (pre-restore capture, steps, verification capture), the
// requests sent and peak memory. The incident removes 50 of the app's group assignments and
// deletes 10 group rules with removeUsers=true, so their members lose the app and the groups.
// Run: npx tsx bench/restore.ts
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src-main/logging/logger.js';
import { prepareRestore } from '../src-main/restore/restore-service.js';
import { executeRestore } from '../src-main/restore/run-restore.js';
import type { RateLimitOptions } from '../src-main/sandbox/http/rate-limits.js';
import { applyRuleMemberships, planRuleMemberships } from '../src-main/sandbox/handlers/group-rule-memberships.js';
import { startSandbox, type SandboxOrg } from '../src-main/sandbox/server.js';
import { addConnection } from '../src-main/services/add-connection.js';
import { openServices } from '../src-main/services/butterfly-services.js';
import { takeSnapshot } from '../src-main/services/take-snapshot.js';
import type { ScopeEntry } from '../src-shared/restore/restore-scope.js';
import { buildLargeOrgSeed, LARGE_ORG } from './large-org-seed.js';

const APP = '0oaWGujkWZIYd6DJa3qZ';
const REMOVED_ASSIGNMENTS = 50;
const DELETED_RULES = 10;
const LIFTED: RateLimitOptions = { limits: { apps: 1e9, app: 1e9, groups: 1e9, group: 1e9, users: 1e9, user: 1e9, other: 1e9 } };

async function send(org: SandboxOrg, method: string, path: string): Promise<void> {
  const response = await fetch(`${org.url}${path}`, { method, headers: { authorization: `SSWS ${org.token}`, accept: 'application/json' } });
  if (!response.ok) throw new Error(`${method} ${path} failed with HTTP ${response.status}: ${await response.text()}`);
}

/**
 * Adds the memberships the generated org's ACTIVE rules would have added, which the org lacks.
 * Okta never leaves an org so, and a recreated rule would add them during the restore. Rounds
 * repeat until rules that read other groups settle. Returns the number of memberships added.
 */
function applyActiveRules(org: SandboxOrg): number {
  let total = 0;
  for (let round = 0; round < 10; round++) {
    let added = 0;
    for (const rule of org.state.groupRules.values()) {
      if (rule['status'] !== 'ACTIVE') continue;
      const plan = planRuleMemberships(org.state, rule);
      applyRuleMemberships(org.state, String(rule['id']), plan.additions);
      added += plan.additions.length;
    }
    total += added;
    if (added === 0) return total;
  }
  throw new Error('The generated org\'s group rules did not settle after 10 rounds.');
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

console.log(`restore benchmark: ${LARGE_ORG.users} users, ${LARGE_ORG.groups} groups, ${LARGE_ORG.groupRules} group rules; incident: ${REMOVED_ASSIGNMENTS} group assignments removed, ${DELETED_RULES} group rules deleted with their memberships; Node ${process.version}`);
const org = await startSandbox({ seed: await buildLargeOrgSeed(), rateLimits: LIFTED });
console.log(`memberships added so that every ACTIVE rule's matches are in its groups, as Okta keeps them: ${applyActiveRules(org)}`);
const home = await mkdtemp(join(tmpdir(), 'butterfly-bench-restore-'));
const services = await openServices({ env: { BUTTERFLY_HOME: home, BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: 'bench passphrase, not a secret' }, logger: silentLogger() });
let sent = 0;
const stepStarted = new Map<number, number>();
const stepTimes: Array<{ description: string; ms: number }> = [];
try {
  await addConnection(services, { name: 'bench', orgUrl: org.url, credential: { type: 'api-token', token: org.token }, replace: false });
  const before = await takeSnapshot(services, { connectionName: 'bench', apps: [APP], trigger: 'manual' });
  const stored = services.vault.readSnapshot(before.summary.id);

  const assignments = stored.resources.filter((resource) => resource.kind === 'app-group-assignment' && resource.id.startsWith(`${APP}/`)).slice(0, REMOVED_ASSIGNMENTS);
  for (const assignment of assignments) await send(org, 'DELETE', `/api/v1/apps/${APP}/groups/${assignment.id.slice(APP.length + 1)}`);
  const rules = stored.resources.filter((resource) => resource.kind === 'group-rule' && (resource.body as { status?: string }).status === 'ACTIVE').slice(-DELETED_RULES);
  for (const rule of rules) {
    await send(org, 'POST', `/api/v1/groups/rules/${rule.id}/lifecycle/deactivate`);
    await send(org, 'DELETE', `/api/v1/groups/rules/${rule.id}?removeUsers=true`);
  }

  const scope: ScopeEntry[] = [{ type: 'app', appId: APP }];
  let started = performance.now();
  const prepared = await prepareRestore(services, { snapshotId: before.summary.id, connectionName: 'bench', scope });
  console.log(`dry run (capture and plan): ${seconds(started)} s; ${prepared.plan.steps.length} steps, ${prepared.plan.blockers.length} blockers, ${prepared.plan.impact.products.reduce((sum, product) => sum + product.gained.length, 0)} product grants given back`);

  started = performance.now();
  const outcome = await executeRestore(services, {
    snapshotId: before.summary.id,
    connectionName: 'bench',
    scope,
    confirm: new URL(org.url).host,
    approvedBy: 'bench',
    onEvent: (event) => {
      if (event.type === 'step-started') {
        sent++;
        stepStarted.set(event.step.index, performance.now());
      }
      if (event.type === 'step-succeeded') stepTimes.push({ description: event.step.description, ms: performance.now() - (stepStarted.get(event.step.index) ?? 0) });
    },
  });
  console.log(`execute (pre-restore capture, ${outcome.execution.steps.length} steps, verification capture): ${seconds(started)} s; status ${outcome.record.status}; ${outcome.verification?.residuals.length ?? 'no'} residual differences over ${outcome.verification?.checked ?? 0} resources compared`);
  console.log(`steps sent ${sent}; slowest: ${stepTimes.sort((a, b) => b.ms - a.ms).slice(0, 3).map((step) => `${step.ms.toFixed(0)} ms ${step.description}`).join('; ')}`);
  for (const residual of outcome.verification?.residuals ?? []) console.log(`  residual: ${residual.kind} '${residual.name}' ${residual.change} ${residual.changedPaths.slice(0, 5).join(', ')}`);
} finally {
  services.close();
  await org.close();
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
