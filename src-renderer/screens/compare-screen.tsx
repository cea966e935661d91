import { lazy, Suspense, useMemo, useState } from 'react';
import { SEVERITY_ORDER, type Finding, type ResourceChange, type Severity } from '../../src-shared/diff/diff-types.js';
import type { CompareView } from '../../src-shared/ipc/ipc-views.js';
import { asApiError, callApi, type ApiError } from '../api/butterfly-client.js';
import { useLoad } from '../api/use-async.js';
import { useJob } from '../api/use-job.js';
import { CaptureProgress } from '../components/capture-progress.js';
import { ConnectionPicker } from '../components/connection-picker.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatTime } from '../components/format.js';

const JsonDiffEditor = lazy(() => import('../editor/json-diff-editor.js'));

/**
 * Changed paths named above a resource's diff. The rest are counted, because a group that lost
 * hundreds of members would otherwise push the diff editor a screen or more down the page.
 */
const LISTED_PATHS = 10;

/** The two sides to compare, as chosen on another screen. */
export interface CompareSelection {
  beforeId: number;
  after: number | 'live';
}

interface CompareProps {
  connectionName: string | null;
  onConnectionChange: (name: string) => void;
  selection: CompareSelection | null;
  /** Opens the restore wizard on a snapshot of a connection. */
  onRestore: (connectionName: string, snapshotId: number) => void;
}

/** Compares two snapshots, or a snapshot with the live org: impact first, then findings by kind, then the JSON diff of a chosen resource. */
export function CompareScreen({ connectionName, onConnectionChange, selection, onRestore }: CompareProps) {
  const connections = useLoad(() => callApi('listConnections', {}), []);
  const selected = connectionName ?? connections.value?.[0]?.name ?? null;
  const snapshots = useLoad(() => (selected === null ? Promise.resolve([]) : callApi('listSnapshots', { connectionName: selected })), [selected]);
  const list = snapshots.value ?? [];
  const [beforeId, setBeforeId] = useState<number | null>(selection?.beforeId ?? null);
  const [after, setAfter] = useState<number | 'live' | null>(selection?.after ?? null);
  const [result, setResult] = useState<CompareView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const job = useJob();

  const effectiveBefore = beforeId ?? list.at(-2)?.id ?? list.at(-1)?.id ?? null;
  const effectiveAfter = after ?? list.at(-1)?.id ?? null;

  const compare = async (): Promise<void> => {
    if (effectiveBefore === null || effectiveAfter === null) return;
    setError(null);
    setResult(null);
    try {
      setResult(await job.run((jobId) => callApi('compareSnapshots', { jobId, beforeId: effectiveBefore, after: effectiveAfter })));
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const sideOptions = list.map((snapshot) => (
    <option key={snapshot.id} value={snapshot.id}>
      #{snapshot.id} {formatTime(snapshot.takenAt)}
      {snapshot.label ? ` “${snapshot.label}”` : ''}
      {snapshot.complete ? '' : ' (incomplete)'}
    </option>
  ));

  return (
    <section aria-labelledby="compare-title" className="screen compare-screen">
      <h1 id="compare-title">Compare</h1>
      <ErrorNotice error={error ?? connections.error ?? snapshots.error} onDismiss={() => setError(null)} />
      {connections.value !== undefined && connections.value.length > 0 && (
        <div className="toolbar">
          <ConnectionPicker
            connections={connections.value}
            value={selected}
            onChange={(name) => {
              setBeforeId(null);
              setAfter(null);
              setResult(null);
              onConnectionChange(name);
            }}
          />
          <div className="field inline">
            <label htmlFor="compare-before">Before</label>
            <select id="compare-before" value={effectiveBefore ?? ''} onChange={(event) => setBeforeId(Number(event.target.value))}>
              {sideOptions}
            </select>
          </div>
          <div className="field inline">
            <label htmlFor="compare-after">After</label>
            <select id="compare-after" value={effectiveAfter ?? ''} onChange={(event) => setAfter(event.target.value === 'live' ? 'live' : Number(event.target.value))}>
              {sideOptions}
              <option value="live">The live org (captured now, not stored)</option>
            </select>
          </div>
          <button type="button" className="primary" onClick={() => void compare()} disabled={job.running || effectiveBefore === null || effectiveAfter === null}>
            Compare
          </button>
        </div>
      )}
      {list.length === 0 && !snapshots.loading && <p className="muted">No snapshot of this connection yet: take one under Snapshots first.</p>}
      {job.running && <CaptureProgress progress={job.progress} onCancel={job.cancel} />}
      {result && selected !== null && (
        <div className="actions restore-offer">
          <button type="button" onClick={() => onRestore(selected, Number(result.before.label))}>
            Restore snapshot #{result.before.label} into {selected}
          </button>
          <span className="muted">Opens the restore wizard on the differences between snapshot #{result.before.label} and the live org.</span>
        </div>
      )}
      {result && <CompareResult result={result} />}
    </section>
  );
}

function CompareResult({ result }: { result: CompareView }) {
  const [minimum, setMinimum] = useState<Severity>('low');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const rank = SEVERITY_ORDER.indexOf(minimum);
  const findings = result.findings.filter((finding) => SEVERITY_ORDER.indexOf(finding.severity) <= rank);
  const groups = useMemo(() => groupByKind(findings), [findings]);
  const changeByKey = useMemo(() => new Map(result.changes.map((change) => [`${change.kind}:${change.id}`, change])), [result.changes]);
  const selected = selectedKey === null ? undefined : changeByKey.get(selectedKey);
  const afterName = result.after.label === 'live' ? 'the live org' : `snapshot ${result.after.label}`;

  return (
    <>
      <div className="card impact" role="region" aria-labelledby="impact-title">
        <h2 id="impact-title">
          Impact: snapshot {result.before.label} → {afterName}
        </h2>
        <ul className="headline">
          {result.headline.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="muted">
          {result.counts.added} added, {result.counts.removed} removed, {result.counts.changed} changed, {result.counts.unchanged} unchanged resources.
          {!result.before.complete || !result.after.complete ? ' One side is incomplete: sections that failed may hide changes.' : ''}
        </p>
      </div>

      <div className="compare-body">
        <div className="card findings" role="region" aria-labelledby="findings-title">
          <div className="findings-head">
            <h2 id="findings-title">Findings ({findings.length})</h2>
            <div className="field inline">
              <label htmlFor="severity-filter">Show</label>
              <select id="severity-filter" value={minimum} onChange={(event) => setMinimum(event.target.value as Severity)}>
                {SEVERITY_ORDER.map((severity) => (
                  <option key={severity} value={severity}>
                    {severity === 'low' ? 'all severities' : `${severity} and above`}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {findings.length === 0 && <p className="muted">{result.findings.length === 0 ? 'No changes.' : 'No finding at this severity.'}</p>}
          {groups.map(([kind, kindFindings]) => (
            <section key={kind} aria-label={`Findings on ${kind}`}>
              <h3>{kind}</h3>
              <ul className="finding-list">
                {kindFindings.map((finding, index) => {
                  const change = changeFor(finding, changeByKey);
                  const key = change ? `${change.kind}:${change.id}` : null;
                  return (
                    <li key={`${finding.code}:${index}`}>
                      <button type="button" className={`finding ${key !== null && key === selectedKey ? 'selected' : ''}`} disabled={key === null} aria-pressed={key !== null && key === selectedKey} onClick={() => setSelectedKey(key)}>
                        <span className={`badge severity-${finding.severity}`}>{finding.severity}</span> {finding.sentence}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          <details>
            <summary>Every changed resource ({result.changes.length})</summary>
            <ul className="finding-list">
              {result.changes.map((change) => {
                const key = `${change.kind}:${change.id}`;
                return (
                  <li key={key}>
                    <button type="button" className={`finding ${key === selectedKey ? 'selected' : ''}`} aria-pressed={key === selectedKey} onClick={() => setSelectedKey(key)}>
                      <span className="badge">{change.change}</span> {change.kind} {change.name}
                    </button>
                  </li>
                );
              })}
            </ul>
          </details>
        </div>
        <ResourceDiff change={selected} />
      </div>
    </>
  );
}

function ResourceDiff({ change }: { change: ResourceChange | undefined }) {
  if (change === undefined) {
    return (
      <div className="card diff-panel">
        <p className="muted">Select a finding or a changed resource to see its JSON side by side.</p>
      </div>
    );
  }
  const label = `Changes to ${change.kind} ${change.name}`;
  return (
    <div className="card diff-panel" role="region" aria-label="Resource diff">
      <h2>
        {change.kind} {change.name} <span className="badge">{change.change}</span>
      </h2>
      {change.changedPaths.length > 0 && (
        <p className="muted">
          Changed fields: <code>{change.changedPaths.slice(0, LISTED_PATHS).join(', ')}</code>
          {change.changedPaths.length > LISTED_PATHS && ` and ${change.changedPaths.length - LISTED_PATHS} more`}
        </p>
      )}
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <JsonDiffEditor before={change.beforeText} after={change.afterText} label={label} />
      </Suspense>
    </div>
  );
}

/** Groups findings by kind, the kind with the most severe finding first. */
function groupByKind(findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.kind, [...(groups.get(finding.kind) ?? []), finding]);
  const worst = (entries: Finding[]): number => Math.min(...entries.map((entry) => SEVERITY_ORDER.indexOf(entry.severity)));
  return [...groups.entries()].sort(([kindA, a], [kindB, b]) => worst(a) - worst(b) || kindA.localeCompare(kindB));
}

function changeFor(finding: Finding, changes: Map<string, ResourceChange>): ResourceChange | undefined {
  for (const id of finding.resourceIds) {
    const change = changes.get(`${finding.kind}:${id}`);
    if (change) return change;
  }
  return undefined;
}
