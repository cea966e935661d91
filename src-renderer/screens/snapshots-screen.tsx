import { useState } from 'react';
import type { SnapshotDetailView, SnapshotView, VaultCheckView } from '../../src-shared/ipc/ipc-views.js';
import type { SectionState } from '../../src-shared/snapshot/snapshot-model.js';
import { asApiError, callApi, type ApiError } from '../api/butterfly-client.js';
import { useLoad } from '../api/use-async.js';
import { useJob } from '../api/use-job.js';
import { CaptureProgress } from '../components/capture-progress.js';
import { ConnectionPicker } from '../components/connection-picker.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatTime } from '../components/format.js';

interface SnapshotsProps {
  connectionName: string | null;
  onConnectionChange: (name: string) => void;
  onCompare: (beforeId: number, after: number | 'live') => void;
  /** Opens the Audit Pack export with this connection chosen. */
  onExportAuditPack: (connectionName: string) => void;
}

/** Shows a connection's snapshot timeline: take one with live progress, label them, inspect sections, check the vault. */
export function SnapshotsScreen({ connectionName, onConnectionChange, onCompare, onExportAuditPack }: SnapshotsProps) {
  const connections = useLoad(() => callApi('listConnections', {}), []);
  const selected = connectionName ?? connections.value?.[0]?.name ?? null;
  const snapshots = useLoad(() => (selected === null ? Promise.resolve([]) : callApi('listSnapshots', { connectionName: selected })), [selected]);
  const job = useJob();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [taken, setTaken] = useState<SnapshotView | null>(null);
  const [detail, setDetail] = useState<SnapshotDetailView | null>(null);
  const [vaultCheck, setVaultCheck] = useState<VaultCheckView | null>(null);

  const take = async (): Promise<void> => {
    if (selected === null) return;
    setError(null);
    setTaken(null);
    try {
      const snapshot = await job.run((jobId) => callApi('takeSnapshot', { jobId, connectionName: selected, ...(label.trim() ? { label: label.trim() } : {}) }));
      setTaken(snapshot);
      setLabel('');
      snapshots.reload();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const guard = async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const list = snapshots.value ?? [];
  return (
    <section aria-labelledby="snapshots-title" className="screen">
      <h1 id="snapshots-title">Snapshots</h1>
      <ErrorNotice error={error ?? connections.error ?? snapshots.error} onDismiss={() => setError(null)} />
      {connections.value !== undefined && connections.value.length === 0 && <p className="muted">No connection yet: add one under Connections first.</p>}
      {connections.value !== undefined && connections.value.length > 0 && (
        <div className="toolbar">
          <ConnectionPicker connections={connections.value} value={selected} onChange={onConnectionChange} />
          <div className="field inline">
            <label htmlFor="snapshot-label">Label</label>
            <input id="snapshot-label" value={label} maxLength={200} placeholder="before SCIM change" onChange={(event) => setLabel(event.target.value)} />
          </div>
          <button type="button" className="primary" onClick={() => void take()} disabled={job.running || selected === null}>
            Take snapshot
          </button>
          <button type="button" onClick={() => void guard(async () => setVaultCheck(await callApi('verifyVault', {})))}>
            Verify vault
          </button>
          <button type="button" onClick={() => selected !== null && onExportAuditPack(selected)} disabled={selected === null || list.length === 0}>
            Export Audit Pack
          </button>
        </div>
      )}
      {job.running && <CaptureProgress progress={job.progress} onCancel={job.cancel} />}
      {taken && (
        <p className="notice" role="status">
          Stored snapshot {taken.id}: {taken.resourceCount} resources, {taken.complete ? 'complete' : `INCOMPLETE (${taken.failedSections.join(', ')} failed)`}.
        </p>
      )}
      {vaultCheck && <VaultCheck report={vaultCheck} />}

      <div className="card">
        <h2>Timeline{selected ? ` of ${selected}` : ''}</h2>
        {list.length === 0 ? (
          <p className="muted">{snapshots.loading ? 'Loading…' : 'No snapshot yet. Take the first one above.'}</p>
        ) : (
          <ol className="timeline">
            {[...list].reverse().map((snapshot, index, newestFirst) => (
              <SnapshotRow
                key={snapshot.id}
                snapshot={snapshot}
                previous={newestFirst[index + 1]}
                onLabel={(next) => guard(async () => {
                  await callApi('setSnapshotLabel', { snapshotId: snapshot.id, label: next });
                  snapshots.reload();
                })}
                onDetails={() => void guard(async () => setDetail(await callApi('showSnapshot', { snapshotId: snapshot.id })))}
                onCompare={onCompare}
              />
            ))}
          </ol>
        )}
      </div>
      {detail && <SnapshotDetail detail={detail} onClose={() => setDetail(null)} />}
    </section>
  );
}

interface RowProps {
  snapshot: SnapshotView;
  previous: SnapshotView | undefined;
  onLabel: (label: string | null) => Promise<void>;
  onDetails: () => void;
  onCompare: (beforeId: number, after: number | 'live') => void;
}

function SnapshotRow({ snapshot, previous, onLabel, onDetails, onCompare }: RowProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(snapshot.label ?? '');
  return (
    <li className={`timeline-entry ${snapshot.complete ? '' : 'incomplete'}`}>
      <div className="timeline-head">
        <strong>#{snapshot.id}</strong> <time dateTime={snapshot.takenAt}>{formatTime(snapshot.takenAt)}</time>
        <span className="badge">{snapshot.trigger}</span>
        <span className={`badge ${snapshot.complete ? 'ok' : 'bad'}`}>{snapshot.complete ? 'complete' : `incomplete: ${snapshot.failedSections.join(', ')}`}</span>
        <span>{snapshot.resourceCount} resources</span>
        {snapshot.label && !editing && <span className="label">“{snapshot.label}”</span>}
      </div>
      {editing ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void onLabel(draft.trim() === '' ? null : draft).then(() => setEditing(false));
          }}
        >
          <label htmlFor={`label-${snapshot.id}`} className="visually-hidden">
            Label of snapshot {snapshot.id}
          </label>
          <input id={`label-${snapshot.id}`} value={draft} maxLength={200} autoFocus onChange={(event) => setDraft(event.target.value)} />
          <button type="submit">Save label</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)} aria-label={`Label snapshot ${snapshot.id}`}>
            Label
          </button>
          <button type="button" onClick={onDetails} aria-label={`Sections of snapshot ${snapshot.id}`}>
            Sections
          </button>
          {previous && (
            <button type="button" onClick={() => onCompare(previous.id, snapshot.id)} aria-label={`Compare snapshot ${previous.id} with ${snapshot.id}`}>
              Compare with #{previous.id}
            </button>
          )}
          <button type="button" onClick={() => onCompare(snapshot.id, 'live')} aria-label={`Compare snapshot ${snapshot.id} with the live org`}>
            Compare with live
          </button>
        </div>
      )}
    </li>
  );
}

function SnapshotDetail({ detail, onClose }: { detail: SnapshotDetailView; onClose: () => void }) {
  return (
    <div className="card" role="region" aria-label={`Sections of snapshot ${detail.id}`}>
      <h2>Snapshot {detail.id}: sections</h2>
      <p className="muted">
        Content hash <code>{detail.contentHash.slice(0, 16)}…</code>, chain hash <code>{detail.chainHash.slice(0, 16)}…</code>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">State</th>
            <th scope="col">Resources</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {detail.sections.map(({ kind, state }) => (
            <tr key={kind}>
              <th scope="row">{kind}</th>
              <td>{state.status}</td>
              <td>{state.status === 'not-configured' ? '–' : state.count}</td>
              <td>{sectionDetail(state)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function VaultCheck({ report }: { report: VaultCheckView }) {
  return (
    <div className={`notice ${report.problems.length === 0 ? '' : 'notice-error'}`} role="status">
      Checked {report.snapshotsChecked} snapshots, {report.blobsChecked} stored resources and {report.valuesDecrypted} encrypted values:{' '}
      {report.problems.length === 0 ? 'every value decrypts, every hash matches and the chain is unbroken.' : `${report.problems.length} problem(s).`}
      {report.problems.length > 0 && (
        <ul>
          {report.problems.map((problem) => (
            <li key={`${problem.code}:${problem.where}`}>
              {problem.code} at {problem.where}: {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Returns the error of a failed section or the reason of one not configured; nothing for a complete one. */
function sectionDetail(state: SectionState): string {
  if (state.status === 'failed') return state.error;
  if (state.status === 'not-configured') return state.reason;
  return '';
}
