import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { invalidSearch, parseFilter, valueAtPath, type FilterRules } from './filter-expression.js';
import { ID_ORDER, keyOrder, type ListOrder } from './list-order.js';
import type { SandboxRequest, SandboxResponse } from './route.js';
import { SandboxError } from './sandbox-error.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';

/** The `search` and `filter` rules of one list endpoint. A missing entry means that the parameter is not supported. */
export interface ListFilterRules {
  search?: FilterRules;
  filter?: FilterRules;
}

/**
 * Keeps the items that match the request's `search` and `filter` parameters. When both are
 * given, an item must match both. Throws Okta's 400 for an expression the endpoint rejects.
 */
export function applySearchAndFilter(request: SandboxRequest, items: JsonObject[], rules: ListFilterRules): JsonObject[] {
  let matching = items;
  for (const parameter of ['search', 'filter'] as const) {
    const text = request.query.get(parameter);
    if (text === null || text.trim() === '') continue;

    const parameterRules = rules[parameter];
    if (!parameterRules) throw unsupportedParameter(parameter);
    const predicate = parseFilter(text, parameterRules);
    matching = matching.filter(predicate);
  }
  return matching;
}

/**
 * Returns the order of a searched list: by `sortBy` (a dotted attribute path) and `sortOrder`
 * (`asc`, the default, or `desc`), with equal values ordered by id. Okta honours them only
 * together with `search`, and without them the list is in id order.
 */
export function requestedOrder(request: SandboxRequest): ListOrder {
  const sortBy = request.query.get('sortBy');
  if (sortBy === null || request.query.get('search') === null) return ID_ORDER;

  const direction = request.query.get('sortOrder')?.toLowerCase() === 'desc' ? -1 : 1;
  return keyOrder((item) => [valueAtPath(item, sortBy) ?? null, item['id'] ?? null], direction);
}

/**
 * Returns the first `limit` items in id order with no `next` link, as Okta does for a `q`
 * query, which cannot be paged. A `limit` that is not a positive whole number is rejected as
 * in `pageOf`.
 */
export function singlePage(request: SandboxRequest, items: JsonObject[], defaultLimit: number, maxLimit: number): SandboxResponse {
  const raw = request.query.get('limit');
  const limit = raw === null ? defaultLimit : Number(raw);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SandboxError(400, OKTA_ERROR.invalidPaging, 'Invalid paging request.', [`limit: '${raw ?? ''}' is not a positive whole number.`]);
  }
  const self = `${request.baseUrl}${request.path}?${request.query.toString()}`;
  return { status: 200, body: ID_ORDER.sort(items).slice(0, Math.min(limit, maxLimit)), headers: { link: `<${self}>; rel="self"` } };
}

function unsupportedParameter(parameter: string): SandboxError {
  return invalidSearch(`This endpoint of the sandbox does not support the '${parameter}' parameter.`);
}
