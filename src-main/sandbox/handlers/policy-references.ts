import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { validationFailed } from '../http/sandbox-error.js';

/** The kinds of object a policy or rule condition can name by id. */
type ReferenceKind = 'group' | 'user' | 'userType' | 'networkZone' | 'deviceAssurance';

/** A condition field that contains ids, as a path below `conditions`. */
interface ReferenceField {
  path: string[];
  kind: ReferenceKind;
}

/**
 * Condition fields that name other objects, for app sign-in (ACCESS_POLICY) rules, global
 * session (OKTA_SIGN_ON) policies and rules, and the other types that share these shapes.
 */
const REFERENCE_FIELDS: ReferenceField[] = [
  { path: ['people', 'groups', 'include'], kind: 'group' },
  { path: ['people', 'groups', 'exclude'], kind: 'group' },
  { path: ['people', 'users', 'include'], kind: 'user' },
  { path: ['people', 'users', 'exclude'], kind: 'user' },
  { path: ['userType', 'include'], kind: 'userType' },
  { path: ['userType', 'exclude'], kind: 'userType' },
  { path: ['network', 'include'], kind: 'networkZone' },
  { path: ['network', 'exclude'], kind: 'networkZone' },
  { path: ['device', 'assurance', 'include'], kind: 'deviceAssurance' },
];

const KIND_LABELS: Record<ReferenceKind, string> = {
  group: 'group',
  user: 'user',
  userType: 'user type',
  networkZone: 'network zone',
  deviceAssurance: 'device assurance policy',
};

/**
 * Throws Okta's 400 validation error when `conditions` names a group, user, user type, network
 * zone or device assurance policy that does not exist, or uses `connection: ZONE` without zones.
 * The summary is the first bad field, as Okta's is, and each cause names one bad id.
 */
export function checkConditionReferences(state: OrgState, conditions: JsonValue | undefined): void {
  if (!isJsonObject(conditions)) return;
  const causes: string[] = [];
  let firstField: string | undefined;

  for (const field of REFERENCE_FIELDS) {
    const name = `conditions.${field.path.join('.')}`;
    for (const id of idsAt(conditions, field.path)) {
      if (exists(state, field.kind, id)) continue;
      firstField ??= name;
      causes.push(`${name}: The ${KIND_LABELS[field.kind]} '${id}' does not exist in this org.`);
    }
  }

  const network = conditions['network'];
  if (isJsonObject(network) && network['connection'] === 'ZONE' && !hasZones(network)) {
    firstField ??= 'conditions.network';
    causes.push('conditions.network: A ZONE connection needs at least one zone id in include or exclude.');
  }

  if (firstField !== undefined) throw validationFailed(firstField, causes);
}

/** Tells whether the conditions of a policy or rule name this id in any reference field. */
export function conditionsReference(conditions: JsonValue | undefined, id: string): boolean {
  if (!isJsonObject(conditions)) return false;
  return REFERENCE_FIELDS.some((field) => idsAt(conditions, field.path).includes(id));
}

/** Returns `Policy <id>` or `PolicyRule <id>` for every policy and rule whose conditions name this id. */
export function findReferencesTo(state: OrgState, id: string): string[] {
  const found: string[] = [];
  for (const policy of state.policies.values()) {
    if (conditionsReference(policy['conditions'], id)) found.push(`Policy ${String(policy['id'])}`);
  }
  for (const rules of state.policyRules.values()) {
    for (const rule of rules) {
      if (conditionsReference(rule['conditions'], id)) found.push(`PolicyRule ${String(rule['id'])}`);
    }
  }
  return found;
}

function idsAt(conditions: JsonObject, path: string[]): string[] {
  let current: JsonValue | undefined = conditions;
  for (const key of path) {
    if (!isJsonObject(current)) return [];
    current = current[key];
  }
  return Array.isArray(current) ? current.filter((value): value is string => typeof value === 'string') : [];
}

function exists(state: OrgState, kind: ReferenceKind, id: string): boolean {
  switch (kind) {
    case 'group':
      return state.groups.has(id);
    case 'user':
      return state.users.has(id);
    case 'userType':
      return state.userTypes.has(id);
    case 'networkZone':
      return state.networkZones.has(id);
    case 'deviceAssurance':
      return state.deviceAssurances.has(id);
  }
}

function hasZones(network: JsonObject): boolean {
  const include = network['include'];
  const exclude = network['exclude'];
  return (Array.isArray(include) && include.length > 0) || (Array.isArray(exclude) && exclude.length > 0);
}
