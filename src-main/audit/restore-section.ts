import type { AuditPackData, ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Plan steps drawn per restore before the rest is counted. */
const STEPS_SHOWN = 40;

/** Draws each restore started in the period: who approved it, its plan, its journal and its verification. */
export function drawRestores(writer: PackWriter, data: AuditPackData, evidence: ConnectionEvidence): void {
  if (!data.restoreJournalAvailable) {
    writer.paragraph('This vault keeps no restore journal, so the pack cannot list restores. This is not evidence that no restore happened.', { tone: 'alert' });
    return;
  }
  if (evidence.restores.length === 0) {
    writer.paragraph('The restore journal records no restore of this connection during the period.');
    return;
  }

  for (const journal of evidence.restores) {
    const { record, plan, verification } = journal;
    writer.heading(`Restore ${record.id}: ${record.status}`);
    writer.fields([
      ['Started, last update', `${record.createdAt}, ${record.updatedAt}`],
      ['Approved by', record.approvedBy ?? 'not recorded'],
      ['Restored from', `snapshot ${record.desiredSnapshotId} (${plan.desired.takenAt})`],
      ['Pre-restore snapshot', record.preRestoreSnapshotId === null ? 'none' : `snapshot ${record.preRestoreSnapshotId}`],
      ['Steps', `${record.stepsSucceeded} of ${record.stepCount} succeeded`],
      ['Verification', `${verification.outcome}${verification.differences.length > 0 ? `; still different: ${verification.differences.join('; ')}` : ''}`],
      ['Status detail', journal.statusDetail ?? '-'],
    ], { size: 9 });

    const steps = plan.steps.slice(0, STEPS_SHOWN).map((step) => {
      const events = journal.events.filter((event) => event.stepIndex === step.index);
      const last = events[events.length - 1];
      return [String(step.index), step.description, last === undefined ? 'not run' : `${last.type} ${last.at}${last.detail === null ? '' : `: ${last.detail}`}`];
    });
    if (steps.length > 0) writer.table([{ header: '#', width: 0.06 }, { header: 'Planned step', width: 0.54 }, { header: 'Journal', width: 0.4 }], steps);
    if (plan.steps.length > STEPS_SHOWN) writer.paragraph(`and ${plan.steps.length - STEPS_SHOWN} more steps.`, { tone: 'muted' });
    if (plan.manualSteps.length > 0) writer.bullets(plan.manualSteps.map((step) => `Manual step: ${step.title} (${step.where})`), { size: 8.5 });
    if (plan.blockers.length > 0) writer.bullets(plan.blockers.map((blocker) => `Blocker: ${blocker}`), { size: 8.5, tone: 'alert' });
  }
}
