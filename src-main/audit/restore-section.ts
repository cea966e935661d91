import { isJsonObject } from '../../src-shared/json/json-types.js';
import type { AuditPackData, ConnectionEvidence } from './pack-data.js';
import { formatPackTime } from './pack-time.js';
import type { PackWriter } from './pack-writer.js';
import type { AuditRestoreJournal } from './restore-journal-source.js';
import { runEnd, splitRuns, type JournalRun } from './restore-runs.js';
import { describeAttempt } from './restore-step-text.js';

/** Plan steps drawn per restore before the rest is counted. */
const STEPS_SHOWN = 40;

/** Draws each restore started in the period: who approved it, how it ended, each step's journal and the verification. */
export function drawRestores(writer: PackWriter, data: AuditPackData, evidence: ConnectionEvidence): void {
  if (!data.restoreJournalAvailable) {
    writer.paragraph('This vault keeps no restore journal, so the pack cannot list restores. This is not evidence that no restore happened.', { tone: 'alert' });
    return;
  }
  if (evidence.restores.length === 0) {
    writer.paragraph('The restore journal records no restore of this connection during the period.');
    return;
  }
  for (const journal of evidence.restores) drawRestore(writer, journal);
}

function drawRestore(writer: PackWriter, journal: AuditRestoreJournal): void {
  const { record, plan } = journal;
  const runs = splitRuns(journal.events);
  const cancelled = isCancelled(journal, runs);
  const time = (iso: string): string => formatPackTime(iso, { seconds: true });

  writer.heading(`Restore ${record.id}: ${statusWords(record.status, cancelled)}${runs.length > 1 ? ', interrupted and resumed' : ''}`);
  writer.fields([
    ['Outcome', outcomeText(journal, runs, cancelled)],
    ['Approved by', record.approvedBy ?? 'not recorded'],
    ['Started', time(record.createdAt)],
    ['Last update', time(record.updatedAt)],
    ['Restored from', `snapshot ${record.desiredSnapshotId}, taken ${time(plan.desired.takenAt)}`],
    ['Pre-restore snapshot', record.preRestoreSnapshotId === null ? 'none' : `snapshot ${record.preRestoreSnapshotId}, the org just before the restore`],
    ['Steps', `${record.stepsSucceeded} of ${record.stepCount} succeeded`],
    ['Runs', runsText(journal, runs)],
    ['Verification', verificationText(journal)],
  ], { size: 9, labelWidth: 125 });

  drawSteps(writer, journal, runs);
  if (plan.manualSteps.length > 0) writer.bullets(plan.manualSteps.map((step) => `Manual step: ${step.title} (${step.where})`), { size: 8.5 });
  if (plan.blockers.length > 0) writer.bullets(plan.blockers.map((blocker) => `Blocker: ${blocker}`), { size: 8.5, tone: 'alert' });
}

/**
 * Draws one row per step and run that recorded it: the step, how it ended (sent, found by
 * lookup, already deleted, failed with Okta's error, not run), the HTTP status and the time.
 * The run column appears only when the journal records more than one run.
 */
function drawSteps(writer: PackWriter, journal: AuditRestoreJournal, runs: readonly JournalRun[]): void {
  const steps = journal.plan.steps;
  if (steps.length === 0) return;
  const multiRun = runs.length > 1;

  const rows = steps.slice(0, STEPS_SHOWN).flatMap((step) => {
    const attempts = runs
      .map((run) => ({ run, events: run.events.filter((event) => event.stepIndex === step.index) }))
      .filter((attempt) => attempt.events.length > 0);
    if (attempts.length === 0) return [[String(step.index), step.description, ...(multiRun ? ['-'] : []), 'not run', '-', '-']];
    return attempts.map((attempt, position) => {
      const { outcome, http, time } = describeAttempt(attempt.events);
      const label = position === 0 ? [String(step.index), step.description] : ['', ''];
      return [...label, ...(multiRun ? [String(attempt.run.number)] : []), outcome, http, time];
    });
  });

  writer.table(['#', 'Planned step', ...(multiRun ? ['Run'] : []), 'Outcome', 'HTTP', 'Time (UTC)'], rows);
  if (steps.length > STEPS_SHOWN) writer.paragraph(`and ${steps.length - STEPS_SHOWN} more steps.`, { tone: 'muted' });
}

/** True when the restore stopped because it was cancelled, by its status detail or its last run's journal. */
function isCancelled(journal: AuditRestoreJournal, runs: readonly JournalRun[]): boolean {
  if (journal.record.status !== 'failed') return false;
  if (isJsonObject(journal.statusDetail) && journal.statusDetail['status'] === 'cancelled') return true;
  const last = runs[runs.length - 1];
  return last !== undefined && runEnd(last).kind === 'cancelled';
}

function statusWords(status: string, cancelled: boolean): string {
  switch (status) {
    case 'verified':
      return 'verified';
    case 'verified-with-residuals':
      return 'verified with residuals';
    case 'verification-failed':
      return 'verification incomplete';
    case 'completed':
      return 'completed, not verified';
    case 'failed':
      return cancelled ? 'cancelled' : 'failed';
    case 'running':
      return 'not finished';
    default:
      return status;
  }
}

/** Describes how the restore ended in one or two sentences, with the step and Okta's error when it failed. */
function outcomeText(journal: AuditRestoreJournal, runs: readonly JournalRun[], cancelled: boolean): string {
  const resumed = runs.length > 1 ? `Interrupted and resumed: the journal records ${runs.length} runs. ` : '';
  const detail = typeof journal.statusDetail === 'string' ? ` Status detail: ${journal.statusDetail}` : '';
  return `${resumed}${endText(journal, runs, cancelled)}${detail}`;
}

function endText(journal: AuditRestoreJournal, runs: readonly JournalRun[], cancelled: boolean): string {
  const last = runs[runs.length - 1];
  const end = last === undefined ? undefined : runEnd(last);
  const notResumed = 'It had not been resumed when the pack was generated.';

  switch (journal.record.status) {
    case 'verified':
      return 'Completed and verified: a capture of the org after the restore matched the snapshot.';
    case 'verified-with-residuals':
      return 'Completed, but a capture of the org after the restore still differs from the snapshot; see Verification.';
    case 'verification-failed':
      return 'Completed, but the verification could not compare every resource; see Verification.';
    case 'completed':
      return 'Completed; no verification is recorded.';
    case 'failed': {
      if (cancelled) return `Cancelled${end?.kind === 'cancelled' ? ` before step ${end.stepIndex}; that step and the ones after it were not run` : ''}. ${notResumed}`;
      if (end?.kind === 'failed' && last !== undefined) return `${failedStepText(last, end.stepIndex)} The steps after it were not run. ${notResumed}`;
      return `Failed. ${notResumed}`;
    }
    case 'running': {
      const where = last === undefined ? 'No step is recorded' : `The last step recorded is step ${last.events[last.events.length - 1]?.stepIndex ?? '?'}`;
      return `Not finished. ${where}: the restore was still running when the pack was generated, or it was interrupted and not resumed.`;
    }
    default:
      return `Status ${journal.record.status}.`;
  }
}

function failedStepText(run: JournalRun, stepIndex: number): string {
  const attempt = describeAttempt(run.events.filter((event) => event.stepIndex === stepIndex));
  return `Step ${stepIndex} ${attempt.outcome}${attempt.http === '-' ? '' : ` (HTTP ${attempt.http})`}.`;
}

/** Describes each run in one sentence: when it started, the steps it recorded and how it ended. */
function runsText(journal: AuditRestoreJournal, runs: readonly JournalRun[]): string {
  if (runs.length === 0) return 'none: no step was recorded';
  return runs.map((run, index) => {
    const first = run.events[0];
    const indexes = run.events.map((event) => event.stepIndex);
    const from = Math.min(...indexes);
    const to = Math.max(...indexes);
    const steps = from === to ? `step ${from}` : `steps ${from} to ${to}`;
    return `Run ${run.number}, from ${formatPackTime(first?.at ?? '', { seconds: true })}, recorded ${steps}, ${runEndText(journal, run, index === runs.length - 1)}.`;
  }).join(' ');
}

function runEndText(journal: AuditRestoreJournal, run: JournalRun, lastRun: boolean): string {
  const end = runEnd(run);
  switch (end.kind) {
    case 'failed':
      return `and stopped when step ${end.stepIndex} failed`;
    case 'cancelled':
      return `and was cancelled before step ${end.stepIndex}`;
    case 'interrupted-during':
      return `and was interrupted during step ${end.stepIndex}`;
    case 'succeeded-last':
      if (!lastRun) return `and stopped after step ${end.stepIndex}`;
      return journal.record.status === 'running' ? `and had recorded no more when the pack was generated` : 'and finished the plan';
  }
}

function verificationText(journal: AuditRestoreJournal): string {
  const { verification } = journal;
  if (verification.outcome === 'passed') return 'passed: the org matched the snapshot for every resource the plan covers';
  if (verification.outcome === 'failed') return `found ${verification.differences.length} difference(s) from the snapshot: ${verification.differences.join('; ')}`;
  return journal.record.status === 'completed' ? 'not recorded' : 'not run, because the restore did not finish';
}
