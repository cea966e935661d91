import type { RestoreOutcomeView } from '../../../src-shared/ipc/restore-views.js';

/** Shows the end of a restore: the verification against the snapshot, the journal id, and resume or undo. */
export function ResultStep({ outcome, onUndo, onResume, onOpenJournal, busy }: { outcome: RestoreOutcomeView; onUndo: () => void; onResume: () => void; onOpenJournal: () => void; busy: boolean }) {
  const { verification, failure, restore, undo } = outcome;
  const done = outcome.steps.filter((step) => step.state === 'succeeded' || step.state === 'succeeded-earlier').length;
  return (
    <div className="result-step">
      <div className="card" role="region" aria-labelledby="verification-title">
        <h2 id="verification-title">
          {verificationTitle(verification)}
        </h2>
        <p>
          Restore <strong>{restore.id}</strong> into {restore.connectionName}: {done} of {outcome.steps.length} steps done, status <code>{restore.status}</code>, approved by {restore.approvedBy ?? 'nobody recorded'}.
        </p>
        {verification?.clean === true && <p className="verdict ok">The org matches snapshot #{restore.desiredSnapshotId} for all {verification.checked} resources compared.</p>}
        {verification !== null && verification.residuals.length > 0 && (
          <>
            <p className="verdict bad">
              {verification.residuals.length} of {verification.checked} resources still differ from snapshot #{restore.desiredSnapshotId}:
            </p>
            <ul>
              {verification.residuals.map((residual) => (
                <li key={`${residual.kind}:${residual.id}`}>
                  {residual.kind} {residual.name} {residual.change}
                  {residual.changedPaths.length > 0 && (
                    <>
                      : <code>{residual.changedPaths.join(', ')}</code>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <p className="muted">Run the wizard again from the same snapshot to plan these, or fix them by hand in the Okta admin console.</p>
          </>
        )}
        {verification?.pendingManualSteps.map((title) => (
          <p key={title}>Still to do by hand: {title}</p>
        ))}
        {verification?.leftInPlace.map((item) => (
          <p key={`${item.kind}:${item.id}`} className="muted">
            Left as it is: {item.kind} {item.id}: {item.reason}
          </p>
        ))}
        {failure !== null && (
          <div className="notice notice-error" role="alert">
            <p className="notice-message">
              Stopped at step {failure.index} ({failure.description}): {failure.message}
            </p>
            <p className="notice-next">
              <strong>What to do: </strong>fix the cause named above (a permission, a value Okta rejected), then resume: steps already done are not sent again.
            </p>
          </div>
        )}
        {outcome.status === 'cancelled' && <p>The restore was cancelled before step {outcome.steps.find((step) => step.state === 'not-run')?.index ?? '?'}. Resume it to run the remaining steps.</p>}
        <div className="actions">
          {outcome.status !== 'succeeded' && (
            <button type="button" className="primary" onClick={onResume} disabled={busy}>
              Resume restore {restore.id}
            </button>
          )}
          <button type="button" onClick={onOpenJournal}>
            Open the journal of {restore.id}
          </button>
        </div>
      </div>
      {undo !== null && (
        <div className="card" role="region" aria-labelledby="undo-title">
          <h2 id="undo-title">Undo</h2>
          <p>
            Snapshot #{undo.snapshotId} holds the org as it was just before this restore. Restoring it with the same scope puts back what this restore changed, through the same dry run and confirmation.
          </p>
          <button type="button" onClick={onUndo} disabled={busy}>
            Undo: restore snapshot #{undo.snapshotId}
          </button>
        </div>
      )}
    </div>
  );
}

function verificationTitle(verification: { clean: boolean } | null): string {
  if (verification === null) return 'Not verified: the restore did not finish';
  return verification.clean ? 'Verification clean' : 'Verification found residual differences';
}
