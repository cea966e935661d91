import type { JsonValue } from '../../src-shared/json/json-types.js';
import { headlineFor } from '../../src-shared/diff/headline.js';
import { DEFAULT_PLAN_OPTIONS, type PlanStep, type RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { scopeText } from '../../src-shared/restore/scope-parsing.js';
import { redactSecrets } from '../restore/redact-secrets.js';
import type { CommandIo } from './command-io.js';

/** Prints a plan for people: what changes, who regains or loses access, what a person must do, and whether it may run. */
export function printPlan(io: CommandIo, plan: RestorePlan): void {
  io.out(`Restore plan: snapshot ${plan.desired.label} (${plan.desired.orgUrl}, ${plan.desired.takenAt}) into ${plan.live.orgUrl} as captured at ${plan.live.takenAt}`);
  io.out(`Scope: ${plan.scope.map(scopeText).join(', ')}`);
  io.out(`Options: deletes ${plan.options.allowDeletes ? 'allowed' : 'off'}, signing key ${plan.options.restoreSigningKey ? 'restored' : 'left as is'}, threshold ${plan.options.thresholdUsers} users or ${plan.options.thresholdPercent}%`);
  const matches = Object.entries(plan.idMatches);
  if (matches.length > 0) io.out(`Matched by name in the target org: ${matches.length} objects.`);

  io.out('');
  io.out('Impact once the plan has run:');
  const headline = headlineFor(plan.impact, { before: { label: 'live', complete: true }, after: { label: plan.desired.label, complete: true } });
  for (const line of headline) io.out(`  ${line}`);

  io.out('');
  io.out(plan.steps.length === 0 ? 'Steps: none; the scope already matches the snapshot.' : `Steps (${plan.steps.length}):`);
  for (const step of plan.steps) printStep(io, step);
  printList(io, 'Manual steps (the API cannot do these)', plan.manualSteps.map((step) => `${step.title} — ${step.where}: ${step.instructions.join(' ')}`));
  printList(io, 'Left in place', plan.leftInPlace.map((item) => `${item.kind} '${item.name}'${item.paths.length > 0 ? ` (${item.paths.join(', ')})` : ''}: ${item.reason}`));
  printList(io, 'Warnings', plan.warnings.map((warning) => warning.message));

  io.out('');
  io.out(`Threshold: ${plan.threshold.message}`);
  if (plan.blockers.length > 0) {
    io.out('BLOCKED — the plan will not run:');
    for (const blocker of plan.blockers) io.out(`  - ${blocker}`);
  }
}

function printStep(io: CommandIo, step: PlanStep): void {
  const flags = step.flags.length > 0 ? ` [${step.flags.join(', ')}]` : '';
  io.out(`  ${step.index}. ${step.description}${flags}`);
  io.out(`     ${step.request.method} ${step.request.path}`);
  if (step.request.body !== undefined) io.out(indent(JSON.stringify(redactSecrets(step.request.body as JsonValue), null, 2), '     '));
  for (const sentence of step.reverses) io.out(`     reverses: ${sentence}`);
}

function printList(io: CommandIo, title: string, lines: string[]): void {
  if (lines.length === 0) return;
  io.out('');
  io.out(`${title}:`);
  for (const line of lines) io.out(`  - ${line}`);
}

/**
 * Returns the command that plans the same restore again: the snapshot, the connection, every scope and
 * every option that differs from the default, so a printed command does what the plan shows.
 */
export function restoreCommandLine(snapshotId: number | string, connectionName: string, plan: Pick<RestorePlan, 'scope' | 'options'>): string {
  const parts = [`butterfly restore ${snapshotId} --to ${connectionName}`, ...plan.scope.map((entry) => `--scope ${scopeText(entry)}`)];
  if (plan.options.allowDeletes) parts.push('--allow-deletes');
  if (plan.options.restoreSigningKey) parts.push('--signing-key');
  if (plan.options.thresholdUsers !== DEFAULT_PLAN_OPTIONS.thresholdUsers) parts.push(`--threshold-users ${plan.options.thresholdUsers}`);
  if (plan.options.thresholdPercent !== DEFAULT_PLAN_OPTIONS.thresholdPercent) parts.push(`--threshold-percent ${plan.options.thresholdPercent}`);
  if (plan.options.overrideThreshold) parts.push('--override-threshold');
  return parts.join(' ');
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}
