import { valueAt } from '../diff/findings/json-pointer.js';
import { isResourceKind, RESOURCE_KINDS, type ResourceKind, type SnapshotResource } from '../snapshot/snapshot-model.js';
import { appClosure } from './app-closure.js';
import { resourceKey, type IdMatching } from './id-matching.js';
import type { ScopeEntry } from './restore-scope.js';

/** A scope that names nothing the snapshots contain, or names it ambiguously. */
export class ScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

/** One resource in scope: its id on each side that has it, and what of it is chosen. */
export interface ScopedResource {
  kind: ResourceKind;
  desiredId: string | undefined;
  liveId: string | undefined;
  /** JSON pointers for a field scope; undefined for the whole resource. */
  pointers: string[] | undefined;
  explicit: boolean;
}

interface Selection {
  pointers: string[] | undefined;
  explicit: boolean;
}

/**
 * Expands the scope entries into resources on both sides. A resource chosen whole by one
 * entry and by a field in another is taken whole. Objects only the target org has are in scope
 * when their kind or their app is; the planner decides whether they may be deleted.
 */
export function resolveScope(entries: readonly ScopeEntry[], desired: readonly SnapshotResource[], live: readonly SnapshotResource[], matching: IdMatching): ScopedResource[] {
  if (entries.length === 0) throw new ScopeError("No scope was given. Choose what to restore, for example '--scope app:<appId>', '--scope kind:group-rule' or '--scope id:<id>'.");
  const desiredChosen = new Map<string, Selection>();
  const liveChosen = new Map<string, Selection>();
  for (const entry of entries) selectEntry(entry, desired, live, matching, desiredChosen, liveChosen);

  const matchedLive = new Set<string>();
  const scoped: ScopedResource[] = [];
  for (const [key, selection] of desiredChosen) {
    const [kind, desiredId] = splitKey(key);
    const liveId = matching.toLive.get(key);
    if (liveId !== undefined) matchedLive.add(resourceKey(kind, liveId));
    scoped.push({ kind, desiredId, liveId, ...selection });
  }
  for (const liveKey of matchedByAnyDesired(matching)) matchedLive.add(liveKey);
  for (const [key, selection] of liveChosen) {
    if (matchedLive.has(key)) continue;
    const [kind, liveId] = splitKey(key);
    scoped.push({ kind, desiredId: undefined, liveId, ...selection });
  }
  return scoped;
}

function selectEntry(
  entry: ScopeEntry,
  desired: readonly SnapshotResource[],
  live: readonly SnapshotResource[],
  matching: IdMatching,
  desiredChosen: Map<string, Selection>,
  liveChosen: Map<string, Selection>,
): void {
  switch (entry.type) {
    case 'app': {
      if (!desired.some((resource) => resource.kind === 'app' && resource.id === entry.appId)) {
        throw new ScopeError(`The snapshot has no app with id ${entry.appId}. Apps in it: ${namesOf(desired, 'app')}.`);
      }
      for (const key of appClosure(desired, entry.appId)) choose(desiredChosen, key, undefined, false);
      const liveAppId = matching.toLive.get(resourceKey('app', entry.appId));
      if (liveAppId !== undefined) for (const key of appClosure(live, liveAppId)) choose(liveChosen, key, undefined, false);
      return;
    }
    case 'kind':
      for (const resource of desired) if (resource.kind === entry.kind) choose(desiredChosen, resourceKey(resource.kind, resource.id), undefined, false);
      for (const resource of live) if (resource.kind === entry.kind) choose(liveChosen, resourceKey(resource.kind, resource.id), undefined, false);
      return;
    case 'resource':
    case 'field': {
      const found = resourcesWithId(desired, entry.id, entry.kind);
      const extra = found.length === 0 ? resourcesWithId(live, entry.id, entry.kind) : [];
      if (found.length === 0 && extra.length === 0) throw new ScopeError(`Neither the snapshot nor the target org has a resource with id ${entry.id}${entry.kind ? ` of kind ${entry.kind}` : ''}. List a snapshot's resources with 'butterfly show <snapshot>'.`);
      if (entry.type === 'field' && found.length + extra.length > 1) {
        const kinds = [...found, ...extra].map((resource) => resource.kind).join(', ');
        throw new ScopeError(`The id ${entry.id} names several resources (${kinds}). Name the kind with 'field:<kind>:${entry.id}:${entry.pointer}'.`);
      }
      const pointers = entry.type === 'field' ? [entry.pointer] : undefined;
      if (entry.type === 'field') checkPointerExists(entry.pointer, [...found, ...extra], live, matching);
      for (const resource of found) choose(desiredChosen, resourceKey(resource.kind, resource.id), pointers, true);
      for (const resource of extra) choose(liveChosen, resourceKey(resource.kind, resource.id), pointers, true);
      return;
    }
  }
}

/**
 * Rejects a field pointer that names nothing in the resource on either side, such as one with a
 * wrong letter case: restoring it would change nothing and verify as if it had.
 */
function checkPointerExists(pointer: string, resources: readonly SnapshotResource[], live: readonly SnapshotResource[], matching: IdMatching): void {
  for (const resource of resources) {
    const liveId = matching.toLive.get(resourceKey(resource.kind, resource.id)) ?? resource.id;
    const counterpart = live.find((candidate) => candidate.kind === resource.kind && candidate.id === liveId);
    if (valueAt(resource.body, pointer) !== undefined || (counterpart && valueAt(counterpart.body, pointer) !== undefined)) continue;
    throw new ScopeError(`The field ${pointer} exists in neither the snapshot's nor the org's ${resource.kind} '${resource.name}' (${resource.id}). JSON pointers are case-sensitive; see the resource's fields with 'butterfly show <snapshot> --id ${resource.id}'.`);
  }
}

function choose(chosen: Map<string, Selection>, key: string, pointers: string[] | undefined, explicit: boolean): void {
  const previous = chosen.get(key);
  if (previous === undefined) {
    chosen.set(key, { pointers, explicit });
    return;
  }
  const whole = previous.pointers === undefined || pointers === undefined;
  chosen.set(key, {
    pointers: whole ? undefined : [...new Set([...(previous.pointers ?? []), ...pointers])],
    explicit: previous.explicit || explicit,
  });
}

function resourcesWithId(resources: readonly SnapshotResource[], id: string, kind: ResourceKind | undefined): SnapshotResource[] {
  return resources.filter((resource) => resource.id === id && (kind === undefined || resource.kind === kind));
}

function matchedByAnyDesired(matching: IdMatching): string[] {
  return [...matching.toLive].map(([key, liveId]) => resourceKey(splitKey(key)[0], liveId));
}

function splitKey(key: string): [ResourceKind, string] {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  if (!isResourceKind(kind)) throw new Error(`Not a resource kind: ${kind}. Kinds: ${RESOURCE_KINDS.join(', ')}.`);
  return [kind, key.slice(colon + 1)];
}

function namesOf(resources: readonly SnapshotResource[], kind: ResourceKind): string {
  const named = resources.filter((resource) => resource.kind === kind).map((resource) => `'${resource.name}' (${resource.id})`);
  return named.length > 0 ? named.join(', ') : 'none';
}

