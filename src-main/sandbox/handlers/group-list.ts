import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { FilterOperator, FilterRules } from '../http/filter-expression.js';
import { applySearchAndFilter, requestedOrder, singlePage } from '../http/list-query.js';
import { pageOf } from '../http/paging.js';
import type { SandboxRequest, SandboxResponse } from '../http/route.js';
import { expandIncludes, renderGroup } from './group-views.js';

/** `limit` of `GET /api/v1/groups`: the spec gives a maximum of 10000 and no default. */
const GROUP_PAGE_LIMITS = { defaultLimit: 10000, maxLimit: 10000 };

/** Okta returns at most 300 groups for a `q` query by default, all on one page. */
const QUERY_DEFAULT_LIMIT = 300;

const TIMESTAMP_ATTRIBUTES: ReadonlySet<string> = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);
const ORDERING_OPERATORS: ReadonlySet<FilterOperator> = new Set(['gt', 'ge', 'lt', 'le']);

/**
 * Rules of `search` on groups. Any profile attribute and the top-level `id`, `type` and
 * timestamps take `eq`, `sw` and `pr`. Only `profile.name` and `profile.description` take `co`,
 * and only timestamps take ordering operators. String values compare without regard to case.
 * NOTE: Okta also searches `source.id` of app groups, but stored groups do not record their
 * source app, so the sandbox rejects that attribute.
 */
const GROUP_SEARCH_RULES: FilterRules = {
  caseInsensitive: true,
  allows: (attribute, operator) => {
    if (operator === 'co') return attribute === 'profile.name' || attribute === 'profile.description';
    if (ORDERING_OPERATORS.has(operator)) return TIMESTAMP_ATTRIBUTES.has(attribute);
    return attribute.startsWith('profile.') || attribute === 'id' || attribute === 'type' || TIMESTAMP_ATTRIBUTES.has(attribute);
  },
};

/**
 * Rules of `filter` on groups: `id` and `type` take `eq`, and `lastUpdated` and
 * `lastMembershipUpdated` take `eq` and ordering operators.
 */
const GROUP_FILTER_RULES: FilterRules = {
  caseInsensitive: false,
  allows: (attribute, operator) => {
    if (attribute === 'id' || attribute === 'type') return operator === 'eq';
    const timestamp = attribute === 'lastUpdated' || attribute === 'lastMembershipUpdated';
    return timestamp && (operator === 'eq' || ORDERING_OPERATORS.has(operator));
  },
};

/**
 * Handles `GET /api/v1/groups`. `q` matches the start of `profile.name` without regard to case
 * and is never paged. `search` and `filter` narrow the list, which is then paged with `after`.
 * `expand=stats` adds `_embedded.stats`.
 */
export function listGroups(request: SandboxRequest): SandboxResponse {
  const includeStats = expandIncludes(request, 'stats');
  const query = request.query.get('q');
  const response = query === null ? searchedGroups(request) : queriedGroups(request, query);

  const page = response.body as JsonObject[];
  return { ...response, body: page.map((group) => renderGroup(request, group, includeStats)) };
}

function searchedGroups(request: SandboxRequest): SandboxResponse {
  const groups = [...request.state.groups.values()];
  const matching = applySearchAndFilter(request, groups, { search: GROUP_SEARCH_RULES, filter: GROUP_FILTER_RULES });
  return pageOf(request, matching, GROUP_PAGE_LIMITS, requestedOrder(request));
}

function queriedGroups(request: SandboxRequest, query: string): SandboxResponse {
  const matching = [...request.state.groups.values()].filter((group) => nameStartsWith(group, query));
  return singlePage(request, matching, QUERY_DEFAULT_LIMIT, GROUP_PAGE_LIMITS.maxLimit);
}

function nameStartsWith(group: JsonObject, prefix: string): boolean {
  const profile = group['profile'];
  const name = isJsonObject(profile) ? profile['name'] : undefined;
  return typeof name === 'string' && name.toLowerCase().startsWith(prefix.toLowerCase());
}
