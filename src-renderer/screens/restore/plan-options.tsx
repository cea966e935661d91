import type { PlanOptions } from '../../../src-shared/restore/restore-plan.js';

/** The plan options the wizard offers, with what each one does spelled out. */
export function PlanOptionsForm({ options, onChange, disabled }: { options: PlanOptions; onChange: (next: PlanOptions) => void; disabled: boolean }) {
  const set = <K extends keyof PlanOptions>(key: K, value: PlanOptions[K]): void => onChange({ ...options, [key]: value });
  return (
    <fieldset className="card plan-options" disabled={disabled}>
      <legend>Options</legend>
      <label className="checkbox">
        <input type="checkbox" checked={options.allowDeletes} onChange={(event) => set('allowDeletes', event.target.checked)} /> Allow deletes
        <span className="muted option-help"> Deletes objects in the scope that the snapshot lacks, such as a group rule added during the incident. Only sections captured complete are considered.</span>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={options.restoreSigningKey} onChange={(event) => set('restoreSigningKey', event.target.checked)} /> Restore the SAML signing key
        <span className="muted option-help">
          {' '}
          Switches the app's active signing key back to the snapshot's. Atlassian must trust that key's certificate: if Atlassian holds the current certificate, single sign-on into Atlassian fails for everyone until the snapshot's certificate is uploaded there.
        </span>
      </label>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="threshold-users">Block above this many users losing a product</label>
          <input id="threshold-users" type="number" min={0} step={1} value={options.thresholdUsers} onChange={(event) => set('thresholdUsers', Math.max(0, Math.round(Number(event.target.value) || 0)))} />
        </div>
        <div className="field inline">
          <label htmlFor="threshold-percent">…or this percentage of the app's users</label>
          <input id="threshold-percent" type="number" min={0} max={100} step={1} value={options.thresholdPercent} onChange={(event) => set('thresholdPercent', Math.min(100, Math.max(0, Number(event.target.value) || 0)))} />
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={options.overrideThreshold} onChange={(event) => set('overrideThreshold', event.target.checked)} /> Override the threshold
        <span className="muted option-help"> Runs the restore even when more users than the threshold would lose access. Use it only when that loss is what the snapshot intends.</span>
      </label>
    </fieldset>
  );
}
