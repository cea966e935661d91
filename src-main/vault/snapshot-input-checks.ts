import { isJsonObject } from '../../src-shared/json/json-types.js';
import {
  isResourceKind,
  isSnapshotComplete,
  RESOURCE_KINDS,
  type ResourceKind,
  type SectionState,
  type SnapshotResource,
  type SnapshotTrigger,
} from '../../src-shared/snapshot/snapshot-model.js';
import { isIsoUtcTimestamp } from './row-checks.js';
import { checkLabel } from './snapshot-labels.js';
import { invalidSnapshotInput } from './vault-errors.js';
import type { WriteSnapshotInput } from './vault-types.js';

/** A snapshot input after its checks: section states rebuilt with only their known fields. */
export interface CheckedSnapshotInput {
  connectionId: string;
  orgUrl: string;
  startedAt: string;
  takenAt: string;
  trigger: SnapshotTrigger;
  label: string | undefined;
  complete: boolean;
  sections: Record<ResourceKind, SectionState>;
  resources: readonly SnapshotResource[];
}

const TRIGGERS: Record<SnapshotTrigger, true> = { manual: true, scheduled: true, 'pre-restore': true, 'post-restore': true, import: true };


/** Tells whether a text is a snapshot trigger. */
export function isSnapshotTrigger(value: string): value is SnapshotTrigger {
  return Object.hasOwn(TRIGGERS, value);
}

/**
 * Checks everything `writeSnapshot` stores before the transaction starts. Throws
 * `invalid-snapshot-input` naming the field, or the resource by its position in the list;
 * messages never repeat org data.
 */
export function checkWriteSnapshotInput(input: WriteSnapshotInput): CheckedSnapshotInput {
  if (typeof input.connectionId !== 'string' || input.connectionId === '') throw invalidSnapshotInput('the connection id is empty');
  if (!isSnapshotTrigger(String(input.trigger))) throw invalidSnapshotInput(`the trigger "${String(input.trigger)}" is not one of ${Object.keys(TRIGGERS).join(', ')}`);

  const captured = input.captured;
  if (typeof captured.orgUrl !== 'string' || captured.orgUrl === '') throw invalidSnapshotInput('the org URL is empty');

  const sections = checkSections(captured.sections);

  return {
    connectionId: input.connectionId,
    orgUrl: captured.orgUrl,
    startedAt: checkTimestamp(captured.startedAt, 'startedAt'),
    takenAt: checkTimestamp(captured.finishedAt, 'finishedAt'),
    trigger: input.trigger,
    label: input.label === undefined ? undefined : checkLabel(input.label),
    complete: isSnapshotComplete(sections),
    sections,
    resources: checkResources(captured.resources),
  };
}

function checkTimestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isIsoUtcTimestamp(value)) {
    throw invalidSnapshotInput(`${field} is not an ISO 8601 UTC timestamp such as 2025-01-31T09:30:00.000Z`);
  }
  return value;
}

function checkSections(sections: unknown): Record<ResourceKind, SectionState> {
  if (!isJsonObject(sections)) throw invalidSnapshotInput('the section states are missing');

  for (const kind of Object.keys(sections)) {
    if (!isResourceKind(kind)) throw invalidSnapshotInput(`the section states name an unknown kind "${kind}"`);
  }

  const checked: Partial<Record<ResourceKind, SectionState>> = {};
  for (const kind of RESOURCE_KINDS) {
    checked[kind] = checkSectionState(sections[kind], kind);
  }
  return checked as Record<ResourceKind, SectionState>;
}

/** Rebuilds a section state with only its known fields, so the stored and hashed form is fixed. */
function checkSectionState(state: unknown, kind: ResourceKind): SectionState {
  if (!isJsonObject(state)) throw invalidSnapshotInput(`the state of section ${kind} is missing`);

  switch (state['status']) {
    case 'complete':
      return { status: 'complete', count: checkCount(state['count'], kind) };
    case 'failed':
      return { status: 'failed', count: checkCount(state['count'], kind), error: checkDetail(state['error'], kind, 'error') };
    case 'not-configured':
      return { status: 'not-configured', reason: checkDetail(state['reason'], kind, 'reason') };
    default:
      throw invalidSnapshotInput(`section ${kind} has status "${String(state['status'])}", not complete, failed or not-configured`);
  }
}

function checkCount(value: unknown, kind: ResourceKind): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidSnapshotInput(`the count of section ${kind} is not a whole number of zero or more`);
  }
  return value;
}

function checkDetail(value: unknown, kind: ResourceKind, field: string): string {
  if (typeof value !== 'string') throw invalidSnapshotInput(`the ${field} of section ${kind} is not text`);
  return value;
}

function checkResources(resources: unknown): readonly SnapshotResource[] {
  if (!Array.isArray(resources)) throw invalidSnapshotInput('the resource list is missing');

  const seen = new Map<string, number>();
  resources.forEach((resource: unknown, index) => {
    checkResource(resource, index);
    const { kind, id } = resource as SnapshotResource;

    const identity = `${kind}\u0000${id}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      throw invalidSnapshotInput(`resources ${earlier} and ${index} have the same kind (${kind}) and id, but a snapshot contains each resource once`);
    }
    seen.set(identity, index);
  });

  return resources as SnapshotResource[];
}

function checkResource(resource: unknown, index: number): void {
  if (!isJsonObject(resource)) throw invalidSnapshotInput(`resource ${index} is not an object`);

  const kind = resource['kind'];
  if (typeof kind !== 'string' || !isResourceKind(kind)) throw invalidSnapshotInput(`resource ${index} has an unknown kind`);
  if (typeof resource['id'] !== 'string' || resource['id'] === '') throw invalidSnapshotInput(`resource ${index} (${kind}) has no id`);
  if (typeof resource['name'] !== 'string') throw invalidSnapshotInput(`the name of resource ${index} (${kind}) is not text`);
  if (resource['body'] === undefined) throw invalidSnapshotInput(`resource ${index} (${kind}) has no body`);
}
