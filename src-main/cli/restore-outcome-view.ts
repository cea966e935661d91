import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import type { ExecutionEvent } from '../restore/execution-types.js';
import type { FailedDetail } from '../restore/restore-journal.js';
import type { RestoreOutcome } from '../restore/run-restore.js';
import type { CommandIo } from './command-io.js';
import { scopeText } from './restore-plan-view.js';

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
export function printOutcome(io: CommandIo, outcome: RestoreOutcome, connectionName: string, scope: ScopeEntry[]): void {
  const { record, execution, verification } = outcome;
  const done = execution.steps.filter((step) => step.state === 'succeeded' || step.state === 'succeeded-earlier').length;
  io.out(`Restore ${record.id}: ${done} of ${execution.steps.length} steps done; status ${record.status}.`);

  if (execution.failure) {
    const { step, detail } = execution.failure;
    io.out(`Stopped at step ${step.index} (${step.description}): ${failureText(detail)}`);
    const notRun = execution.steps.filter((item) => item.state === 'not-run').map((item) => item.index);
    if (notRun.length > 0) io.out(`Not run: steps ${notRun.join(', ')}.`);
    io.out(`Fix the cause, then finish it with: butterfly restore --resume ${record.id}`);
  }
  if (verification) {
    io.out(verification.clean
      ? `Verification: the org matches snapshot ${record.desiredSnapshotId} for all ${verification.checked} resources compared.`
      : `Verification: ${verification.residuals.length} of ${verification.checked} resources still differ from snapshot ${record.desiredSnapshotId}:`);
    for (const residual of verification.residuals) io.out(`  - ${residual.kind} '${residual.name}' ${residual.change}${residual.changedPaths.length > 0 ? `: ${residual.changedPaths.join(', ')}` : ''}`);
    for (const title of verification.pendingManualSteps) io.out(`  Still to do by hand: ${title}`);
    for (const item of verification.leftInPlace) io.out(`  Left as it is: ${item.kind} ${item.id}: ${item.reason}`);
  }
  if (record.preRestoreSnapshotId !== undefined) {
    io.out(`To undo, restore the pre-restore snapshot: butterfly restore ${record.preRestoreSnapshotId} --to ${connectionName} ${scope.map((entry) => `--scope ${scopeText(entry)}`).join(' ')} --dry-run`);
  }
}

/** Okta's message and every cause it gave, or the mismatching fields of a read-back. */
export function failureText(detail: FailedDetail): string {
  const causes = (detail.errorCauses ?? []).map((cause) => String(cause['errorSummary'] ?? JSON.stringify(cause)));
  const mismatches = (detail.mismatches ?? []).map((item) => `${item.pointer} is ${JSON.stringify(item.actual ?? null)}, expected ${JSON.stringify(item.expected ?? null)}`);
  return [detail.message, ...causes.map((cause) => `cause: ${cause}`), ...mismatches].join(' ');
}
