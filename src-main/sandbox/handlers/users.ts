import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { FilterOperator, FilterRules } from '../http/filter-expression.js';
import { applySearchAndFilter, requestedOrder, singlePage } from '../http/list-query.js';
import { pageOf } from '../http/paging.js';
import { ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { renderGroup } from './group-views.js';
import { findUserOrThrow, renderUser } from './user-views.js';

/** `limit` of `GET /api/v1/users`: the spec's default 200. The spec gives no maximum, so pages are capped at the default. */
const USER_PAGE_LIMITS = { defaultLimit: 200, maxLimit: 200 };

/** With `q`, the spec's default page size is 10, and the result is never paged. */
const QUERY_DEFAULT_LIMIT = 10;

const READ = 'okta.users.read';

/** The user endpoints Butterfly reads. The sandbox offers no way to change users. */
export const userRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/users', scope: READ, bucket: 'users', handle: listUsers },
  { method: 'GET', path: '/api/v1/users/:idOrLogin', scope: READ, bucket: 'user', handle: getUser },
  { method: 'GET', path: '/api/v1/users/:userId/groups', scope: READ, bucket: 'user', handle: listUserGroups },
];

const TIMESTAMP_ATTRIBUTES: ReadonlySet<string> = new Set(['created', 'activated', 'statusChanged', 'lastUpdated']);
const ORDERING_OPERATORS: ReadonlySet<FilterOperator> = new Set(['gt', 'ge', 'lt', 'le']);
const CONTAINS_ATTRIBUTES: ReadonlySet<string> = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);
const FILTER_ATTRIBUTES: ReadonlySet<string> = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);

/**
 * Rules of `search` on users. Any profile attribute, `id`, `status`, `type.id` and the
 * timestamps take `eq`, `sw` and `pr`. Only first name, last name, email and login take `co`,
 * and only timestamps take ordering operators. String values compare without regard to case.
 */
const USER_SEARCH_RULES: FilterRules = {
  caseInsensitive: true,
  allows: (attribute, operator) => {
    if (operator === 'co') return CONTAINS_ATTRIBUTES.has(attribute);
    if (ORDERING_OPERATORS.has(operator)) return TIMESTAMP_ATTRIBUTES.has(attribute);
    return attribute.startsWith('profile.') || ['id', 'status', 'type.id'].includes(attribute) || TIMESTAMP_ATTRIBUTES.has(attribute);
  },
};

/** Rules of `filter` on users: seven attributes take `eq`, and `lastUpdated` also takes ordering operators. */
const USER_FILTER_RULES: FilterRules = {
  caseInsensitive: false,
  allows: (attribute, operator) =>
    FILTER_ATTRIBUTES.has(attribute) && (operator === 'eq' || (attribute === 'lastUpdated' && ORDERING_OPERATORS.has(operator))),
};

/**
 * Handles `GET /api/v1/users`. Without `search` or `filter`, Okta leaves out `DEPROVISIONED`
 * users. `q` matches the start of the first name, last name or email and is never paged.
 */
function listUsers(request: SandboxRequest): SandboxResponse {
  const query = request.query.get('q');
  const response = query === null ? searchedUsers(request) : queriedUsers(request, query);

  const page = response.body as JsonObject[];
  return { ...response, body: page.map((user) => renderUser(request, user)) };
}

function searchedUsers(request: SandboxRequest): SandboxResponse {
  const narrowed = ['search', 'filter'].some((parameter) => (request.query.get(parameter) ?? '').trim() !== '');
  const users = [...request.state.users.values()].filter((user) => narrowed || user['status'] !== 'DEPROVISIONED');
  const matching = applySearchAndFilter(request, users, { search: USER_SEARCH_RULES, filter: USER_FILTER_RULES });
  return pageOf(request, matching, USER_PAGE_LIMITS, requestedOrder(request));
}

function queriedUsers(request: SandboxRequest, query: string): SandboxResponse {
  const prefix = query.toLowerCase();
  const matching = [...request.state.users.values()].filter(
    (user) => user['status'] !== 'DEPROVISIONED' && queriedFields(user).some((value) => value.toLowerCase().startsWith(prefix)),
  );
  return singlePage(request, matching, QUERY_DEFAULT_LIMIT, USER_PAGE_LIMITS.maxLimit);
}

function queriedFields(user: JsonObject): string[] {
  const profile = isJsonObject(user['profile']) ? user['profile'] : {};
  return [profile['firstName'], profile['lastName'], profile['email']].filter((value): value is string => typeof value === 'string');
}

function getUser(request: SandboxRequest): SandboxResponse {
  const user = findUserOrThrow(request.state, request.params['idOrLogin'] ?? '');
  return ok(renderUser(request, user));
}

/** Lists the groups the user is a member of, all in one response, as Okta does. */
function listUserGroups(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const userId = String(findUserOrThrow(state, request.params['userId'] ?? '')['id']);
  const groups = [...state.groupMembers]
    .filter(([, members]) => members.has(userId))
    .map(([groupId]) => state.groups.get(groupId))
    .filter((group): group is JsonObject => group !== undefined);
  return ok(groups.map((group) => renderGroup(request, group)));
}
