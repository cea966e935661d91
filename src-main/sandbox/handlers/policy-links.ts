import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { withLinks } from '../http/links.js';
import { isSystem } from './policy-priorities.js';

type LinkSet = Parameters<typeof withLinks>[2];

/**
 * Renders a policy as the API returns it, with `_links` shaped like the spec's examples: a
 * system (default) policy links only to itself (GET, PUT) and its rules. Other policies add
 * DELETE on self, their mappings, the lifecycle operation that applies to their status and,
 * for app sign-in policies, the apps that use them.
 */
export function renderPolicy(policy: JsonObject, baseUrl: string): JsonObject {
  const base = `/api/v1/policies/${String(policy['id'])}`;
  const links: LinkSet = {
    self: { path: base, hints: { allow: isSystem(policy) ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
    rules: { path: `${base}/rules`, hints: { allow: ['GET', 'POST'] } },
  };
  if (isSystem(policy)) return withLinks(policy, baseUrl, links);

  links['mappings'] = { path: `${base}/mappings`, hints: { allow: ['GET', 'POST'] } };
  const lifecycle = policy['status'] === 'ACTIVE' ? 'deactivate' : 'activate';
  links[lifecycle] = { path: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } };
  if (policy['type'] === 'ACCESS_POLICY') links['applications'] = { path: `${base}/app`, hints: { allow: ['GET'] } };
  return withLinks(policy, baseUrl, links);
}

/**
 * Renders a policy rule with `_links`: a system (default) rule links only to itself with GET and
 * PUT, because it can be neither deleted nor deactivated. Other rules add DELETE and the
 * lifecycle operation that applies to their status.
 */
export function renderPolicyRule(rule: JsonObject, policyId: string, baseUrl: string): JsonObject {
  const base = `/api/v1/policies/${policyId}/rules/${String(rule['id'])}`;
  if (isSystem(rule)) return withLinks(rule, baseUrl, { self: { path: base, hints: { allow: ['GET', 'PUT'] } } });

  const lifecycle = rule['status'] === 'ACTIVE' ? 'deactivate' : 'activate';
  return withLinks(rule, baseUrl, {
    self: { path: base, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
    [lifecycle]: { path: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
  });
}
