import { useEffect, useRef, type ReactNode } from 'react';
import type { SnapshotAppView } from '../../../src-shared/ipc/restore-views.js';
import { leavesOf, leavesOfKind, selectionState, toggled, type ScopeKindNode, type ScopeResourceNode, type ScopeSelection } from './scope-tree.js';

interface ScopeStepProps {
  tree: ScopeKindNode[];
  apps: SnapshotAppView[];
  selection: ScopeSelection;
  wholeApps: readonly string[];
  snapshotId: number;
  onSelectionChange: (next: Set<string>) => void;
  onWholeAppsChange: (next: string[]) => void;
}

/**
 * Shows the scope as a tree of checkboxes: kinds, then the resources that differ between the
 * snapshot and the live org, then their changed fields. Beside it, whole apps.
 */
export function ScopeStep({ tree, apps, selection, wholeApps, snapshotId, onSelectionChange, onWholeAppsChange }: ScopeStepProps) {
  return (
    <div className="scope-step">
      <div className="card" role="region" aria-labelledby="scope-tree-title">
        <h2 id="scope-tree-title">Differences between snapshot #{snapshotId} and the live org</h2>
        {tree.length === 0 ? (
          <p className="muted">The live org matches the snapshot: there is nothing to put back. Choose a whole app below to check it anyway, or pick another snapshot.</p>
        ) : (
          <>
            <p className="muted">Resources with a finding are selected. Untick what must stay as it is now; open a resource to choose single fields.</p>
            <ul className="scope-tree">
              {tree.map((node) => (
                <KindBranch key={node.kind} node={node} selection={selection} onChange={onSelectionChange} />
              ))}
            </ul>
          </>
        )}
      </div>
      <fieldset className="card whole-apps">
        <legend>Whole app</legend>
        <p className="muted">Puts back an app and everything captured because of it: keys, mappings, assignments, group push, the groups and rules behind its assignments and its sign-in policy.</p>
        {apps.map((app) => (
          <label key={app.id} className="checkbox">
            <input
              type="checkbox"
              checked={wholeApps.includes(app.id)}
              onChange={(event) => onWholeAppsChange(event.target.checked ? [...wholeApps, app.id] : wholeApps.filter((id) => id !== app.id))}
            />{' '}
            {app.name} <code>{app.id}</code>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** Difference of a resource, read from the snapshot towards the live org. */
const CHANGE_TEXT: Record<ScopeResourceNode['change'], string> = { added: 'only in the live org', removed: 'deleted since the snapshot', changed: 'changed' };

function KindBranch({ node, selection, onChange }: { node: ScopeKindNode; selection: ScopeSelection; onChange: (next: Set<string>) => void }) {
  const leaves = leavesOfKind(node);
  return (
    <li>
      <TriStateCheckbox state={selectionState(leaves, selection)} label={`${node.kind} (${node.resources.length})`} onChange={(checked) => onChange(toggled(selection, leaves, checked))} strong />
      <ul>
        {node.resources.map((resource) => (
          <ResourceBranch key={resource.id} resource={resource} selection={selection} onChange={onChange} />
        ))}
      </ul>
    </li>
  );
}

function ResourceBranch({ resource, selection, onChange }: { resource: ScopeResourceNode; selection: ScopeSelection; onChange: (next: Set<string>) => void }) {
  const leaves = leavesOf(resource);
  const label = `${resource.kind} ${resource.name}`;
  return (
    <li>
      <TriStateCheckbox state={selectionState(leaves, selection)} label={label} onChange={(checked) => onChange(toggled(selection, leaves, checked))}>
        <span className="badge">{CHANGE_TEXT[resource.change]}</span>
      </TriStateCheckbox>
      {resource.findings.length > 0 && (
        <ul className="scope-findings">
          {resource.findings.map((finding) => (
            <li key={finding.code}>
              <span className={`badge severity-${finding.severity}`}>{finding.severity}</span> {finding.sentence}
            </li>
          ))}
        </ul>
      )}
      {resource.fields.length > 0 && (
        <details>
          <summary>Fields of {resource.name} ({resource.fields.length})</summary>
          <ul>
            {resource.fields.map((pointer) => {
              const leaf = `${resource.kind}|${resource.id}|${pointer}`;
              return (
                <li key={pointer}>
                  <label className="checkbox">
                    <input type="checkbox" checked={selection.has(leaf)} onChange={(event) => onChange(toggled(selection, [leaf], event.target.checked))} aria-label={`Field ${pointer} of ${resource.name}`} /> <code>{pointer}</code>
                  </label>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </li>
  );
}

/** Renders a checkbox that can show a mixed state (some children selected), which HTML sets only through the DOM property. */
function TriStateCheckbox({ state, label, onChange, strong, children }: { state: 'all' | 'some' | 'none'; label: string; onChange: (checked: boolean) => void; strong?: boolean; children?: ReactNode }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current !== null) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <label className="checkbox tree-node">
      <input ref={ref} type="checkbox" checked={state === 'all'} aria-checked={state === 'some' ? 'mixed' : state === 'all'} onChange={(event) => onChange(event.target.checked)} />{' '}
      {strong ? <strong>{label}</strong> : label} {children}
    </label>
  );
}
