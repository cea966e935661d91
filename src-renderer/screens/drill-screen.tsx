import { useState } from 'react';
import type { DrillRunView, SandboxView, SnapshotView } from '../../src-shared/ipc/ipc-views.js';
import { asApiError, callApi, type ApiError } from '../api/butterfly-client.js';
import { useLoad } from '../api/use-async.js';
import { useJob } from '../api/use-job.js';
import { CaptureProgress } from '../components/capture-progress.js';
import { ErrorNotice } from '../components/error-notice.js';

/**
 * Drill mode: practise on the sandbox org. Start it, take a snapshot, apply a scripted
 * incident, take another snapshot, then compare the two.
 */
export function DrillScreen({ onCompare, onRestore }: { onCompare: (connectionName: string, beforeId: number, afterId: number) => void; onRestore: (connectionName: string, snapshotId: number) => void }) {
  const status = useLoad(() => callApi('sandboxStatus', {}), []);
  const drills = useLoad(() => callApi('listDrills', {}), []);
  const [sandbox, setSandbox] = useState<SandboxView | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [before, setBefore] = useState<SnapshotView | null>(null);
  const [after, setAfter] = useState<SnapshotView | null>(null);
  const [run, setRun] = useState<DrillRunView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const job = useJob();

  const view = sandbox ?? status.value ?? { running: false as const };
  const connectionName = view.running ? view.connectionName : null;
  const drill = chosen ?? drills.value?.[0]?.name ?? null;
  // A snapshot taken on the Snapshots screen since the sandbox started serves as the "before" side.
  const existing = useLoad(
    () => (connectionName === null ? Promise.resolve([]) : callApi('listSnapshots', { connectionName })),
    [connectionName],
  );
  const startedAt = view.running ? view.startedAt : null;
  const latest = existing.value?.filter((entry) => startedAt !== null && entry.takenAt >= startedAt).at(-1) ?? null;
  const baseline = before ?? latest;

  const act = async (label: string, work: () => Promise<void>): Promise<void> => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const snapshot = (label: string, store: (snapshot: SnapshotView) => void) =>
    act(label, async () => {
      if (connectionName === null) return;
      store(await job.run((jobId) => callApi('takeSnapshot', { jobId, connectionName, label })));
    });

  const restart = () =>
    act('stop', async () => {
      setSandbox(await callApi('stopSandbox', {}));
      setBefore(null);
      setAfter(null);
      setRun(null);
    });

  return (
    <section aria-labelledby="drill-title" className="screen">
      <h1 id="drill-title">Drill mode</h1>
      <p className="muted">Practise on the sandbox org on this machine before a real incident. Nothing here reaches a real Okta org.</p>
      <ErrorNotice error={error ?? status.error ?? drills.error} onDismiss={() => setError(null)} />

      <ol className="steps">
        <li className="card">
          <h2>Start the sandbox</h2>
          {view.running ? (
            <p>
              Running at <code>{view.orgUrl}</code> (seed {view.seed}), connection <strong>{view.connectionName}</strong>.{' '}
              <button type="button" onClick={() => void restart()} disabled={busy !== null || job.running}>
                Stop the sandbox
              </button>
            </p>
          ) : (
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void act('start', async () => setSandbox(await callApi('startSandbox', {})))}>
              {busy === 'start' ? 'Starting…' : 'Start the sandbox'}
            </button>
          )}
        </li>

        <li className="card">
          <h2>Take a snapshot before the drill</h2>
          {baseline && (
            <p>
              Using snapshot #{baseline.id} of {baseline.connectionName}, {baseline.resourceCount} resources.
            </p>
          )}
          {run === null && (
            <button type="button" className={baseline ? '' : 'primary'} disabled={!view.running || busy !== null} onClick={() => void snapshot('before drill', setBefore)}>
              {baseline ? 'Take a new “before” snapshot' : 'Take the “before” snapshot'}
            </button>
          )}
        </li>

        <li className="card">
          <h2>Apply a drill</h2>
          <fieldset disabled={!view.running || baseline === null || busy !== null}>
            <legend className="visually-hidden">Drill</legend>
            {(drills.value ?? []).map((entry) => (
              <label key={entry.name} className="drill-option">
                <input type="radio" name="drill" value={entry.name} checked={drill === entry.name} onChange={() => setChosen(entry.name)} />
                <span>
                  <strong>{entry.title}</strong> <code>{entry.name}</code>
                  <br />
                  <span className="muted">{entry.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="primary" disabled={!view.running || baseline === null || drill === null || busy !== null || run !== null} onClick={() => void act('drill', async () => setRun(await callApi('applyDrill', { name: drill ?? '' })))}>
            {busy === 'drill' ? 'Applying…' : 'Apply the drill'}
          </button>
          {run && (
            <div role="status">
              <p>
                Drill {run.drill} sent {run.requestCount} requests and changed:
              </p>
              <ul>
                {run.touched.map((touched) => (
                  <li key={`${touched.kind}:${touched.id}:${touched.change}`}>
                    {touched.change} {touched.kind} {touched.name}: {touched.detail}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </li>

        <li className="card">
          <h2>Take a snapshot after the drill</h2>
          {after ? <p>Snapshot #{after.id} taken, {after.resourceCount} resources.</p> : (
            <button type="button" className="primary" disabled={run === null || busy !== null} onClick={() => void snapshot('after drill', setAfter)}>
              Take the “after” snapshot
            </button>
          )}
        </li>

        <li className="card">
          <h2>Compare</h2>
          <button type="button" className="primary" disabled={baseline === null || after === null || connectionName === null} onClick={() => baseline && after && connectionName && onCompare(connectionName, baseline.id, after.id)}>
            Compare the two snapshots
          </button>
        </li>

        <li className="card">
          <h2>Restore</h2>
          <p className="muted">Put the sandbox back as it was before the drill, through the same wizard as for a real org: scope, dry run, typed confirmation, execution and verification.</p>
          <button type="button" className="primary" disabled={baseline === null || run === null || connectionName === null} onClick={() => baseline && connectionName && onRestore(connectionName, baseline.id)}>
            {baseline ? `Restore snapshot #${baseline.id} with the wizard` : 'Restore with the wizard'}
          </button>
        </li>
      </ol>
      {job.running && <CaptureProgress progress={job.progress} onCancel={job.cancel} />}
    </section>
  );
}
