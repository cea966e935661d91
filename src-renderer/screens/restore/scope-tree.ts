import type { ChangeType, Finding } from '../../../src-shared/diff/diff-types.js';
import type { CompareView } from '../../../src-shared/ipc/ipc-views.js';
import type { ScopeEntry } from '../../../src-shared/restore/restore-scope.js';
import { isResourceKind, RESOURCE_KINDS, type ResourceKind } from '../../../src-shared/snapshot/snapshot-model.js';

/** A resource that differs between the snapshot and the live org, with the fields that differ. */
export interface ScopeResourceNode {
  kind: ResourceKind;
  id: string;
  name: string;
  change: ChangeType;
  /** JSON pointers of the changed fields; empty for a resource added or removed whole. */
  fields: string[];
  findings: Finding[];
}

export interface ScopeKindNode {
  kind: ResourceKind;
  resources: ScopeResourceNode[];
}

/**
 * Selected tree leaves: `kind|id` for a resource without fields, `kind|id|pointer` for a
 * field. A resource with fields is selected through its fields only.
 */
export type ScopeSelection = ReadonlySet<string>;

/** Builds the tree (kinds in snapshot order, then resources by name) from a comparison of the snapshot (before) and the live org (after). */
export function buildScopeTree(diff: CompareView): ScopeKindNode[] {
  const byKind = new Map<ResourceKind, ScopeResourceNode[]>();
  for (const change of diff.changes) {
    if (!isResourceKind(change.kind)) continue;
    const findings = diff.findings.filter((finding) => finding.kind === change.kind && finding.resourceIds.includes(change.id));
    const node: ScopeResourceNode = { kind: change.kind, id: change.id, name: change.name, change: change.change, fields: change.change === 'changed' ? change.changedPaths : [], findings };
    byKind.set(change.kind, [...(byKind.get(change.kind) ?? []), node]);
  }
  return RESOURCE_KINDS.filter((kind) => byKind.has(kind)).map((kind) => ({
    kind,
    resources: (byKind.get(kind) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** Returns the leaves of one resource. */
export function leavesOf(resource: ScopeResourceNode): string[] {
  const base = `${resource.kind}|${resource.id}`;
  return resource.fields.length === 0 ? [base] : resource.fields.map((pointer) => `${base}|${pointer}`);
}

export function leavesOfKind(node: ScopeKindNode): string[] {
  return node.resources.flatMap(leavesOf);
}

/** Pre-selects every resource that a finding is about, with all its changed fields: what the incident changed. */
export function preselect(tree: readonly ScopeKindNode[]): Set<string> {
  return new Set(tree.flatMap((node) => node.resources.filter((resource) => resource.findings.length > 0).flatMap(leavesOf)));
}

/** Tells whether all, some or none of the leaves are selected. */
export function selectionState(leaves: readonly string[], selection: ScopeSelection): 'all' | 'some' | 'none' {
  const count = leaves.filter((leaf) => selection.has(leaf)).length;
  if (count === 0) return 'none';
  return count === leaves.length ? 'all' : 'some';
}

/** Returns a new selection with the leaves added or removed. */
export function toggled(selection: ScopeSelection, leaves: readonly string[], select: boolean): Set<string> {
  const next = new Set(selection);
  for (const leaf of leaves) {
    if (select) next.add(leaf);
    else next.delete(leaf);
  }
  return next;
}

/**
 * Turns the selection into scope entries: a whole app per chosen app, a resource entry where
 * every changed field (or the resource itself) is selected, otherwise one field entry per
 * selected field. Entries always name the kind, since a group and its members share an id.
 */
export function scopeEntries(tree: readonly ScopeKindNode[], selection: ScopeSelection, wholeApps: readonly string[]): ScopeEntry[] {
  const entries: ScopeEntry[] = wholeApps.map((appId) => ({ type: 'app', appId }));
  for (const node of tree) {
    for (const resource of node.resources) {
      const state = selectionState(leavesOf(resource), selection);
      if (state === 'all') entries.push({ type: 'resource', kind: resource.kind, id: resource.id });
      if (state !== 'some') continue;
      for (const pointer of resource.fields) {
        if (selection.has(`${resource.kind}|${resource.id}|${pointer}`)) entries.push({ type: 'field', kind: resource.kind, id: resource.id, pointer });
      }
    }
  }
  return entries;
}
