import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import type { PlanStep, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { RESOURCE_KINDS, type ResourceKind } from '../../src-shared/snapshot/snapshot-model.js';
import { FAILURE_PHASES, type CreatedId, type FailurePhase, type JournalEvent } from './restore-journal.js';

/** History of one step across earlier runs of a restore, read from its journal. */
export interface StepHistory {
  /** True when any event (started, succeeded, failed or skipped) is recorded for the step. */
  recorded: boolean;
  /** True when a `started` event is recorded: the request may have been sent before. */
  attempted: boolean;
  succeeded: boolean;
  /** The last of the step's `started`, `succeeded` and `failed` events, ignoring `skipped`. */
  last: 'started' | 'succeeded' | 'failed' | undefined;
  /** The phase and HTTP status of the last failure; the status is undefined for a network failure. */
  lastFailure: { phase: FailurePhase; status: number | undefined } | undefined;
  /** The object a create step made, when an earlier run recorded it. */
  created: CreatedId | undefined;
}

/** The journal of a restore does not belong to the plan it is resumed with. */
export class JournalMismatchError extends Error {
  constructor(restoreId: string, detail: string) {
    super(`The journal of restore ${restoreId} does not match this plan: ${detail} Resume the restore with the plan it started with.`);
    this.name = 'JournalMismatchError';
  }
}

/**
 * Reads the journal events of a restore into one history per plan step, keyed by step index.
 * Throws JournalMismatchError when an event names a step the plan lacks, or a step index whose
 * key differs from the plan's, because resuming another plan's journal could skip real work.
 */
export function readStepHistories(restoreId: string, plan: RestorePlan, events: readonly JournalEvent[]): Map<number, StepHistory> {
  const steps = new Map(plan.steps.map((step) => [step.index, step]));
  const histories = new Map<number, StepHistory>(plan.steps.map((step) => [step.index, emptyHistory()]));

  for (const event of events) {
    const step = steps.get(event.stepIndex);
    const history = histories.get(event.stepIndex);
    if (!step || !history) throw new JournalMismatchError(restoreId, `it records step ${event.stepIndex}, which the plan does not have.`);
    requireSameKey(restoreId, step, event.detail);
    applyEvent(history, event);
  }
  return histories;
}

function emptyHistory(): StepHistory {
  return { recorded: false, attempted: false, succeeded: false, last: undefined, lastFailure: undefined, created: undefined };
}

function requireSameKey(restoreId: string, step: PlanStep, detail: JsonValue): void {
  const key = isJsonObject(detail) ? detail['key'] : undefined;
  if (key === step.key) return;
  throw new JournalMismatchError(restoreId, `it records step ${step.index} as ${JSON.stringify(key)}, but the plan's step ${step.index} is ${step.key}.`);
}

function applyEvent(history: StepHistory, event: JournalEvent): void {
  const detail = isJsonObject(event.detail) ? event.detail : {};
  history.recorded = true;
  history.created = createdIdIn(detail) ?? history.created;

  if (event.type === 'started') {
    history.attempted = true;
    history.last = 'started';
  } else if (event.type === 'succeeded') {
    history.succeeded = true;
    history.last = 'succeeded';
  } else if (event.type === 'failed') {
    history.last = 'failed';
    const phase = FAILURE_PHASES.find((candidate) => candidate === detail['phase']) ?? 'request';
    history.lastFailure = { phase, status: typeof detail['status'] === 'number' ? detail['status'] : undefined };
  }
}

function createdIdIn(detail: JsonObject): CreatedId | undefined {
  const created = detail['created'];
  if (!isJsonObject(created)) return undefined;
  const { kind, desiredId, id } = created;
  if (typeof kind !== 'string' || typeof desiredId !== 'string' || typeof id !== 'string' || !isResourceKind(kind)) return undefined;
  return { kind, desiredId, id };
}

function isResourceKind(value: string): value is ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(value);
}

/**
 * Tells whether an earlier run may have made a create step's object without recording it. That is
 * so when its request was started and the last outcome is unknown, a network failure, a 5xx, or
 * a failure after the request (of the lookup or the read-back). Only a 4xx response to the create
 * request itself proves Okta made nothing.
 */
export function createInDoubt(history: StepHistory): boolean {
  if (!history.attempted || history.succeeded) return false;
  if (history.last === 'started' || history.lastFailure === undefined) return true;
  const { phase, status } = history.lastFailure;
  return phase !== 'request' || status === undefined || status < 400 || status >= 500;
}
