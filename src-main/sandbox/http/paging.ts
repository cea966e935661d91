import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { ID_ORDER, type ListOrder } from './list-order.js';
import type { SandboxRequest, SandboxResponse } from './route.js';
import { SandboxError } from './sandbox-error.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';

/** The `limit` rules of one list endpoint, taken from the spec's parameter definitions. */
export interface PageLimits {
  /** Page size when the request has no `limit`. */
  defaultLimit: number;
  /** Larger requested sizes are reduced to this. */
  maxLimit: number;
  /** Smaller requested sizes are raised to this (the app groups list has a minimum of 20). */
  minLimit?: number;
}

/**
 * Returns one page of a list, with Okta's cursor paging: `after` is the cursor of the last item
 * of the previous page, and the `Link` header carries absolute `self` and `next` URLs that
 * keep every other query parameter. The list is sorted in `order`, which also decides the
 * cursor, so that a page still starts in the right place when the previous page's last item
 * was deleted. An empty `after` starts at the top.
 * The page faults (an empty page with a `next` link, a repeated cursor) apply here.
 */
export function pageOf(
  request: SandboxRequest,
  items: JsonObject[],
  limits: PageLimits,
  order: ListOrder = ID_ORDER,
): SandboxResponse {
  const fault = request.faults.takePageFault();
  const limit = requestedLimit(request.query, limits);
  const after = request.query.get('after');
  const sorted = order.sort(items);
  const start = after === null || after === '' ? 0 : order.startAfter(sorted, after);
  const page = fault.emptyPageWithNext ? [] : sorted.slice(start, start + limit);
  const hasMore = fault.emptyPageWithNext || start + limit < sorted.length;

  const links = [`<${linkUrl(request, {})}>; rel="self"`];
  if (hasMore) {
    const last = page[page.length - 1];
    const lastCursor = last === undefined ? undefined : order.cursorAfter(last);
    const cursor = (fault.repeatCursor ? after : lastCursor) ?? after ?? '';
    links.push(`<${linkUrl(request, { after: cursor, limit: String(limit) })}>; rel="next"`);
  }
  return { status: 200, body: page, headers: { link: links.join(', ') } };
}

function requestedLimit(query: URLSearchParams, limits: PageLimits): number {
  const raw = query.get('limit');
  if (raw === null || raw === '-1') return raw === '-1' ? limits.maxLimit : limits.defaultLimit;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new SandboxError(400, OKTA_ERROR.invalidPaging, 'Invalid paging request.', [
      `limit: '${raw}' is not a positive whole number.`,
    ]);
  }
  return Math.max(limits.minLimit ?? 1, Math.min(parsed, limits.maxLimit));
}

function linkUrl(request: SandboxRequest, overrides: Record<string, string>): string {
  const query = new URLSearchParams(request.query);
  for (const [name, value] of Object.entries(overrides)) query.set(name, value);
  const search = query.toString();
  return `${request.baseUrl}${request.path}${search ? `?${search}` : ''}`;
}
