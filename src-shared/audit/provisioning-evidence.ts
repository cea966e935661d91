import { compareCodeUnits } from '../json/canonical-json.js';
import { objectAt, stringAt, valueAt } from '../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { bodiesOf, nameLookup, ownerOf } from './resource-lookup.js';

/** Access granting and removal of one Atlassian app: provisioning, mappings, assignments, pushes. */
export interface AppProvisioningEvidence {
  appId: string;
  label: string;
  status: string;
  signOnMode: string;
  /** The SCIM connection, or a sentence saying there is none. */
  connection: string;
  /** Provisioning features, one line each: `USER_PROVISIONING ENABLED: create on, deactivate on …`. */
  features: string[];
  /** Profile mappings into the app user, one `attribute ← expression` line each. */
  mappings: string[];
  /** Group push mappings: `source → target (status)`. */
  pushes: string[];
  /** Assigned groups by priority: `priority. name (products)`. */
  groupAssignments: string[];
  directUserAssignments: number;
}

/** Describes the provisioning of every app in a snapshot, apps by label. */
export function describeProvisioning(resources: readonly SnapshotResource[]): AppProvisioningEvidence[] {
  const names = nameLookup(resources);
  const byApp = (kind: Parameters<typeof bodiesOf>[1], appId: string) => bodiesOf(resources, kind).filter((entry) => ownerOf(entry.id) === appId);

  return bodiesOf(resources, 'app')
    .map(({ id, body }) => ({
      appId: id,
      label: stringAt(body, '/label') ?? id,
      status: stringAt(body, '/status') ?? 'unknown',
      signOnMode: stringAt(body, '/signOnMode') ?? 'unknown',
      connection: describeConnection(byApp('app-provisioning', id)[0]?.body),
      features: byApp('app-feature', id).map(({ body }) => describeFeature(body)),
      mappings: bodiesOf(resources, 'profile-mapping').filter(({ body }) => stringAt(body, '/target/id') === id).flatMap(({ body }) => describeMapping(body)),
      pushes: byApp('group-push-mapping', id).map(({ body }) =>
        `${names.group(stringAt(body, '/sourceGroupId') ?? '')} → ${names.group(stringAt(body, '/targetGroupId') ?? '')} (${stringAt(body, '/status') ?? 'unknown'})`),
      groupAssignments: byApp('app-group-assignment', id)
        .map(({ id: assignmentId, body }) => ({ body, groupId: assignmentId.slice(id.length + 1) }))
        .sort((a, b) => priorityOf(a.body) - priorityOf(b.body))
        .map(({ body, groupId }) => `${String(valueAt(body, '/priority') ?? '-')}. ${names.group(groupId)}${productsOf(body)}`),
      directUserAssignments: byApp('app-user-assignment', id).length,
    }))
    .sort((a, b) => compareCodeUnits(a.label, b.label));
}

function describeConnection(body: JsonObject | undefined): string {
  if (body === undefined) return 'No provisioning connection captured: accounts are not provisioned by SCIM from Okta.';
  const scheme = stringAt(body, '/authScheme') ?? stringAt(body, '/profile/authScheme') ?? 'unknown';
  const url = stringAt(body, '/baseUrl');
  return `SCIM connection ${stringAt(body, '/status') ?? 'unknown'}, authentication ${scheme}${url === undefined ? '' : `, base URL ${url}`}. The token itself is never captured.`;
}

function describeFeature(body: JsonObject): string {
  const capabilities = objectAt(body, '/capabilities');
  const switches: Array<[string, string]> = [
    ['create users', '/create/lifecycleCreate/status'],
    ['update profiles', '/update/profile/status'],
    ['deactivate users', '/update/lifecycleDeactivate/status'],
    ['sync passwords', '/update/password/status'],
  ];
  const states = switches
    .map(([label, pointer]) => [label, stringAt(capabilities, pointer)] as const)
    .filter(([, state]) => state !== undefined)
    .map(([label, state]) => `${label} ${state === 'ENABLED' ? 'on' : 'off'}`);
  return `${stringAt(body, '/name') ?? 'feature'} ${stringAt(body, '/status') ?? ''}${states.length > 0 ? `: ${states.join(', ')}` : ''}`.trim();
}

function describeMapping(body: JsonObject): string[] {
  const properties = objectAt(body, '/properties');
  return Object.keys(properties)
    .sort()
    .map((attribute) => `${attribute} ← ${stringAt(properties[attribute], '/expression') ?? '?'}`);
}

function productsOf(body: JsonObject): string {
  const products = valueAt(body, '/profile/atlassianProducts');
  if (!Array.isArray(products) || products.length === 0) return '';
  return ` (${products.filter((item) => typeof item === 'string').join(', ')})`;
}

function priorityOf(body: JsonObject): number {
  const priority = isJsonObject(body) ? body['priority'] : undefined;
  return typeof priority === 'number' ? priority : Number.POSITIVE_INFINITY;
}
