import type { AuditRestoreEvent } from './restore-journal-source.js';

/** One run of a restore's executor, read back from the journal: a first run or a resume. */
export interface JournalRun {
  /** 1 for the first run. */
  number: number;
  events: AuditRestoreEvent[];
}

/** The way a run ended, as far as its events show. */
export type RunEnd =
  | { kind: 'failed'; stepIndex: number }
  | { kind: 'cancelled'; stepIndex: number }
  /** The run recorded a step as started and nothing after it: the process stopped during that step. */
  | { kind: 'interrupted-during'; stepIndex: number }
  /** The run's last event is a succeeded step: it finished the plan, stopped between steps, or is still running. */
  | { kind: 'succeeded-last'; stepIndex: number };

/**
 * Splits a journal, in recorded order, into the runs of the executor that wrote it. Within one
 * run the executor (src-main/restore/execute-plan.ts and step-runner.ts) records each step at most once as `started` and then once as `succeeded` or
 * `failed`, in plan order, and after a failure or a cancellation only `skipped` events. So a new
 * run begins where an event goes back to an earlier step, repeats a step that already has an
 * outcome, follows a `started` event that got no outcome, or is a lookup (which only a resume
 * makes) or anything but `skipped` after a failure or a skip.
 * NOTE: a run that stopped between two steps (after one succeeded, before the next started) and
 * was resumed at the next step leaves no mark in the journal, so both runs read as one.
 */
export function splitRuns(events: readonly AuditRestoreEvent[]): JournalRun[] {
  const runs: JournalRun[] = [];
  let previous: AuditRestoreEvent | undefined;

  for (const event of events) {
    const current = runs[runs.length - 1];
    if (current === undefined || (previous !== undefined && startsNewRun(previous, event))) {
      runs.push({ number: runs.length + 1, events: [event] });
    } else {
      current.events.push(event);
    }
    previous = event;
  }
  return runs;
}

function startsNewRun(previous: AuditRestoreEvent, event: AuditRestoreEvent): boolean {
  if (event.stepIndex < previous.stepIndex) return true;
  const sameStep = event.stepIndex === previous.stepIndex;

  switch (previous.type) {
    case 'started':
      return !(sameStep && (event.type === 'succeeded' || event.type === 'failed') && !isLookup(event));
    case 'succeeded':
      return sameStep || isLookup(event);
    case 'failed':
    case 'skipped':
      return sameStep || event.type !== 'skipped';
  }
}

/** True for the outcome of a lookup, which only a resumed run makes for a create left in doubt. */
function isLookup(event: AuditRestoreEvent): boolean {
  const detail = event.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return false;
  return (event.type === 'succeeded' && detail['outcome'] === 'found-by-lookup') || (event.type === 'failed' && detail['phase'] === 'lookup');
}

/** Tells how a run ended from its last event and, for skipped steps, the reason recorded. */
export function runEnd(run: JournalRun): RunEnd {
  const failed = run.events.find((event) => event.type === 'failed');
  if (failed !== undefined) return { kind: 'failed', stepIndex: failed.stepIndex };
  const cancelled = run.events.find((event) => event.type === 'skipped' && skipReason(event) === 'cancelled');
  if (cancelled !== undefined) return { kind: 'cancelled', stepIndex: cancelled.stepIndex };
  const last = run.events[run.events.length - 1];
  if (last?.type === 'started') return { kind: 'interrupted-during', stepIndex: last.stepIndex };
  return { kind: 'succeeded-last', stepIndex: last?.stepIndex ?? 0 };
}

function skipReason(event: AuditRestoreEvent): string | undefined {
  const detail = event.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return undefined;
  return typeof detail['reason'] === 'string' ? detail['reason'] : undefined;
}
