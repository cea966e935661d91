import { useState } from 'react';
import type { RestorePlan } from '../../../src-shared/restore/restore-plan.js';

/**
 * Asks for the org's domain before any request is sent. The button stays disabled until the
 * typed text matches, and main checks it again, so this check only guides the user.
 */
export function ConfirmStep({ plan, confirmation, connectionName, busy, onExecute, onBack }: {
  plan: RestorePlan;
  confirmation: string;
  connectionName: string;
  busy: boolean;
  onExecute: (confirm: string) => void;
  onBack: () => void;
}) {
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === confirmation.toLowerCase();
  return (
    <form
      className="card confirm-step"
      onSubmit={(event) => {
        event.preventDefault();
        if (matches && !busy) onExecute(typed);
      }}
    >
      <p>
        This sends <strong>{plan.steps.length} requests</strong> to <code>{plan.live.orgUrl}</code> (connection {connectionName}) to put back the scope of snapshot #{plan.desired.label}. First the org is captured and stored as
        the pre-restore snapshot, the point an undo returns to. Every step is journaled, and the run stops at the first failure.
      </p>
      <p>The org is captured again just before the steps run: if it changed since the dry run, the steps follow the new state.</p>
      <div className="field">
        <label htmlFor="confirm-domain">
          Type the org's domain, <code>{confirmation}</code>, to confirm
        </label>
        <input id="confirm-domain" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} aria-describedby="confirm-hint" />
        <span id="confirm-hint" className="muted">
          {typed === '' ? 'The execute button unlocks once the domain matches.' : matches ? 'The domain matches.' : 'This does not match the domain yet.'}
        </span>
      </div>
      <div className="actions">
        <button type="button" onClick={onBack} disabled={busy}>
          Back to the dry run
        </button>
        <button type="submit" className="primary danger" disabled={!matches || busy}>
          Execute the restore
        </button>
      </div>
    </form>
  );
}
