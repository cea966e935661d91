import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { ResourceKind } from '../../src-shared/snapshot/snapshot-model.js';

export type JournalEventType = 'started' | 'succeeded' | 'failed' | 'skipped';

/** One event the executor records for a step. */
export interface JournalEventInput {
  /** The step's `index` in the plan (1-based). */
  stepIndex: number;
  type: JournalEventType;
  /** One of the detail shapes below, as JSON. It never contains a secret. */
  detail: JsonValue;
}

/** One recorded event as read back, with the time the journal stored it (ISO 8601). */
export interface JournalEvent {
  stepIndex: number;
  type: string;
  at: string;
  detail: JsonValue;
}

/**
 * Store in which the executor records each step before and after it runs, so that a restore
 * interrupted by a crash or a lost network resumes without doing a step twice. The vault
 * implements it. `recordRestoreStep` must have stored the event durably when it returns, because
 * the request is sent right after a `started` event.
 */
export interface RestoreJournal {
  recordRestoreStep(restoreId: string, event: JournalEventInput): void;
  readRestore(restoreId: string): { events: JournalEvent[] };
}

/** The id Okta gave an object a create step made, under the placeholder key `kind:desiredId`. */
export interface CreatedId {
  kind: ResourceKind;
  desiredId: string;
  id: string;
}

/** A field the read-back found different from the plan's expectation; an absent key means the field was absent. */
export interface FieldMismatch {
  pointer: string;
  expected?: JsonValue;
  actual?: JsonValue;
}

/** Summary of a step's read-back: the path, its status and the fields compared. */
export interface ReadBackReport {
  path: string;
  /** The status of the read-back GET: 200, or 404 for a check that expects the object gone. */
  status: number;
  /** Pointers whose values matched, or empty for an `absent` check. */
  fields: string[];
}

/**
 * Way a step came to succeed:
 * - `sent`: its request got a 2xx response and the read-back matched;
 * - `found-by-lookup`: a create left in doubt by an interrupted run, found in the org by its lookup;
 * - `created-earlier`: a create whose object an earlier run made and recorded, read back again;
 * - `already-deleted`: a DELETE repeated after an interruption got a 404 response, so the object is gone.
 */
export type SuccessOutcome = 'sent' | 'found-by-lookup' | 'created-earlier' | 'already-deleted';

/** Detail of a `started` event: the request about to be sent, placeholders filled and secrets redacted. */
export interface StartedDetail {
  key: string;
  request: { method: string; path: string; body?: JsonValue };
  /** True when an earlier run already has events for this step. */
  resumed: boolean;
}

export interface SucceededDetail {
  key: string;
  outcome: SuccessOutcome;
  /** The status of the step's own request; absent when no request was sent in this run. */
  status?: number;
  created?: CreatedId;
  readBack?: ReadBackReport;
}

/**
 * The part of a step that failed: its own `request`, the `lookup` of a create left in doubt, or
 * the `read-back` after a 2xx.
 */
export const FAILURE_PHASES = ['request', 'lookup', 'read-back'] as const;
export type FailurePhase = (typeof FAILURE_PHASES)[number];

/** Detail of a `failed` event: Okta's error fields when Okta responded, the network error when it did not. */
export interface FailedDetail {
  key: string;
  phase: FailurePhase;
  message: string;
  /** The HTTP status of the failed phase's request; absent for a network failure and for a read-back mismatch. */
  status?: number;
  /** For a failure after the step's request, the 2xx status Okta returned for that request. */
  requestStatus?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: JsonObject[];
  /** True when Okta's response was never received (connection refused, reset or cut short). */
  network?: boolean;
  /** The object a create made before a later part of the step failed. */
  created?: CreatedId;
  mismatches?: FieldMismatch[];
}

export type SkipReason = 'earlier-step-failed' | 'cancelled';

export interface SkippedDetail {
  key: string;
  reason: SkipReason;
  message: string;
}
