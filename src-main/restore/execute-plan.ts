import type { PlanStep, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { ExecuteOptions, ExecutionEvent, ExecutionResult, StepResult, StepSummary } from './execution-types.js';
import { readStepHistories, type StepHistory } from './journal-history.js';
import type { SkipReason, SkippedDetail } from './restore-journal.js';
import { StepBindings } from './step-bindings.js';
import { runStep, type StepContext } from './step-runner.js';

export type { ExecuteOptions, ExecutionEvent, ExecutionResult, RestoreTransport, StepResult, StepSummary } from './execution-types.js';
export type { RestoreJournal } from './restore-journal.js';

/** A plan the executor must not run: it has blockers, or its steps are not in a runnable order. */
export class PlanNotRunnableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanNotRunnableError';
  }
}

/**
 * Runs a restore plan against the org behind `transport`, step by step in plan order, and
 * records every step in the journal before and after it runs. Called again with the same
 * `restoreId`, it resumes: steps the journal shows succeeded are not run again, and a create
 * an interrupted run left in doubt is looked for before it is sent. Stops at the first failed
 * step, or between steps when `signal` aborts, and records the steps left as `skipped`.
 * Throws PlanNotRunnableError before anything is sent when the plan has blockers, and
 * JournalMismatchError when the journal belongs to another plan.
 */
export async function executePlan(options: ExecuteOptions): Promise<ExecutionResult> {
  const { plan, restoreId, journal } = options;
  const steps = runnableSteps(plan);
  const histories = readStepHistories(restoreId, plan, journal.readRestore(restoreId).events);
  const bindings = new StepBindings();
  for (const history of histories.values()) if (history.created) bindings.bind(history.created);

  const emit = (event: ExecutionEvent): void => options.listener?.(event);
  const context: StepContext = { restoreId, journal, transport: options.transport, bindings, emit, logger: options.logger };
  const results: StepResult[] = [];
  let stop: { reason: SkipReason; message: string } | undefined;
  let failure: ExecutionResult['failure'];

  for (const step of steps) {
    const summary: StepSummary = { index: step.index, key: step.key, description: step.description, total: steps.length };
    const history = histories.get(step.index) as StepHistory;
    if (history.succeeded) {
      results.push({ index: step.index, key: step.key, state: 'succeeded-earlier' });
      emit({ type: 'step-skipped', step: summary, reason: 'succeeded-earlier' });
      continue;
    }
    if (!stop && options.signal?.aborted) stop = { reason: 'cancelled', message: `The restore was cancelled before step ${step.index}.` };
    if (stop) {
      skipStep(context, step, summary, stop);
      results.push({ index: step.index, key: step.key, state: 'not-run' });
      continue;
    }

    const run = await runStep(context, step, summary, history);
    if (run.state === 'succeeded') {
      results.push({ index: step.index, key: step.key, state: 'succeeded', outcome: run.detail.outcome, ...(run.detail.created ? { createdId: run.detail.created.id } : {}) });
      continue;
    }
    results.push({ index: step.index, key: step.key, state: 'failed' });
    failure = { step: summary, detail: run.detail };
    stop = { reason: 'earlier-step-failed', message: `Not run because step ${step.index} (${step.key}) failed: ${run.detail.message}` };
  }

  let status: ExecutionResult['status'] = 'succeeded';
  if (failure) status = 'failed';
  else if (stop) status = 'cancelled';
  options.logger?.info({ restoreId, status, steps: steps.length }, 'restore run finished');
  return { restoreId, status, steps: results, ...(failure ? { failure } : {}), createdIds: bindings.toRecord() };
}

/** Records and reports a step left out because an earlier step failed or the restore was cancelled. */
function skipStep(context: StepContext, step: PlanStep, summary: StepSummary, stop: { reason: SkipReason; message: string }): void {
  const detail: SkippedDetail = { key: step.key, reason: stop.reason, message: stop.message };
  context.journal.recordRestoreStep(context.restoreId, { stepIndex: step.index, type: 'skipped', detail: { ...detail } });
  context.emit({ type: 'step-skipped', step: summary, reason: stop.reason });
}

/**
 * Returns the plan's steps in index order, after checking that the plan may run: a known
 * version, no blockers, unique step indexes and keys, and every step after the steps it
 * depends on. Since the executor stops at the first failure, a step then never runs before
 * one it depends on has succeeded.
 */
function runnableSteps(plan: RestorePlan): PlanStep[] {
  if (plan.version !== 1) throw new PlanNotRunnableError(`The plan has version ${String(plan.version)}, but this executor runs version 1 only. Plan the restore again.`);
  if (plan.blockers.length > 0) throw new PlanNotRunnableError(`The plan must not run: ${plan.blockers.join(' ')}`);

  const steps = [...plan.steps].sort((a, b) => a.index - b.index);
  const indexes = new Set(steps.map((step) => step.index));
  const keys = new Set(steps.map((step) => step.key));
  if (indexes.size !== steps.length || keys.size !== steps.length) throw new PlanNotRunnableError('The plan has two steps with the same index or key. Plan the restore again.');

  const earlier = new Set<string>();
  for (const step of steps) {
    const missing = step.dependsOn.filter((key) => !earlier.has(key));
    if (missing.length > 0) throw new PlanNotRunnableError(`Step ${step.index} (${step.key}) depends on ${missing.join(', ')}, which the plan does not run before it. Plan the restore again.`);
    earlier.add(step.key);
  }
  return steps;
}
