import type { AuditPackProgressView, AuditPackStage } from '../../../src-shared/ipc/audit-pack-views.js';

const STAGES: { stage: AuditPackStage; label: string }[] = [
  { stage: 'choose-file', label: 'Choosing where to save' },
  { stage: 'verify', label: 'Verifying the vault' },
  { stage: 'snapshots', label: 'Reading snapshots' },
  { stage: 'layout', label: 'Laying out pages' },
  { stage: 'save', label: 'Producing the PDF' },
  { stage: 'write', label: 'Writing the file' },
];

/** Shows a running export: the current stage of six, a progress bar of that stage, and Cancel. */
export function ExportProgress({ progress, cancelling, onCancel }: { progress: AuditPackProgressView | null; cancelling: boolean; onCancel: () => void }) {
  const index = Math.max(0, STAGES.findIndex((entry) => entry.stage === progress?.stage));
  const label = STAGES[index]?.label ?? 'Starting';
  const total = Math.max(progress?.total ?? 1, 1);
  return (
    <div className="card export-progress" role="region" aria-labelledby="export-progress-title">
      <h2 id="export-progress-title">Exporting the Audit Pack…</h2>
      <div aria-live="polite">
        <label className="progress-label">
          Stage {index + 1} of {STAGES.length}: {label}
          {progress !== null && progress.total > 1 ? `, ${progress.done} of ${progress.total}` : ''}
          <progress max={total} value={Math.min(progress?.done ?? 0, total)} />
        </label>
        {progress?.detail && <p className="muted">{progress.detail}</p>}
      </div>
      <button type="button" onClick={onCancel} disabled={cancelling}>
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
      <p className="muted">
        A cancelled export writes no file. A cancel asked while the vault is being verified takes effect once the verification ends.
      </p>
    </div>
  );
}
