import { headlineFor } from '../../../src-shared/diff/headline.js';
import type { PlanStep, RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import { scopeText } from '../../../src-shared/restore/scope-parsing.js';

/** Shows the dry run of a restore: impact, every request with its body and the findings it reverses, then what is left to a person. */
export function PlanView({ plan }: { plan: RestorePlan }) {
  const headline = headlineFor(plan.impact, { before: { label: 'live', complete: true }, after: { label: plan.desired.label, complete: true } });
  return (
    <div className="plan-view">
      {plan.blockers.length > 0 && (
        <div className="notice notice-error" role="alert" aria-labelledby="blockers-title">
          <h2 id="blockers-title">Blocked: this plan will not run</h2>
          <ul>
            {plan.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
          <p className="notice-next">
            <strong>What to do: </strong>narrow the scope, or tick the threshold override below if this loss of access is what the snapshot intends, then run the dry run again.
          </p>
        </div>
      )}
      <div className="card" role="region" aria-labelledby="plan-impact-title">
        <h2 id="plan-impact-title">Impact once the plan has run</h2>
        <ul className="headline">
          {headline.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="muted">
          Snapshot #{plan.desired.label} into <code>{plan.live.orgUrl}</code> as captured at {plan.live.takenAt}. Scope: <code>{plan.scope.map(scopeText).join(', ')}</code>.
          {Object.keys(plan.idMatches).length > 0 ? ` ${Object.keys(plan.idMatches).length} objects were matched by name in the target org.` : ''}
        </p>
        <p>
          <strong>Threshold:</strong> {plan.threshold.message}
        </p>
      </div>

      <div className="card" role="region" aria-labelledby="plan-steps-title">
        <h2 id="plan-steps-title">{plan.steps.length === 0 ? 'Steps: none, the scope already matches the snapshot' : `Steps (${plan.steps.length})`}</h2>
        <ol className="plan-steps">
          {plan.steps.map((step) => (
            <StepItem key={step.key} step={step} />
          ))}
        </ol>
      </div>

      <ItemList
        title="Manual steps (the API cannot do these)"
        items={plan.manualSteps.map((step) => ({ key: `${step.kind}:${step.resourceId}:${step.title}`, text: `${step.title}, in ${step.where}: ${step.instructions.join(' ')}` }))}
      />
      <ItemList
        title="Left in place"
        items={plan.leftInPlace.map((item) => ({ key: `${item.kind}:${item.resourceId}:${item.paths.join(',')}`, text: `${item.kind} ${item.name}${item.paths.length > 0 ? ` (${item.paths.join(', ')})` : ''}: ${item.reason}` }))}
      />
      <ItemList title="Warnings" items={plan.warnings.map((warning, index) => ({ key: `${warning.code}:${index}`, text: warning.message }))} />
    </div>
  );
}

function StepItem({ step }: { step: PlanStep }) {
  return (
    <li className="plan-step">
      <p>
        <strong>{step.description}</strong>
        {step.flags.map((flag) => (
          <span key={flag} className="badge bad">
            {flag}
          </span>
        ))}
      </p>
      <p>
        <code className="request-line">
          {step.request.method} {step.request.path}
        </code>
      </p>
      {step.request.body !== undefined && (
        <details open>
          <summary>Request body</summary>
          <pre className="request-body">{JSON.stringify(step.request.body, null, 2)}</pre>
        </details>
      )}
      {step.reverses.length > 0 && (
        <ul className="reverses">
          {step.reverses.map((sentence) => (
            <li key={sentence}>Reverses: {sentence}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ItemList({ title, items }: { title: string; items: { key: string; text: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div className="card" role="region" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </div>
  );
}
