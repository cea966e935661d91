import { stringAt, valueAt } from '../../src-shared/diff/findings/json-pointer.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { CreateLookup } from '../../src-shared/restore/restore-plan.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import type { RestoreTransport } from './execution-types.js';
import { describeRequestFailure, type RequestFailure } from './request-failure.js';

export type LookupResult =
  | { kind: 'found'; id: string }
  | { kind: 'not-found' }
  | { kind: 'failed'; failure: Omit<RequestFailure, 'attempts'> };

/**
 * Looks for the object an interrupted create may have made: GET the lookup path (its first
 * page only, since the planner narrows it by a natural key) and keep the items whose value at
 * `lookup.pointer` equals `lookup.value`. One match gives the id at `idPointer` of that item;
 * none, or a 404 for the list, means the create did not happen. Several matches fail, because
 * the executor cannot tell which one it made. `lookup` must have its placeholders filled.
 */
export async function findCreated(transport: RestoreTransport, lookup: CreateLookup, idPointer: string, listener: CaptureListener): Promise<LookupResult> {
  let body: JsonValue;
  try {
    body = (await transport.getJson<JsonValue>(lookup.path, { listener })).body;
  } catch (error) {
    const failure = describeRequestFailure(error);
    if (failure.status === 404) return { kind: 'not-found' };
    const { attempts: _attempts, ...fields } = failure;
    return { kind: 'failed', failure: { ...fields, message: `Lookup of the object an interrupted create may have made failed: ${failure.message}` } };
  }

  const items = Array.isArray(body) ? body : [body];
  const matches = items.filter((item) => valueAt(item, lookup.pointer) === lookup.value);
  if (matches.length === 0) return { kind: 'not-found' };

  const ids = matches.map((item) => stringAt(item, idPointer));
  const [id] = ids;
  if (matches.length > 1) {
    const message = `Lookup ${lookup.path} found ${matches.length} objects whose ${lookup.pointer} is ${JSON.stringify(lookup.value)} (ids ${ids.join(', ')}), so the one an interrupted create made is unknown. Delete the extra objects in Okta, then resume the restore.`;
    return { kind: 'failed', failure: { message } };
  }
  if (id === undefined) {
    return { kind: 'failed', failure: { message: `Lookup ${lookup.path} found the object, but it has no string id at ${idPointer}.` } };
  }
  return { kind: 'found', id };
}
