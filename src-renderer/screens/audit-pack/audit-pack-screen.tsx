import { useState, type FormEvent } from 'react';
import type { FrameworkId } from '../../../src-shared/audit/framework-catalog.js';
import type { AuditPackExportView } from '../../../src-shared/ipc/audit-pack-views.js';
import type { ConnectionView } from '../../../src-shared/ipc/ipc-views.js';
import { asApiError, callApi, type ApiError } from '../../api/butterfly-client.js';
import { useAuditPackJob } from '../../api/use-audit-pack-job.js';
import { useLoad } from '../../api/use-async.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { defaultPeriod, formProblems, FRAMEWORK_CHOICES, type AuditPackForm } from './audit-pack-form.js';
import { ExportProgress } from './export-progress.js';
import { ExportResult } from './export-result.js';

/**
 * Exports an Audit Pack: the form takes connections, period, frameworks and the names on the
 * cover. Main then opens its save dialog, and the screen shows progress with Cancel and the
 * written file's path, size, pages and hash.
 */
export function AuditPackScreen({ connectionName }: { connectionName: string | null }) {
  const connections = useLoad(() => callApi('listConnections', {}), []);
  const job = useAuditPackJob();
  const [form, setForm] = useState<Omit<AuditPackForm, 'connectionNames'>>(() => ({ ...defaultPeriod(new Date()), frameworks: ['soc2', 'iso27001', 'hipaa'], preparedBy: '', organisation: '' }));
  const [picked, setPicked] = useState<string[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<AuditPackExportView | null>(null);

  const available = connections.value ?? [];
  const connectionNames = picked ?? initialConnections(available, connectionName);
  const update = (change: Partial<typeof form>): void => setForm((previous) => ({ ...previous, ...change }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const entered: AuditPackForm = { ...form, connectionNames };
    const found = formProblems(entered);
    setProblems(found);
    if (found.length > 0) return;

    setError(null);
    setResult(null);
    try {
      const organisation = entered.organisation.trim();
      const written = await job.run((jobId) =>
        callApi('exportAuditPack', {
          jobId,
          connectionNames: entered.connectionNames,
          from: entered.from,
          to: entered.to,
          frameworks: entered.frameworks,
          preparedBy: entered.preparedBy.trim(),
          ...(organisation === '' ? {} : { organisation }),
        }),
      );
      setResult(written);
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <section aria-labelledby="audit-pack-title" className="screen">
      <h1 id="audit-pack-title">Audit Pack</h1>
      <p className="muted">
        A PDF of the evidence of how Okta gated the Atlassian stack during a period, drawn from the vault alone: policies, provisioning, who had which product,
        changes, restores and the snapshot hashes, mapped to the controls of the frameworks you choose.
      </p>
      <ErrorNotice error={error ?? connections.error} onDismiss={() => setError(null)} />
      {connections.value !== undefined && available.length === 0 && <p className="muted">No connection yet: add one under Connections and take a snapshot first.</p>}

      {available.length > 0 && (
        <form className="card audit-pack-form" onSubmit={(event) => void submit(event)} aria-describedby={problems.length > 0 ? 'audit-pack-problems' : undefined}>
          <fieldset className="field" disabled={job.running}>
            <legend>Connections</legend>
            {available.map((connection) => (
              <label key={connection.name} className="checkbox">
                <input
                  type="checkbox"
                  checked={connectionNames.includes(connection.name)}
                  onChange={(event) => setPicked(toggle(connectionNames, connection.name, event.target.checked))}
                />{' '}
                {connection.name} <span className="muted">({connection.orgUrl}, {connection.snapshotCount} snapshots)</span>
              </label>
            ))}
          </fieldset>

          <fieldset className="field" disabled={job.running}>
            <legend>Period</legend>
            <div className="period">
              <label>
                From
                <input type="date" value={form.from} onChange={(event) => update({ from: event.target.value })} required />
              </label>
              <label>
                To
                <input type="date" value={form.to} onChange={(event) => update({ to: event.target.value })} required />
              </label>
            </div>
            <p className="muted field-help">Whole days in UTC, both included. The pack starts from the last snapshot taken at or before the first day.</p>
          </fieldset>

          <fieldset className="field" disabled={job.running}>
            <legend>Frameworks</legend>
            {FRAMEWORK_CHOICES.map((choice) => (
              <label key={choice.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.frameworks.includes(choice.id)}
                  onChange={(event) => update({ frameworks: toggleFramework(form.frameworks, choice.id, event.target.checked) })}
                />{' '}
                {choice.label} <span className="muted">({choice.controls})</span>
              </label>
            ))}
          </fieldset>

          <div className="two-columns">
            <div className="field">
              <label htmlFor="audit-prepared-by">Prepared by</label>
              <input id="audit-prepared-by" value={form.preparedBy} maxLength={200} autoComplete="name" disabled={job.running} onChange={(event) => update({ preparedBy: event.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="audit-organisation">Organisation (optional)</label>
              <input
                id="audit-organisation"
                value={form.organisation}
                maxLength={200}
                placeholder="the connections' org URLs"
                autoComplete="organization"
                disabled={job.running}
                onChange={(event) => update({ organisation: event.target.value })}
              />
            </div>
          </div>

          {problems.length > 0 && (
            <div id="audit-pack-problems" className="notice notice-error" role="alert">
              <ul>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={job.running}>
              Export the Audit Pack…
            </button>
          </div>
          <p className="muted field-help">Butterfly asks where to save the PDF, then re-verifies the vault and writes the pack. An existing file you choose is replaced.</p>
        </form>
      )}

      {job.running && <ExportProgress progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} />}
      {result && <ExportResult result={result} />}
    </section>
  );
}

/** Returns the connection chosen on another screen, else the first saved one. */
function initialConnections(available: ConnectionView[], preferred: string | null): string[] {
  if (preferred !== null && available.some((connection) => connection.name === preferred)) return [preferred];
  const first = available[0];
  return first === undefined ? [] : [first.name];
}

function toggle(names: string[], name: string, checked: boolean): string[] {
  return checked ? [...names.filter((candidate) => candidate !== name), name] : names.filter((candidate) => candidate !== name);
}

/** Keeps the frameworks in catalog order, the order the pack prints them in. */
function toggleFramework(ids: FrameworkId[], id: FrameworkId, checked: boolean): FrameworkId[] {
  const next = new Set(ids);
  if (checked) next.add(id);
  else next.delete(id);
  return FRAMEWORK_CHOICES.map((choice) => choice.id).filter((candidate) => next.has(candidate));
}
