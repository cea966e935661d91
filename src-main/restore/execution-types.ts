import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { PlannedRequest, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { Logger } from '../logging/logger.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import type { SendMethod, SendOptions, SendResponse } from '../okta/okta-transport.js';
import type { FailedDetail, RestoreJournal, SkipReason, SuccessOutcome } from './restore-journal.js';

/** The part of OktaTransport the executor uses, so tests can wrap it. */
export interface RestoreTransport {
  send(method: SendMethod, path: string, body?: JsonValue, options?: SendOptions): Promise<SendResponse>;
  getJson<T = unknown>(path: string, options?: { listener?: CaptureListener }): Promise<{ body: T }>;
}

export interface ExecuteOptions {
  plan: RestorePlan;
  /** The restore's id in the journal; a second call with the same id resumes it. */
  restoreId: string;
  journal: RestoreJournal;
  transport: RestoreTransport;
  listener?: (event: ExecutionEvent) => void;
  /** Cancels the restore between steps; the step under way finishes first. */
  signal?: AbortSignal;
  logger?: Logger;
}

/** A step as progress events name it. */
export interface StepSummary {
  index: number;
  key: string;
  description: string;
  /** Steps in the plan. */
  total: number;
}

/**
 * Progress of a restore, for the CLI and the desktop app. Requests in events have their
 * placeholders filled and their secrets redacted.
 */
export type ExecutionEvent =
  | { type: 'step-started'; step: StepSummary; request: PlannedRequest; resumed: boolean }
  /** A create that an interrupted run may have made is being looked for before it is sent again. */
  | { type: 'step-lookup'; step: StepSummary; path: string }
  | { type: 'step-succeeded'; step: StepSummary; outcome: SuccessOutcome; status?: number; createdId?: string }
  | { type: 'step-failed'; step: StepSummary; message: string; status?: number; errorCode?: string }
  /** A step not run now: done by an earlier run, or after a failure or a cancellation. */
  | { type: 'step-skipped'; step: StepSummary; reason: SkipReason | 'succeeded-earlier' }
  | { type: 'rate-limit-wait'; step: StepSummary; path: string; waitMs: number; reason: 'headroom' | '429' };

/**
 * The outcome of one step in this run:
 * - `succeeded`: it ran now and its read-back matched;
 * - `succeeded-earlier`: the journal shows an earlier run finished it, so it was not run again;
 * - `failed`: it ran now and failed, which stopped the restore;
 * - `not-run`: it comes after the failure or the cancellation.
 */
export interface StepResult {
  index: number;
  key: string;
  state: 'succeeded' | 'succeeded-earlier' | 'failed' | 'not-run';
  outcome?: SuccessOutcome;
  /** The id Okta gave the object a create step made (raw, not `<ownerId>/<id>`). */
  createdId?: string;
}

export interface ExecutionResult {
  restoreId: string;
  /** `succeeded` when every step has succeeded, now or in an earlier run. */
  status: 'succeeded' | 'failed' | 'cancelled';
  /** One entry per plan step, in plan order. */
  steps: StepResult[];
  /** The step that stopped the restore, with what the journal recorded about it. */
  failure?: { step: StepSummary; detail: FailedDetail };
  /** Every id create steps got, this run and earlier ones, as `kind:desiredId` → new id. */
  createdIds: Record<string, string>;
}
