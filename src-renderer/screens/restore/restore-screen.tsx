import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../../src-shared/restore/restore-plan.js';
import type { RestoreOutcomeView, RestorePlanView, SnapshotAppView } from '../../../src-shared/ipc/restore-views.js';
import { asApiError, callApi, type ApiError } from '../../api/butterfly-client.js';
import { useLoad } from '../../api/use-async.js';
import { useRestoreJob } from '../../api/use-restore-job.js';
import { CaptureProgress } from '../../components/capture-progress.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { ConfirmStep } from './confirm-step.js';
import { ExecuteStep } from './execute-step.js';
import { PlanOptionsForm } from './plan-options.js';
import { PlanView } from './plan-view.js';
import { ResultStep } from './result-step.js';
import { buildScopeTree, preselect, scopeEntries, type ScopeKindNode } from './scope-tree.js';
import { ScopeStep } from './scope-step.js';
import { SourceStep } from './source-step.js';

/** Starting point another screen hands the wizard: the org and the snapshot to restore, so it opens at the scope step. */
export interface RestorePrefill {
  connectionName: string;
  snapshotId: number;
}

type WizardStep = 'source' | 'scope' | 'dry-run' | 'confirm' | 'execute' | 'result';

const STEPS: { id: WizardStep; title: string }[] = [
  { id: 'source', title: 'Snapshot' },
  { id: 'scope', title: 'Scope' },
  { id: 'dry-run', title: 'Dry run' },
  { id: 'confirm', title: 'Confirm' },
  { id: 'execute', title: 'Execute' },
  { id: 'result', title: 'Result' },
];

/** Steps the user may go back to; from the execution on, the journal is the way back. */
const REVISITABLE: ReadonlySet<WizardStep> = new Set(['source', 'scope', 'dry-run']);

interface RestoreScreenProps {
  connectionName: string | null;
  onConnectionChange: (name: string) => void;
  prefill: RestorePrefill | null;
  onOpenJournal: (restoreId: string) => void;
  /** Opens the wizard afresh on another snapshot: the undo. */
  onRestoreSnapshot: (prefill: RestorePrefill) => void;
}

/**
 * Shows the restore wizard: choose the snapshot, choose the scope among the differences with the
 * live org, read the dry run, type the org's domain, execute with per-step progress, and read
 * the verification with the way to undo.
 */
export function RestoreScreen({ connectionName, onConnectionChange, prefill, onOpenJournal, onRestoreSnapshot }: RestoreScreenProps) {
  const connections = useLoad(() => callApi('listConnections', {}), []);
  const selectedConnection = prefill?.connectionName ?? connectionName ?? connections.value?.[0]?.name ?? null;
  const [snapshotId, setSnapshotId] = useState<number | null>(prefill?.snapshotId ?? null);
  const [step, setStep] = useState<WizardStep>('source');
  const [tree, setTree] = useState<ScopeKindNode[]>([]);
  const [apps, setApps] = useState<SnapshotAppView[]>([]);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [wholeApps, setWholeApps] = useState<string[]>([]);
  const [options, setOptions] = useState<PlanOptions>(DEFAULT_PLAN_OPTIONS);
  const [planned, setPlanned] = useState<{ view: RestorePlanView; options: PlanOptions } | null>(null);
  const [outcome, setOutcome] = useState<RestoreOutcomeView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const job = useRestoreJob();
  const heading = useRef<HTMLHeadingElement>(null);
  const entries = scopeEntries(tree, selection, wholeApps);

  useEffect(() => heading.current?.focus(), [step]);

  const attempt = async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const loadScope = (id: number) =>
    attempt(async () => {
      const diff = await job.run((jobId) => callApi('compareSnapshots', { jobId, beforeId: id, after: 'live' }));
      const nextTree = buildScopeTree(diff);
      setApps(await callApi('listSnapshotApps', { snapshotId: id }));
      setTree(nextTree);
      setSelection(preselect(nextTree));
      setWholeApps([]);
      setPlanned(null);
      setStep('scope');
    });

  // A prefill (from drill mode, compare or an undo) opens the scope step directly.
  useEffect(() => {
    if (prefill !== null) void loadScope(prefill.snapshotId);
  }, []);

  const dryRun = () =>
    attempt(async () => {
      if (selectedConnection === null || snapshotId === null) return;
      const view = await job.run((jobId) => callApi('planRestore', { jobId, connectionName: selectedConnection, snapshotId, scope: entries, options }));
      setPlanned({ view, options });
      setStep('dry-run');
    });

  const execute = (confirm: string) =>
    attempt(async () => {
      if (selectedConnection === null || snapshotId === null || planned === null) return;
      setOutcome(null);
      setStep('execute');
      try {
        setOutcome(await job.run((jobId) => callApi('executeRestore', { jobId, connectionName: selectedConnection, snapshotId, scope: planned.view.plan.scope, options: planned.options, confirm })));
      } catch (caught) {
        setStep('confirm');
        throw caught;
      }
    });

  const resume = (restoreId: string) =>
    attempt(async () => {
      setStep('execute');
      setOutcome(await job.run((jobId) => callApi('resumeRestore', { jobId, restoreId })));
    });

  const optionsChanged = planned !== null && JSON.stringify(planned.options) !== JSON.stringify(options);
  const current = STEPS.findIndex((entry) => entry.id === step);

  return (
    <section aria-labelledby="restore-title" className="screen restore-screen">
      <h1 id="restore-title">Restore</h1>
      <nav aria-label="Restore steps">
        <ol className="wizard-steps">
          {STEPS.map((entry, index) => (
            <li key={entry.id} aria-current={entry.id === step ? 'step' : undefined} className={index < current ? 'done' : ''}>
              {index < current && REVISITABLE.has(entry.id) && !job.running && current < 4 ? (
                <button type="button" className="link-button" onClick={() => setStep(entry.id)}>
                  {index + 1}. {entry.title}
                </button>
              ) : (
                <span>
                  {index + 1}. {entry.title}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="step-title" ref={heading} tabIndex={-1}>
        Step {current + 1} of {STEPS.length}: {STEP_HEADINGS[step]}
      </h2>
      <ErrorNotice error={error ?? connections.error} onDismiss={() => setError(null)} />

      {step === 'source' && (
        <SourceStep
          connections={connections.value ?? []}
          connectionName={selectedConnection}
          snapshotId={snapshotId}
          busy={job.running}
          onConnectionChange={(name) => {
            setSnapshotId(null);
            onConnectionChange(name);
          }}
          onSnapshotChange={setSnapshotId}
          onNext={(id) => void loadScope(id)}
        />
      )}
      {job.running && step !== 'execute' && <CaptureProgress progress={job.capture} onCancel={job.cancel} />}

      {step === 'scope' && snapshotId !== null && (
        <>
          <ScopeStep tree={tree} apps={apps} selection={selection} wholeApps={wholeApps} snapshotId={snapshotId} onSelectionChange={setSelection} onWholeAppsChange={setWholeApps} />
          <div className="actions">
            <button type="button" className="primary" disabled={entries.length === 0 || job.running} onClick={() => void dryRun()}>
              Run the dry run
            </button>
            <span className="muted">{entries.length === 0 ? 'Choose at least one resource, field or app.' : `${entries.length} scope entries. The dry run captures the org and sends nothing.`}</span>
          </div>
        </>
      )}

      {step === 'dry-run' && planned !== null && (
        <>
          <PlanView plan={planned.view.plan} />
          <PlanOptionsForm options={options} onChange={setOptions} disabled={job.running} />
          <div className="actions">
            <button type="button" onClick={() => void dryRun()} disabled={job.running}>
              Run the dry run again
            </button>
            <button
              type="button"
              className="primary"
              disabled={optionsChanged || job.running || planned.view.plan.blockers.length > 0 || planned.view.plan.steps.length === 0}
              onClick={() => setStep('confirm')}
            >
              Continue to confirmation
            </button>
            {optionsChanged && <span className="muted">The options changed: run the dry run again to see their effect before you continue.</span>}
          </div>
        </>
      )}

      {step === 'confirm' && planned !== null && (
        <ConfirmStep plan={planned.view.plan} confirmation={planned.view.confirmation} connectionName={selectedConnection ?? ''} busy={job.running} onExecute={(confirm) => void execute(confirm)} onBack={() => setStep('dry-run')} />
      )}

      {step === 'execute' && (
        <>
          <ExecuteStep
            steps={(outcome?.plan ?? planned?.view.plan)?.steps ?? []}
            events={job.steps}
            capture={job.capture}
            outcome={outcome}
            running={job.running}
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
          {outcome !== null && !job.running && (
            <button type="button" className="primary" onClick={() => setStep('result')}>
              Show the verification
            </button>
          )}
        </>
      )}

      {step === 'result' && outcome !== null && (
        <ResultStep
          outcome={outcome}
          busy={job.running}
          onResume={() => void resume(outcome.restore.id)}
          onOpenJournal={() => onOpenJournal(outcome.restore.id)}
          onUndo={() => outcome.undo && onRestoreSnapshot({ connectionName: outcome.undo.connectionName, snapshotId: outcome.undo.snapshotId })}
        />
      )}
    </section>
  );
}

const STEP_HEADINGS: Record<WizardStep, string> = {
  source: 'choose the snapshot to restore from',
  scope: 'choose what to put back',
  'dry-run': 'read the plan (nothing sent yet)',
  confirm: "confirm with the org's domain",
  execute: 'execute',
  result: 'verification',
};
