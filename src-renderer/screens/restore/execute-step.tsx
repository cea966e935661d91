import type { CaptureProgressView } from '../../../src-shared/ipc/ipc-views.js';
import type { RestoreOutcomeView, RestoreStepEventView } from '../../../src-shared/ipc/restore-views.js';
import type { PlanStep } from '../../../src-shared/restore/restore-plan.js';

type StepState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

const STATE_TEXT: Record<StepState, string> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed', skipped: 'not run' };

/**
 * Per-step progress of an execution: the capture first, then each step's state from the
 * events, and once the call returns, from the outcome, which is the final word.
 */
export function ExecuteStep({ steps, events, capture, outcome, running, cancelling, onCancel }: {
  steps: PlanStep[];
  events: RestoreStepEventView[];
  capture: CaptureProgressView | null;
  outcome: RestoreOutcomeView | null;
  running: boolean;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const states = stepStates(steps, events, outcome);
  const done = [...states.values()].filter((state) => state === 'done').length;
  const started = events.length > 0;
  return (
    <div className="card" role="region" aria-labelledby="execute-title">
      <h2 id="execute-title">{running ? 'Restoring…' : `Restore ${outcome?.restore.id ?? ''} ${outcome?.status === 'succeeded' ? 'finished' : 'stopped'}`}</h2>
      <div aria-live="polite">
        {running && !started && (
          <p>
            Capturing the org as the pre-restore snapshot (the undo point): {capture?.sectionsDone ?? 0} of {capture?.sectionsTotal ?? '…'} sections.
          </p>
        )}
        <label className="progress-label">
          {done} of {steps.length} steps done
          <progress max={Math.max(steps.length, 1)} value={done} />
        </label>
      </div>
      <ol className="execution-steps">
        {steps.map((step) => {
          const state = states.get(step.index) ?? 'waiting';
          return (
            <li key={step.key} className={`execution-step state-${state}`}>
              <span className={`badge ${state === 'done' ? 'ok' : state === 'failed' ? 'bad' : ''}`}>{STATE_TEXT[state]}</span> {step.description}{' '}
              <code>
                {step.request.method} {step.request.path}
              </code>
            </li>
          );
        })}
      </ol>
      {running && (
        <button type="button" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling after the current step…' : 'Cancel'}
        </button>
      )}
      {running && <p className="muted">Cancel stops before the next step; the step under way finishes first. Steps already done stay done, and the journal lets you resume.</p>}
    </div>
  );
}

const OUTCOME_STATE: Record<RestoreOutcomeView['steps'][number]['state'], StepState> = { succeeded: 'done', 'succeeded-earlier': 'done', failed: 'failed', 'not-run': 'skipped' };

function stepStates(steps: PlanStep[], events: RestoreStepEventView[], outcome: RestoreOutcomeView | null): Map<number, StepState> {
  const states = new Map<number, StepState>(steps.map((step) => [step.index, 'waiting']));
  for (const event of events) {
    if (event.type === 'step-started' || event.type === 'step-lookup' || event.type === 'rate-limit-wait') states.set(event.step.index, 'running');
    if (event.type === 'step-succeeded') states.set(event.step.index, 'done');
    if (event.type === 'step-failed') states.set(event.step.index, 'failed');
    if (event.type === 'step-skipped') states.set(event.step.index, event.reason === 'succeeded-earlier' ? 'done' : 'skipped');
  }
  for (const step of outcome?.steps ?? []) {
    states.set(step.index, OUTCOME_STATE[step.state]);
  }
  return states;
}
