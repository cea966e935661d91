import { compareResources } from '../diff/compare-resources.js';
import type { ResourceChange } from '../diff/diff-types.js';
import type { JsonValue } from '../json/json-types.js';
import type { ResourceKind, SectionState, SnapshotResource } from '../snapshot/snapshot-model.js';
import { escapeRegExp } from './escape-regexp.js';
import { resourceKey, splitOwned } from './id-matching.js';
import { fillPlaceholders, mapStrings } from './placeholders.js';
import { copyPointers, omitPointers } from './request-body.js';
import type { RestorePlan } from './restore-plan.js';
import { SERVER_ASSIGNED_FIELDS } from './server-fields.js';

/** Result of a read-back of the target org against the desired state, for the resources the plan covers. */
export interface RestoreVerification {
  /** Resources compared. */
  checked: number;
  /** Differences that remain; empty when the org matches the desired state. */
  residuals: ResourceChange[];
  /** Differences the plan left on purpose, with the reason. */
  leftInPlace: Array<{ kind: ResourceKind; id: string; reason: string }>;
  /** Manual steps that must be done before the org can match. */
  pendingManualSteps: string[];
  /** Kinds that could not be compared because their capture after the restore failed. */
  unchecked: Array<{ kind: ResourceKind; error: string }>;
  /** True when everything was compared, nothing differs and no manual step is pending. */
  clean: boolean;
}

/** The target org read back after a restore: its resources and the state of each section. */
export interface VerificationCapture {
  resources: readonly SnapshotResource[];
  sections: Record<ResourceKind, SectionState>;
}


/**
 * Compares the target org after a restore with the desired snapshot, in the target org's ids:
 * ids Okta gave recreated objects come from `createdIds` (`kind:desiredId` to the raw new id).
 * Fields and resources the plan leaves in place are not compared, and neither are resources
 * whose manual step is still to be done (the result lists both). A kind whose capture failed is
 * reported as unchecked rather than compared, because a partial capture would show its objects
 * as removed.
 */
export function verifyRestore(plan: RestorePlan, desired: readonly SnapshotResource[], after: VerificationCapture, createdIds: ReadonlyMap<string, string>): RestoreVerification {
  const translate = idTranslator(plan, createdIds);
  const desiredByKey = new Map(desired.map((resource) => [resourceKey(resource.kind, resource.id), resource]));
  const afterByKey = new Map(after.resources.map((resource) => [resourceKey(resource.kind, resource.id), resource]));
  const unchecked = uncheckedKinds(plan, after.sections);
  const failedKinds = new Set(unchecked.map((item) => item.kind));
  const pending = new Set(plan.manualSteps.filter((step) => step.blocksVerification).map((step) => resourceKey(step.kind, step.resourceId)));
  const wholeLeft = new Set(plan.leftInPlace.filter((item) => item.paths.length === 0).map((item) => resourceKey(item.kind, item.resourceId)));

  const expected: SnapshotResource[] = [];
  const found: SnapshotResource[] = [];
  for (const covered of plan.covered) {
    const key = resourceKey(covered.kind, covered.id);
    if (pending.has(key) || wholeLeft.has(key) || failedKinds.has(covered.kind)) continue;
    if (covered.expectAbsent) {
      const remaining = afterByKey.get(key);
      if (remaining) found.push(remaining);
      continue;
    }
    const wanted = desiredByKey.get(key);
    if (wanted === undefined) continue;
    const targetId = translate.id(covered.kind, covered.id);
    const leftPaths = plan.leftInPlace.filter((item) => item.kind === covered.kind && item.resourceId === covered.id).flatMap((item) => item.paths);
    // A field scope whose every field is left in place compares nothing, so it is not counted.
    if (covered.paths && covered.paths.every((path) => leftPaths.some((left) => path === left || path.startsWith(`${left}/`)))) continue;
    const shape = (body: JsonValue): JsonValue => omitPointers(withoutRecords(covered.paths ? copyPointers({}, body, covered.paths) : body, leftPaths), [...leftPaths, ...SERVER_ASSIGNED_FIELDS]);
    expected.push({ ...wanted, id: targetId, body: shape(translate.body(wanted.body)) });
    const actual = afterByKey.get(resourceKey(covered.kind, targetId));
    if (actual) found.push({ ...actual, body: shape(actual.body) });
  }

  const residuals = compareResources(expected, found).changes;
  const pendingManualSteps = plan.manualSteps.filter((step) => step.blocksVerification).map((step) => step.title);
  return {
    checked: expected.length + plan.covered.filter((covered) => covered.expectAbsent && !failedKinds.has(covered.kind)).length,
    residuals,
    leftInPlace: plan.leftInPlace.map((item) => ({ kind: item.kind, id: item.resourceId, reason: item.reason })),
    pendingManualSteps,
    unchecked,
    clean: residuals.length === 0 && pendingManualSteps.length === 0 && unchecked.length === 0,
  };
}

/** Returns the kinds the plan covers whose capture after the restore failed. */
function uncheckedKinds(plan: RestorePlan, sections: Record<ResourceKind, SectionState>): Array<{ kind: ResourceKind; error: string }> {
  const kinds = [...new Set(plan.covered.map((covered) => covered.kind))];
  return kinds.flatMap((kind) => {
    const section = sections[kind];
    return section.status === 'failed' ? [{ kind, error: section.error }] : [];
  });
}

/**
 * Drops from a list of records (a group's members) those that a left-in-place path names by id
 * (`/<userId>`), the way the diff names a member.
 */
function withoutRecords(body: JsonValue, leftPaths: readonly string[]): JsonValue {
  if (!Array.isArray(body)) return body;
  const ids = new Set(leftPaths.filter((path) => /^\/[^/]+$/.test(path)).map((path) => path.slice(1)));
  return body.filter((item) => !(typeof item === 'object' && item !== null && !Array.isArray(item) && ids.has(String(item['id']))));
}

/** Translates desired ids into the target org's: matched ids from the plan, recreated ones from the journal. */
function idTranslator(plan: RestorePlan, createdIds: ReadonlyMap<string, string>): { id(kind: ResourceKind, id: string): string; body(body: JsonValue): JsonValue } {
  const replacements = new Map<string, string>();
  for (const [key, target] of Object.entries(plan.idMatches)) replacements.set(key.slice(key.indexOf(':') + 1), target);
  for (const [key, created] of createdIds) if (!key.includes('/')) replacements.set(key.slice(key.indexOf(':') + 1), created);
  const pattern = replacements.size === 0 ? undefined : new RegExp([...replacements.keys()].map(escapeRegExp).join('|'), 'g');
  const replaceIds = (text: string): string => (pattern === undefined ? text : text.replace(pattern, (found) => replacements.get(found) ?? found));

  // A create wins over a match: a rule replaced in another org was matched to the old rule,
  // which the restore deleted.
  const id = (kind: ResourceKind, desiredId: string): string => {
    const created = createdIds.get(resourceKey(kind, desiredId));
    if (created !== undefined) return desiredId.includes('/') ? `${replaceIds(splitOwned(desiredId)[0])}/${created}` : created;
    return plan.idMatches[resourceKey(kind, desiredId)] ?? replaceIds(desiredId);
  };
  const body = (value: JsonValue): JsonValue => mapStrings(value, (text) => fillPlaceholders(replaceIds(text), (key) => createdIds.get(key)));
  return { id, body };
}
