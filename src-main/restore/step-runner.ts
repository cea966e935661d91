import { stringAt } from '../../src-shared/diff/findings/json-pointer.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { CreatedObject, PlannedRequest, PlanStep, StepCheck } from '../../src-shared/restore/restore-plan.js';
import type { Logger } from '../logging/logger.js';
import type { CaptureEvent, CaptureListener } from '../okta/capture-progress.js';
import type { ExecutionEvent, RestoreTransport, StepSummary } from './execution-types.js';
import { findCreated } from './create-lookup.js';
import { createInDoubt, type StepHistory } from './journal-history.js';
import { readBack } from './read-back.js';
import { redactSecrets } from './redact-secrets.js';
import { describeRequestFailure } from './request-failure.js';
import type { CreatedId, FailedDetail, RestoreJournal, StartedDetail, SucceededDetail, SuccessOutcome } from './restore-journal.js';
import type { StepBindings } from './step-bindings.js';

/** Dependencies of a step runner, shared by every step of one restore run. */
export interface StepContext {
  restoreId: string;
  journal: RestoreJournal;
  transport: RestoreTransport;
  bindings: StepBindings;
  emit: (event: ExecutionEvent) => void;
  logger: Logger | undefined;
}

export type StepRun = { state: 'succeeded'; detail: SucceededDetail } | { state: 'failed'; detail: FailedDetail };

/** The outcome of a step's request (a 2xx response, or an object found by lookup), before the read-back. */
interface Applied {
  outcome: SuccessOutcome;
  status?: number;
  created?: CreatedId;
}

/**
 * Runs one step that no run has finished yet and records its outcome in the journal.
 * - A create whose object an earlier run recorded is only read back.
 * - A create an interrupted run left in doubt is first looked for, and sent only when not found.
 * - Any other step is sent, after a `started` event that contains the request with placeholders
 *   filled and secrets redacted.
 * After a 2xx, the step's check is read back; a mismatch fails the step.
 */
export async function runStep(context: StepContext, step: PlanStep, summary: StepSummary, history: StepHistory): Promise<StepRun> {
  const runner = new StepRunner(context, step, summary);
  if (step.creates && history.created) return runner.confirm({ outcome: 'created-earlier', created: history.created });
  if (step.creates && createInDoubt(history)) {
    const found = await runner.lookUp(step.creates);
    if (found !== undefined) return found;
  }
  return runner.send(history);
}

class StepRunner {
  /** Forwards the transport's rate-limit waits of this step to the restore's listener. */
  private readonly transportListener: CaptureListener;

  constructor(
    private readonly context: StepContext,
    private readonly step: PlanStep,
    private readonly summary: StepSummary,
  ) {
    this.transportListener = (event: CaptureEvent) => {
      if (event.type === 'rate-limit-wait') this.context.emit({ type: 'rate-limit-wait', step: summary, path: event.path, waitMs: event.waitMs, reason: event.reason });
    };
  }

  /** Looks for the object of a create left in doubt. Returns the finished run when found or when the lookup failed. */
  async lookUp(creates: CreatedObject): Promise<StepRun | undefined> {
    let lookup;
    try {
      lookup = this.context.bindings.fillLookup(creates.lookup);
    } catch (error) {
      return this.fail({ phase: 'lookup', message: messageOf(error) });
    }

    this.context.emit({ type: 'step-lookup', step: this.summary, path: lookup.path });
    const result = await findCreated(this.context.transport, lookup, creates.idPointer, this.transportListener);
    if (result.kind === 'failed') return this.fail({ phase: 'lookup', ...result.failure });
    if (result.kind === 'not-found') return undefined;
    return this.confirm({ outcome: 'found-by-lookup', created: { kind: creates.kind, desiredId: creates.desiredId, id: result.id } });
  }

  /** Sends the step's request, then reads back. */
  async send(history: StepHistory): Promise<StepRun> {
    let request: PlannedRequest;
    try {
      request = this.context.bindings.fillRequest(this.step.request);
    } catch (error) {
      return this.fail({ phase: 'request', message: messageOf(error) });
    }

    const redacted = redactedRequest(request);
    const started: StartedDetail = { key: this.step.key, request: redacted, resumed: history.recorded };
    this.context.journal.recordRestoreStep(this.context.restoreId, { stepIndex: this.step.index, type: 'started', detail: toJson(started) });
    this.context.emit({ type: 'step-started', step: this.summary, request: redacted, resumed: history.recorded });
    this.context.logger?.info({ restoreId: this.context.restoreId, step: this.step.index, key: this.step.key, method: request.method, path: request.path }, 'restore step started');

    // NOTE: a repeated lifecycle call (activating a rule that is already ACTIVE) is simply sent
    // again. The sandbox returns 2xx for it; if an Okta endpoint returned an error instead, the
    // step would fail on resume.
    let response;
    try {
      response = await this.context.transport.send(request.method, request.path, request.body, {
        retryUnsafe: this.step.creates === undefined && this.step.action !== 'create',
        listener: this.transportListener,
      });
    } catch (error) {
      const { attempts, ...failure } = describeRequestFailure(error);
      // A DELETE repeated after an interruption (or a retry) may find its object already gone.
      if (request.method === 'DELETE' && failure.status === 404 && (history.attempted || attempts > 1)) {
        return this.confirm({ outcome: 'already-deleted', status: 404 });
      }
      return this.fail({ phase: 'request', ...failure });
    }

    if (!this.step.creates) return this.confirm({ outcome: 'sent', status: response.status });
    const id = stringAt(response.body, this.step.creates.idPointer);
    if (id === undefined) {
      const message = `Okta returned ${response.status} for ${request.method} ${request.path} but the response has no id at ${this.step.creates.idPointer}. The object may exist, so resuming the restore looks for it first.`;
      return this.fail({ phase: 'request', status: response.status, message });
    }
    return this.confirm({ outcome: 'sent', status: response.status, created: { kind: this.step.creates.kind, desiredId: this.step.creates.desiredId, id } });
  }

  /** Binds a created id, reads back the step's check, and records the outcome. */
  async confirm(applied: Applied): Promise<StepRun> {
    if (applied.created) this.context.bindings.bind(applied.created);
    if (!this.step.check) return this.succeed(applied, undefined);

    let check: StepCheck;
    try {
      check = this.context.bindings.fillCheck(this.step.check);
    } catch (error) {
      return this.fail({ phase: 'read-back', message: messageOf(error), ...afterRequest(applied) });
    }

    const result = await readBack(this.context.transport, check, this.transportListener);
    if (!result.ok) return this.fail({ phase: 'read-back', ...result.failure, ...afterRequest(applied) });
    return this.succeed(applied, result.report);
  }

  private succeed(applied: Applied, report: SucceededDetail['readBack']): StepRun {
    const detail: SucceededDetail = { key: this.step.key, outcome: applied.outcome };
    if (applied.status !== undefined) detail.status = applied.status;
    if (applied.created) detail.created = applied.created;
    if (report) detail.readBack = report;

    this.context.journal.recordRestoreStep(this.context.restoreId, { stepIndex: this.step.index, type: 'succeeded', detail: toJson(detail) });
    this.context.emit({
      type: 'step-succeeded',
      step: this.summary,
      outcome: applied.outcome,
      ...(applied.status === undefined ? {} : { status: applied.status }),
      ...(applied.created ? { createdId: applied.created.id } : {}),
    });
    this.context.logger?.info({ restoreId: this.context.restoreId, step: this.step.index, key: this.step.key, outcome: applied.outcome, status: applied.status }, 'restore step succeeded');
    return { state: 'succeeded', detail };
  }

  private fail(failure: Omit<FailedDetail, 'key'>): StepRun {
    const detail: FailedDetail = { key: this.step.key, ...failure };
    this.context.journal.recordRestoreStep(this.context.restoreId, { stepIndex: this.step.index, type: 'failed', detail: toJson(detail) });
    this.context.emit({
      type: 'step-failed',
      step: this.summary,
      message: detail.message,
      ...(detail.status === undefined ? {} : { status: detail.status }),
      ...(detail.errorCode === undefined ? {} : { errorCode: detail.errorCode }),
    });
    this.context.logger?.warn(
      { restoreId: this.context.restoreId, step: this.step.index, key: this.step.key, phase: detail.phase, status: detail.status, errorCode: detail.errorCode },
      'restore step failed',
    );
    return { state: 'failed', detail };
  }
}

/** Returns the fields of a failure after the step's own request: that request's status and the object it made. */
function afterRequest(applied: Applied): Pick<FailedDetail, 'requestStatus' | 'created'> {
  return {
    ...(applied.status === undefined ? {} : { requestStatus: applied.status }),
    ...(applied.created ? { created: applied.created } : {}),
  };
}

function redactedRequest(request: PlannedRequest): PlannedRequest {
  return { method: request.method, path: request.path, ...(request.body === undefined ? {} : { body: redactSecrets(request.body) }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Drops undefined members, so a detail is plain JSON for the journal. */
function toJson(detail: object): JsonValue {
  return JSON.parse(JSON.stringify(detail)) as JsonValue;
}
