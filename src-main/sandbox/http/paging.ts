import type { JsonObject } from '../../../src-shared/json/json-types.js';
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
 * Answers one page of a list, with Okta's cursor paging: `after` is the id of the last item
 * of the previous page, and the `Link` header carries absolute `self` and `next` URLs that
 * keep every other query parameter. Items must be in a stable order.
 * The page faults (an empty page with a `next` link, a repeated cursor) apply here.
 */
export function pageOf(
  request: SandboxRequest,
  items: JsonObject[],
  limits: PageLimits,
): SandboxResponse {
  const fault = request.faults.takePageFault();
  const limit = requestedLimit(request.query, limits);
  const after = request.query.get('after');
  const start = after === null ? 0 : indexAfter(items, after);
  const page = fault.emptyPageWithNext ? [] : items.slice(start, start + limit);
  const hasMore = fault.emptyPageWithNext || start + limit < items.length;

  const links = [`<${linkUrl(request, {})}>; rel="self"`];
  if (hasMore) {
    const lastId = fault.repeatCursor ? after : idOf(page[page.length - 1]);
    const cursor = lastId ?? after ?? '';
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

/** Finds where the page after `cursor` starts; a cursor whose item is gone resumes by id order. */
function indexAfter(items: JsonObject[], cursor: string): number {
  const position = items.findIndex((item) => idOf(item) === cursor);
  if (position >= 0) return position + 1;
  const next = items.findIndex((item) => (idOf(item) ?? '') > cursor);
  return next < 0 ? items.length : next;
}

function idOf(item: JsonObject | undefined): string | undefined {
  const id = item?.['id'];
  return typeof id === 'string' ? id : undefined;
}

function linkUrl(request: SandboxRequest, overrides: Record<string, string>): string {
  const query = new URLSearchParams(request.query);
  for (const [name, value] of Object.entries(overrides)) query.set(name, value);
  const search = query.toString();
  return `${request.baseUrl}${request.path}${search ? `?${search}` : ''}`;
}
