import { valueAt } from '../../src-shared/diff/findings/json-pointer.js';
import { jsonEqual } from '../../src-shared/json/json-equal.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { StepCheck } from '../../src-shared/restore/restore-plan.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import type { RestoreTransport } from './execution-types.js';
import { isSecretPointer, REDACTED } from './redact-secrets.js';
import { describeRequestFailure, type RequestFailure } from './request-failure.js';
import type { FieldMismatch, ReadBackReport } from './restore-journal.js';

export type ReadBackResult =
  | { ok: true; report: ReadBackReport }
  | { ok: false; failure: Omit<RequestFailure, 'attempts'> & { mismatches?: FieldMismatch[] } };

/**
 * Reads back what a step changed and compares it with the plan's expectation. It GETs the
 * check's path and compares each field with `jsonEqual`, where an expected value of undefined
 * means the field must be absent. An `absent` check expects a 404 instead. `check` must have
 * its placeholders filled. A 2xx response to the step itself is no proof, because Okta ignores
 * some fields it accepts (such as `status` in a group rule body).
 */
export async function readBack(transport: RestoreTransport, check: StepCheck, listener: CaptureListener): Promise<ReadBackResult> {
  let body: JsonValue;
  try {
    body = (await transport.getJson<JsonValue>(check.path, { listener })).body;
  } catch (error) {
    const failure = describeRequestFailure(error);
    if (check.absent && failure.status === 404) return { ok: true, report: { path: check.path, status: 404, fields: [] } };
    const { attempts: _attempts, ...fields } = failure;
    const reason = failure.status === 404 ? 'the object is not there' : 'the read-back request failed';
    return { ok: false, failure: { ...fields, message: `Read-back of ${check.path} failed because ${reason}: ${failure.message}` } };
  }

  if (check.absent) {
    return { ok: false, failure: { status: 200, message: `Read-back of ${check.path} found the object, but the step should have removed it.` } };
  }
  const mismatches = compareFields(body, check);
  if (mismatches.length > 0) {
    const pointers = mismatches.map((mismatch) => mismatch.pointer).join(', ');
    return { ok: false, failure: { message: `Read-back of ${check.path} differs from the plan at ${pointers}.`, mismatches } };
  }
  return { ok: true, report: { path: check.path, status: 200, fields: check.fields.map((field) => field.pointer) } };
}

/** Lists the expected fields whose value in `body` differs, with secret values redacted. */
function compareFields(body: JsonValue, check: StepCheck): FieldMismatch[] {
  const mismatches: FieldMismatch[] = [];
  for (const field of check.fields) {
    const actual = valueAt(body, field.pointer);
    if (jsonEqual(actual, field.value)) continue;

    const secret = isSecretPointer(field.pointer);
    const mismatch: FieldMismatch = { pointer: field.pointer };
    if (field.value !== undefined) mismatch.expected = secret ? REDACTED : field.value;
    if (actual !== undefined) mismatch.actual = secret ? REDACTED : actual;
    mismatches.push(mismatch);
  }
  return mismatches;
}
