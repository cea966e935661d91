import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import { formatPackTime } from './pack-time.js';
import type { AuditRestoreEvent } from './restore-journal-source.js';

/** The result of one run for one plan step, in words for the restores table. */
export interface StepAttempt {
  outcome: string;
  /** The HTTP status of the step's own request (or of the failed lookup or read-back), or `-`. */
  http: string;
  /** The time of the step's last event in the run, `2026-12-04 23:05:07Z`. */
  time: string;
}

/**
 * Describes one run's events for one step (a `started` event and its outcome, or a lone
 * `skipped` event) in a few words: how it succeeded, Okta's error code and summary when it
 * failed, or why it was not run. A detail in another shape than the executor writes is shown
 * as its text, or by the event type alone.
 */
export function describeAttempt(events: readonly AuditRestoreEvent[]): StepAttempt {
  const last = events[events.length - 1];
  if (last === undefined) return { outcome: 'not run', http: '-', time: '-' };
  const time = formatPackTime(last.at, { seconds: true });
  const detail = isJsonObject(last.detail) ? last.detail : undefined;
  if (detail === undefined) {
    return { outcome: typeof last.detail === 'string' ? `${last.type}: ${last.detail}` : last.type, http: '-', time };
  }

  switch (last.type) {
    case 'succeeded':
      return { outcome: successText(detail), http: statusText(detail['status']), time };
    case 'failed':
      return { outcome: failureText(detail), http: statusText(detail['status'] ?? detail['requestStatus']), time };
    case 'skipped':
      return { outcome: detail['reason'] === 'cancelled' ? 'not run: cancelled' : 'not run: earlier step failed', http: '-', time };
    case 'started':
      return { outcome: 'started, no outcome recorded: the run stopped during this step', http: '-', time };
  }
}

/** Words for each way a step succeeds, as the executor records it in `outcome`. */
const SUCCESS_WORDS: Record<string, string> = {
  sent: 'sent',
  'found-by-lookup': 'found by lookup: an interrupted run had made it',
  'created-earlier': 'made by an earlier run',
  'already-deleted': 'already deleted',
};

function successText(detail: JsonObject): string {
  const outcome = typeof detail['outcome'] === 'string' ? detail['outcome'] : '';
  const words = SUCCESS_WORDS[outcome] ?? 'succeeded';
  return isJsonObject(detail['readBack']) ? `${words}, read back matched` : words;
}

/**
 * Describes a failed step: the phase when it was not the step's own request, then Okta's error
 * code and summary, or the missing response, the fields that differed on read-back, or the
 * executor's message when none of those was recorded.
 */
function failureText(detail: JsonObject): string {
  let phase = 'failed';
  if (detail['phase'] === 'lookup') phase = 'failed during the lookup';
  if (detail['phase'] === 'read-back') phase = 'failed at the read-back';

  if (typeof detail['errorCode'] === 'string') {
    return `${phase}: ${detail['errorCode']}${typeof detail['errorSummary'] === 'string' ? ` ${detail['errorSummary']}` : ''}`;
  }
  if (detail['network'] === true) return `${phase}: no response from Okta`;

  const mismatches = Array.isArray(detail['mismatches']) ? detail['mismatches'].filter(isJsonObject) : [];
  if (mismatches.length > 0) return `${phase}: the org differs at ${mismatches.map((mismatch) => String(mismatch['pointer'])).join(', ')}`;
  return typeof detail['message'] === 'string' ? `${phase}: ${detail['message']}` : phase;
}

function statusText(status: unknown): string {
  return typeof status === 'number' ? String(status) : '-';
}
