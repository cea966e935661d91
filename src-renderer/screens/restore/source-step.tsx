import type { ConnectionView } from '../../../src-shared/ipc/ipc-views.js';
import { callApi } from '../../api/butterfly-client.js';
import { useLoad } from '../../api/use-async.js';
import { ConnectionPicker } from '../../components/connection-picker.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { formatTime } from '../../components/format.js';

/** The org to restore into and the snapshot of it to restore from, newest first. */
export function SourceStep({ connections, connectionName, snapshotId, busy, onConnectionChange, onSnapshotChange, onNext }: {
  connections: ConnectionView[];
  connectionName: string | null;
  snapshotId: number | null;
  busy: boolean;
  onConnectionChange: (name: string) => void;
  onSnapshotChange: (id: number) => void;
  onNext: (snapshotId: number) => void;
}) {
  const snapshots = useLoad(() => (connectionName === null ? Promise.resolve([]) : callApi('listSnapshots', { connectionName })), [connectionName]);
  const list = [...(snapshots.value ?? [])].reverse();
  const chosen = snapshotId ?? list[0]?.id ?? null;

  if (connections.length === 0) return <p className="muted">No connection yet: add one under Connections, or start the sandbox under Drill mode.</p>;
  return (
    <div className="card">
      <ErrorNotice error={snapshots.error} />
      <div className="toolbar">
        <ConnectionPicker connections={connections} value={connectionName} onChange={onConnectionChange} />
      </div>
      {list.length === 0 && !snapshots.loading && <p className="muted">No snapshot of this connection yet: take one under Snapshots first.</p>}
      <fieldset className="snapshot-choice" disabled={busy}>
        <legend>Snapshot to restore from</legend>
        {list.map((snapshot) => (
          <label key={snapshot.id} className="drill-option">
            <input type="radio" name="restore-snapshot" checked={chosen === snapshot.id} onChange={() => onSnapshotChange(snapshot.id)} />
            <span>
              <strong>#{snapshot.id}</strong> {formatTime(snapshot.takenAt)}
              {snapshot.label ? ` “${snapshot.label}”` : ''} <span className="badge">{snapshot.trigger}</span> {snapshot.resourceCount} resources
              {snapshot.complete ? '' : ' (incomplete: failed sections cannot be restored)'}
            </span>
          </label>
        ))}
      </fieldset>
      <button type="button" className="primary" disabled={chosen === null || busy} onClick={() => chosen !== null && onNext(chosen)}>
        Next: compare with the live org
      </button>
    </div>
  );
}
