import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SandboxRequest } from '../http/route.js';
import { withLinks } from '../http/links.js';
import { findOrThrow } from '../http/body-checks.js';

/** Returns the stored app with this id, or throws Okta's 404. */
export function findApp(request: SandboxRequest, appId: string): JsonObject {
  return findOrThrow(request.state.apps, appId, 'App');
}

/** Renders an app as the API returns it: the stored body with `_links`, the access policy link among them. */
export function renderApp(request: SandboxRequest, app: JsonObject): JsonObject {
  const id = String(app['id']);
  const base = `/api/v1/apps/${id}`;
  const lifecycle = app['status'] === 'ACTIVE' ? 'deactivate' : 'activate';
  const links: Parameters<typeof withLinks>[2] = {
    self: { path: base },
    users: { path: `${base}/users` },
    groups: { path: `${base}/groups` },
    [lifecycle]: { path: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
  };
  if (app['signOnMode'] === 'SAML_2_0') {
    const kid = (app['credentials'] as JsonObject | undefined)?.['signing'] as JsonObject | undefined;
    const query = typeof kid?.['kid'] === 'string' ? `?kid=${kid['kid']}` : '';
    links['metadata'] = { path: `${base}/sso/saml/metadata${query}`, type: 'application/xml' };
  }
  const policyId = request.state.appAccessPolicies.get(id);
  if (policyId) links['accessPolicy'] = { path: `/api/v1/policies/${policyId}` };
  return withLinks(app, request.baseUrl, links);
}
