import { useState } from 'react';
import type { RestoreRecordView } from '../../src-shared/ipc/restore-views.js';
import { asApiError, callApi, type ApiError } from '../api/butterfly-client.js';
import { useLoad } from '../api/use-async.js';
import { useRestoreJob } from '../api/use-restore-job.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatTime } from '../components/format.js';

/** Lists the restores in the vault, newest first, and the journal of one, as `butterfly restores` prints them. */
export function RestoresScreen({ initialRestoreId, onUndo }: { initialRestoreId: string | null; onUndo: (record: RestoreRecordView) => void }) {
  const restores = useLoad(() => callApi('listRestores', {}), []);
  const [selected, setSelected] = useState<string | null>(initialRestoreId);
  const list = restores.value ?? [];

  return (
    <section aria-labelledby="restores-title" className="screen">
      <h1 id="restores-title">Restore journal</h1>
      <ErrorNotice error={restores.error} />
      {list.length === 0 && !restores.loading && <p className="muted">No restores yet. Run one from the Restore screen; it starts with a dry run that sends nothing.</p>}
      {list.length > 0 && (
        <table className="card">
          <thead>
            <tr>
              <th scope="col">Restore</th>
              <th scope="col">Connection</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Steps</th>
              <th scope="col">Snapshot</th>
              <th scope="col">Undo point</th>
              <th scope="col">Approved by</th>
            </tr>
          </thead>
          <tbody>
            {list.map((record) => (
              <tr key={record.id} aria-selected={record.id === selected}>
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(record.id)} aria-label={`Show the journal of ${record.id}`}>
                    {record.id}
                  </button>
                </td>
                <td>{record.connectionName}</td>
                <td>{formatTime(record.createdAt)}</td>
                <td>
                  <span className={`badge ${record.status === 'verified' ? 'ok' : record.status === 'failed' ? 'bad' : ''}`}>{record.status}</span>
                </td>
                <td>
                  {record.stepsSucceeded}/{record.stepCount}
                </td>
                <td>#{record.desiredSnapshotId}</td>
                <td>
                  {record.preRestoreSnapshotId === null ? '–' : (
                    <button type="button" className="link-button" onClick={() => onUndo(record)} aria-label={`Undo ${record.id}: restore snapshot ${record.preRestoreSnapshotId}`}>
                      #{record.preRestoreSnapshotId}
                    </button>
                  )}
                </td>
                <td>{record.approvedBy ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected !== null && <Journal key={selected} restoreId={selected} />}
    </section>
  );
}

function Journal({ restoreId }: { restoreId: string }) {
  const journal = useLoad(() => callApi('showRestore', { restoreId }), [restoreId]);
  const job = useRestoreJob();
  const [resumeError, setResumeError] = useState<ApiError | null>(null);
  const view = journal.value;
  if (journal.error !== null) return <ErrorNotice error={journal.error} />;
  if (view === undefined) return <p className="muted">Loading the journal of {restoreId}…</p>;
  const { restore, verification } = view;
  return (
    <div className="card" role="region" aria-labelledby="journal-title">
      <h2 id="journal-title">Journal of {restore.id}</h2>
      <p>
        Into {restore.connectionName} from snapshot #{restore.desiredSnapshotId}, pre-restore snapshot {restore.preRestoreSnapshotId === null ? 'none' : `#${restore.preRestoreSnapshotId}`}, approved by {restore.approvedBy ?? 'nobody recorded'}: {restore.status},{' '}
        {restore.stepsSucceeded} of {restore.stepCount} steps done.
      </p>
      <ol className="execution-steps">
        {view.steps.map((step) => (
          <li key={step.index} className={`execution-step state-${step.state}`}>
            <span className={`badge ${step.state === 'succeeded' ? 'ok' : step.state === 'failed' ? 'bad' : ''}`}>{step.state}</span> {step.description}
            {step.at !== null && <span className="muted"> at {formatTime(step.at)}</span>}
            {step.detail !== null && <p className="muted">{step.detail}</p>}
          </li>
        ))}
      </ol>
      {verification !== null && (
        <p className={verification.clean ? 'verdict ok' : 'verdict bad'}>
          {verification.clean ? `Verification clean: ${verification.checked} resources compared.` : `Verification: ${verification.residuals.length} resources still differ.`}
        </p>
      )}
      <ErrorNotice error={resumeError} onDismiss={() => setResumeError(null)} />
      {restore.status !== 'verified' && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={job.running}
            onClick={() => {
              setResumeError(null);
              job
                .run((jobId) => callApi('resumeRestore', { jobId, restoreId: restore.id }))
                .catch((caught: unknown) => setResumeError(asApiError(caught)))
                .finally(journal.reload);
            }}
          >
            {job.running ? `Resuming: ${job.steps.filter((event) => event.type === 'step-succeeded').length} steps done…` : `Resume ${restore.id}`}
          </button>
          <span className="muted">Steps already done are not sent again; a create left in doubt is looked up first.</span>
        </div>
      )}
    </div>
  );
}
