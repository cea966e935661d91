import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { withLinks } from '../http/links.js';
import type { SandboxRequest } from '../http/route.js';
import { notFound } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';

/** Renders a user the way Okta returns it in lists and by id: the stored body with a `self` link. */
export function renderUser(request: SandboxRequest, user: JsonObject): JsonObject {
  return withLinks(user, request.baseUrl, { self: { path: `/api/v1/users/${String(user['id'])}` } });
}

/**
 * Returns the user with this id, login, or login short name (the part before `@`), or throws
 * Okta's 404. Logins compare without regard to case, as in Okta.
 */
export function findUserOrThrow(state: OrgState, idOrLogin: string): JsonObject {
  const byId = state.users.get(idOrLogin);
  if (byId) return byId;

  const wanted = idOrLogin.toLowerCase();
  const users = [...state.users.values()];
  const byLogin = users.find((user) => loginOf(user).toLowerCase() === wanted);
  if (byLogin) return byLogin;

  const byShortName = users.filter((user) => loginOf(user).toLowerCase().split('@')[0] === wanted);
  if (byShortName.length === 1 && byShortName[0]) return byShortName[0];
  throw notFound(`${idOrLogin} (User)`);
}

function loginOf(user: JsonObject): string {
  const profile = user['profile'];
  const login = isJsonObject(profile) ? profile['login'] : undefined;
  return typeof login === 'string' ? login : '';
}
