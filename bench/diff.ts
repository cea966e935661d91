// Times the resource diff on two captures of the large generated org, one taken after changing
// about 1% of its resources, against jsondiffpatch's default diff of the two whole documents.
// Times are the median of several runs in this process, after one warm-up run. Peak memory is
// the maximum RSS of separate child processes that each load both captures and run one
// comparison once, so the figures do not share a peak. A child that only loads the captures
// gives the part of that peak the comparison did not cause.
// Run: npx tsx bench/diff.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diff as jsondiffpatchDiff } from 'jsondiffpatch';
import { compareResources } from '../src-shared/diff/compare-resources.js';
import type { ResourceChange } from '../src-shared/diff/diff-types.js';
import { jsonEqual } from '../src-shared/json/json-equal.js';
import type { JsonObject } from '../src-shared/json/json-types.js';
import type { SnapshotResource } from '../src-shared/snapshot/snapshot-model.js';
import { captureSnapshot } from '../src-main/okta/capture/capture-snapshot.js';
import { createOktaClient } from '../src-main/okta/okta-client.js';
import { OktaTransport } from '../src-main/okta/okta-transport.js';
import type { RateLimitOptions } from '../src-main/sandbox/http/rate-limits.js';
import { startSandbox, type SandboxOrg } from '../src-main/sandbox/server.js';
import { buildLargeOrgSeed } from './large-org-seed.js';

const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const ACCESS_POLICY = 'rstQomxKFykBd7WCQInV';
const JIRA_GROUP = '00gBGTAyIgewYItLGgY8';
const LIFTED: RateLimitOptions = { limits: { apps: 1e9, app: 1e9, groups: 1e9, group: 1e9, users: 1e9, user: 1e9, other: 1e9 } };
/** The clone's root, where `--import tsx` finds the tsx package for the child processes. */
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const COMPARISONS = ['load only', 'compareResources', 'compareResources, side texts read', 'jsondiffpatch baseline'] as const;
type Comparison = (typeof COMPARISONS)[number];

interface Captures {
  before: SnapshotResource[];
  after: SnapshotResource[];
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, child: { type: 'string' }, input: { type: 'string' } } });

if (values.child !== undefined) await runChild(values.child as Comparison, values.input ?? '');
else await runBenchmark(Number(values.runs));

async function runBenchmark(runs: number): Promise<void> {
  console.log(`diff benchmark: large generated org, Node ${process.version}`);
  const captures = await captureBeforeAndAfter();
  describeChange(captures);

  const engine = timeRuns(runs, () => compareResources(captures.before, captures.after));
  const withTexts = timeRuns(runs, () => readSideTexts(compareResources(captures.before, captures.after).changes));
  const baseline = timeRuns(runs, () => jsondiffpatchDiff(wholeDocument(captures.before), wholeDocument(captures.after)));
  const peaks = await childPeaks(captures);

  console.log(`median of ${runs} runs after one warm-up; wall time (CPU time of this process)`);
  console.log(`compareResources                      ${formatTimes(engine)}, peak RSS ${peaks.get('compareResources')} MiB`);
  console.log(`compareResources, side texts read     ${formatTimes(withTexts)}, peak RSS ${peaks.get('compareResources, side texts read')} MiB`);
  console.log(`jsondiffpatch baseline                ${formatTimes(baseline)}, peak RSS ${peaks.get('jsondiffpatch baseline')} MiB`);
  console.log(`loading both captures alone: peak RSS ${peaks.get('load only')} MiB`);
  console.log(`speed-up ${(baseline.wallMs / engine.wallMs).toFixed(1)}x wall, ${(baseline.cpuMs / engine.cpuMs).toFixed(1)}x CPU`);
  console.log(`speed-up with side texts read ${(baseline.wallMs / withTexts.wallMs).toFixed(1)}x wall, ${(baseline.cpuMs / withTexts.cpuMs).toFixed(1)}x CPU`);
}

/** Captures the org, changes about 1% of the captured resources, and captures it again. */
async function captureBeforeAndAfter(): Promise<Captures> {
  const sandbox = await startSandbox({ seed: await buildLargeOrgSeed(), rateLimits: LIFTED });
  try {
    const before = await capture(sandbox);
    await changeOrg(sandbox);
    const after = await capture(sandbox);
    return { before, after };
  } finally {
    await sandbox.close();
  }
}

async function capture(sandbox: SandboxOrg): Promise<SnapshotResource[]> {
  const transport = new OktaTransport(createOktaClient(sandbox.url, { type: 'api-token', token: sandbox.token }));
  const snapshot = await captureSnapshot({ transport, apps: [PROD_APP] });
  if (Object.values(snapshot.sections).some((section) => section.status === 'failed')) throw new Error('The benchmark capture is incomplete: a section failed.');
  return snapshot.resources;
}

/**
 * Edits six group rule expressions in the org state. Through the API it then removes members
 * from six team groups and the Jira group, and changes one app sign-in rule while moving it to
 * the top, so the sandbox renumbers the rules below it as Okta does. Last it unassigns four team
 * groups, which stay in scope because captured rule expressions name them.
 */
async function changeOrg(sandbox: SandboxOrg): Promise<void> {
  const teamRules = [...sandbox.state.groupRules.values()].filter((rule) => String(rule['name']).startsWith('Team rule '));
  for (const index of [1, 2, 4, 5, 8, 11]) {
    const conditions = teamRules[index]?.['conditions'] as JsonObject;
    conditions['expression'] = { value: 'user.costCenter=="CC-9999"', type: 'urn:okta:expression:1.0' };
  }

  for (const team of [20, 40, 60, 80, 100, 120]) {
    const groupId = teamGroupId(sandbox, team);
    for (const userId of [...(sandbox.state.groupMembers.get(groupId) ?? [])].slice(0, 3)) await callApi(sandbox, 'DELETE', `/api/v1/groups/${groupId}/users/${userId}`);
  }
  const jiraMember = [...(sandbox.state.groupMembers.get(JIRA_GROUP) ?? [])][5000];
  if (jiraMember === undefined) throw new Error('The large org has fewer than 5,001 members in the Jira group.');
  await callApi(sandbox, 'DELETE', `/api/v1/groups/${JIRA_GROUP}/users/${jiraMember}`);

  const rule = structuredClone((sandbox.state.policyRules.get(ACCESS_POLICY) ?? []).find((candidate) => candidate['name'] === 'Team access 30'));
  if (rule === undefined) throw new Error('The large org has no rule named "Team access 30".');
  ((rule['actions'] as JsonObject)['appSignOn'] as JsonObject)['verificationMethod'] = { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT1H', constraints: [] };
  await callApi(sandbox, 'PUT', `/api/v1/policies/${ACCESS_POLICY}/rules/${String(rule['id'])}`, { ...rule, priority: 0 });

  for (const team of [7, 10, 13, 16]) await callApi(sandbox, 'DELETE', `/api/v1/apps/${PROD_APP}/groups/${teamGroupId(sandbox, team)}`);
}

function teamGroupId(sandbox: SandboxOrg, team: number): string {
  const name = `team-${String(team).padStart(4, '0')}`;
  const group = [...sandbox.state.groups.values()].find((candidate) => (candidate['profile'] as JsonObject)['name'] === name);
  if (group === undefined) throw new Error(`The large org has no group named ${name}.`);
  return String(group['id']);
}

async function callApi(sandbox: SandboxOrg, method: string, path: string, body?: JsonObject): Promise<void> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `SSWS ${sandbox.token}`, accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed with ${response.status}: ${await response.text()}`);
}

function describeChange(captures: Captures): void {
  const memberships = captures.before.filter((resource) => resource.kind === 'group-members').reduce((sum, resource) => sum + (resource.body as unknown[]).length, 0);
  const { changes, unchanged } = compareResources(captures.before, captures.after);
  const count = (type: string): number => changes.filter((change) => change.change === type).length;
  const rawChanged = captures.after.filter((resource) => {
    const old = captures.before.find((candidate) => candidate.kind === resource.kind && candidate.id === resource.id);
    return old !== undefined && !jsonEqual(old.body, resource.body);
  }).length;
  console.log(`before: ${captures.before.length} resources, ${memberships} memberships; after: ${captures.after.length} resources`);
  console.log(`compareResources: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed, ${unchanged} unchanged (raw bodies differ in ${rawChanged})`);
}

/**
 * Builds the baseline's input: each side as one object keyed by `kind/id`, so resources are matched by
 * key and not by their place in the capture order. Arrays inside bodies get jsondiffpatch's defaults.
 */
function wholeDocument(resources: SnapshotResource[]): Record<string, SnapshotResource> {
  return Object.fromEntries(resources.map((resource) => [`${resource.kind}/${resource.id}`, resource]));
}

interface Times {
  wallMs: number;
  cpuMs: number;
}

/** Runs `task` once to warm up, then `runs` times, and returns the median wall and CPU times. */
function timeRuns(runs: number, task: () => unknown): Times {
  task();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    task();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function formatTimes(times: Times): string {
  return `${times.wallMs.toFixed(0).padStart(5)} ms (${times.cpuMs.toFixed(0)} ms CPU)`;
}

/** Reads every side-by-side text, which `compareResources` writes on first read. */
function readSideTexts(changes: ResourceChange[]): number {
  return changes.reduce((length, change) => length + change.beforeText.length + change.afterText.length, 0);
}

/** Runs each comparison once in its own child process and returns its peak RSS in MiB. */
async function childPeaks(captures: Captures): Promise<Map<Comparison, number>> {
  const folder = await mkdtemp(join(tmpdir(), 'butterfly-diff-bench-'));
  const input = join(folder, 'captures.json');
  const peaks = new Map<Comparison, number>();
  try {
    await writeFile(input, JSON.stringify(captures));
    for (const comparison of COMPARISONS) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', comparison, '--input', input], { cwd: REPOSITORY, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`The ${comparison} child process failed (exit ${child.status}): ${child.stderr}`);
      peaks.set(comparison, Number(child.stdout.trim()));
    }
  } finally {
    await rm(folder, { recursive: true, force: true }); 
  }
  return peaks;
}

/** Child side: loads both captures, runs one comparison once, prints its peak RSS in MiB. */
async function runChild(comparison: Comparison, input: string): Promise<void> {
  const captures = JSON.parse(await readFile(input, 'utf8')) as Captures;
  if (comparison === 'compareResources') compareResources(captures.before, captures.after);
  else if (comparison === 'compareResources, side texts read') readSideTexts(compareResources(captures.before, captures.after).changes);
  else if (comparison === 'jsondiffpatch baseline') jsondiffpatchDiff(wholeDocument(captures.before), wholeDocument(captures.after));
  else if (comparison !== 'load only') throw new Error(`Unknown comparison ${JSON.stringify(comparison)}: expected one of ${COMPARISONS.join(', ')}.`);
  // maxRSS is in kibibytes.
  console.log((process.resourceUsage().maxRSS / 1024).toFixed(0));
}
