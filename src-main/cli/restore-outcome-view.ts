import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import type { RestoreVerification } from '../../src-shared/restore/verify-restore.js';
import type { ExecutionEvent } from '../restore/execution-types.js';
import type { FailedDetail } from '../restore/restore-journal.js';
import type { RestoreOutcome } from '../restore/run-restore.js';
import type { CommandIo } from './command-io.js';
import { restoreCommandLine } from './restore-plan-view.js';

/** Prints one line per step as the restore runs, on standard error so the outcome stays clean on standard output. */
export function printExecutionEvent(io: CommandIo, event: ExecutionEvent): void {
  const position = `[${event.step.index}/${event.step.total}]`;
  switch (event.type) {
    case 'step-started':
      io.err(`${position} ${event.step.description}${event.resumed ? ' (resumed)' : ''}: ${event.request.method} ${event.request.path}`);
      return;
    case 'step-lookup':
      io.err(`${position} looking for an object an interrupted run may have created: GET ${event.path}`);
      return;
    case 'step-succeeded':
      io.err(`${position} done (${event.outcome}${event.status ? `, HTTP ${event.status}` : ''}${event.createdId ? `, new id ${event.createdId}` : ''})`);
      return;
    case 'step-failed':
      io.err(`${position} FAILED: ${event.message}`);
      return;
    case 'step-skipped':
      if (event.reason === 'succeeded-earlier') io.err(`${position} already done by an earlier run`);
      return;
    case 'rate-limit-wait':
      io.err(`${position} waiting ${Math.ceil(event.waitMs / 1000)} s for Okta's rate limit (${event.reason})`);
      return;
  }
}

/** Prints what a restore did, how verification went, and how to resume or undo. */
export function printOutcome(io: CommandIo, outcome: RestoreOutcome, connectionName: string): void {
  const { record, execution, verification, plan } = outcome;
  const done = execution.steps.filter((step) => step.state === 'succeeded' || step.state === 'succeeded-earlier').length;
  io.out(`Restore ${record.id}: ${done} of ${execution.steps.length} steps done; status ${record.status}.`);

  if (execution.failure) {
    const { step, detail } = execution.failure;
    io.out(`Stopped at step ${step.index} (${step.description}): ${failureText(detail)}`);
    const notRun = execution.steps.filter((item) => item.state === 'not-run').map((item) => item.index);
    if (notRun.length > 0) io.out(`Not run: steps ${notRun.join(', ')}.`);
    io.out(`If the cause is outside the org (network, permissions), fix it and finish with: butterfly restore --resume ${record.id}`);
    io.out('If the org changed since the plan, resume is rejected: plan a new restore with --dry-run.');
  }
  if (execution.status === 'cancelled') {
    io.out(`Stopped on request; nothing after step ${done} was sent. Finish it with: butterfly restore --resume ${record.id}`);
  }
  if (verification) printVerification(io, verification, record.desiredSnapshotId);
  if (record.preRestoreSnapshotId !== undefined) {
    io.out(`To undo, preview a restore of the pre-restore snapshot: ${restoreCommandLine(record.preRestoreSnapshotId, connectionName, undoShape(plan, execution.createdIds))} --dry-run`);
  }
}

/**
 * Returns the scope and options that undo a restore from its pre-restore snapshot. An object the
 * restore recreated has a new id, which the undo must name, and the pre-restore snapshot lacks
 * it, so undoing it is a delete and needs --allow-deletes.
 */
function undoShape(plan: RestorePlan, createdIds: Readonly<Record<string, string>>): Pick<RestorePlan, 'scope' | 'options'> {
  const created = Object.entries(createdIds);
  const newIdOf = (kind: string | undefined, id: string): string => {
    const found = created.find(([key]) => (kind === undefined ? key.endsWith(`:${id}`) : key === `${kind}:${id}`));
    if (found === undefined) return id;
    const slash = id.indexOf('/');
    return slash < 0 ? found[1] : `${id.slice(0, slash)}/${found[1]}`;
  };
  const scope = plan.scope.map((entry): ScopeEntry => (entry.type === 'resource' || entry.type === 'field' ? { ...entry, id: newIdOf(entry.kind, entry.id) } : entry));
  return { scope, options: { ...plan.options, allowDeletes: plan.options.allowDeletes || created.length > 0 } };
}

function printVerification(io: CommandIo, verification: RestoreVerification, snapshotId: number): void {
  if (verification.clean) io.out(`Verification: the org matches snapshot ${snapshotId} for all ${verification.checked} resources compared.`);
  else if (verification.residuals.length > 0) io.out(`Verification: ${verification.residuals.length} of ${verification.checked} resources still differ from snapshot ${snapshotId}:`);
  else io.out(`Verification: nothing compared differs from snapshot ${snapshotId} (${verification.checked} resources), but the org cannot be called restored yet:`);

  for (const residual of verification.residuals) io.out(`  - ${residual.kind} '${residual.name}' ${residual.change}${residual.changedPaths.length > 0 ? `: ${residual.changedPaths.join(', ')}` : ''}`);
  for (const item of verification.unchecked) io.out(`  Not compared: the capture of ${item.kind} failed (${item.error}). Compare again with 'butterfly diff ${snapshotId} live'.`);
  for (const title of verification.pendingManualSteps) io.out(`  Still to do by hand: ${title}`);
  if (verification.leftInPlace.length > 0) io.out(`  Left as it is on purpose (${verification.leftInPlace.length}), not compared:`);
  for (const item of verification.leftInPlace) io.out(`    ${item.kind} ${item.id}: ${item.reason}`);
}

/** Okta's message and every cause it gave, or the mismatching fields of a read-back. */
export function failureText(detail: FailedDetail): string {
  const causes = (detail.errorCauses ?? []).map((cause) => String(cause['errorSummary'] ?? JSON.stringify(cause)));
  const mismatches = (detail.mismatches ?? []).map((item) => `${item.pointer} is ${JSON.stringify(item.actual ?? null)}, expected ${JSON.stringify(item.expected ?? null)}`);
  return [detail.message, ...causes.map((cause) => `cause: ${cause}`), ...mismatches].join(' ');
}
