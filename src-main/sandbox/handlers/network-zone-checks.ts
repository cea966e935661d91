import { isIP } from 'node:net';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { requireString } from '../http/body-checks.js';
import { validationFailed, type SandboxError } from '../http/sandbox-error.js';

/**
 * Request checks for network zones, from the spec's `NetworkZone` schemas and the
 * `createNetworkZone` description (release 2026.06.3). Every failure is Okta's `E0000001`
 * validation error naming the field.
 */

export const ZONE_TYPES: ReadonlySet<string> = new Set(['IP', 'DYNAMIC', 'DYNAMIC_V2']);
const ZONE_USAGES: ReadonlySet<string> = new Set(['POLICY', 'BLOCKLIST']);
const MAX_NAME_LENGTH = 128;

/** Returns the maximum gateway entries: 150 in an admin-made zone, 1,000 in a blocklist zone, 5,000 in a system zone. */
function maxGateways(usage: string, system: boolean): number {
  if (system) return 5000;
  return usage === 'BLOCKLIST' ? 1000 : 150;
}

/** Returns the maximum proxy entries: 150 in an admin-made zone, 5,000 in a system zone. */
function maxProxies(system: boolean): number {
  return system ? 5000 : 150;
}

/** Maximum number of ASNs, locations or IP service categories in one list of a dynamic zone. */
const MAX_DYNAMIC_ENTRIES = 75;

/** Checks a create or replace body. `system` is true when replacing one of Okta's own zones. */
export function checkZoneBody(body: JsonObject, system: boolean): void {
  const name = requireString(body, 'name', 'NetworkZone');
  if (name.length > MAX_NAME_LENGTH) throw zoneError('name', `The name has ${name.length} characters, over the maximum of ${MAX_NAME_LENGTH}.`);

  const type = requireString(body, 'type', 'NetworkZone');
  if (!ZONE_TYPES.has(type)) throw zoneError('type', `'${type}' is not a zone type. Use IP, DYNAMIC or DYNAMIC_V2.`);

  const usage = body['usage'] ?? 'POLICY';
  if (typeof usage !== 'string' || !ZONE_USAGES.has(usage)) throw zoneError('usage', `${JSON.stringify(usage)} is not a zone usage. Use POLICY or BLOCKLIST.`);

  if (type === 'IP') checkIpZone(body, usage, system);
  else checkDynamicZone(body, type);
}

function checkIpZone(body: JsonObject, usage: string, system: boolean): void {
  const gateways = addressList(body, 'gateways');
  const proxies = addressList(body, 'proxies');
  if (gateways.length === 0 && proxies.length === 0) throw zoneError('gateways', 'An IP zone needs at least one gateway or proxy.');
  if (gateways.length > maxGateways(usage, system)) {
    throw zoneError('gateways', `The zone has ${gateways.length} gateways, over the maximum of ${maxGateways(usage, system)}.`);
  }
  if (proxies.length > maxProxies(system)) throw zoneError('proxies', `The zone has ${proxies.length} proxies, over the maximum of ${maxProxies(system)}.`);
}

/** Returns the address entries of `gateways` or `proxies`, checking each `{type, value}`. */
function addressList(body: JsonObject, field: string): JsonObject[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw zoneError(field, 'The value must be an array of {type, value} addresses.');

  return value.map((entry, index) => {
    if (!isJsonObject(entry) || !isValidAddress(entry)) {
      throw zoneError(`${field}[${index}]`, `${JSON.stringify(entry)} is not a CIDR block or an IP range.`);
    }
    return entry;
  });
}

function isValidAddress(entry: JsonObject): boolean {
  const value = entry['value'];
  if (typeof value !== 'string') return false;
  if (entry['type'] === 'CIDR') {
    const [address = '', prefix = '', ...rest] = value.split('/');
    const version = isIP(address);
    const bits = Number(prefix);
    return version !== 0 && rest.length === 0 && /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
  }
  if (entry['type'] === 'RANGE') {
    const [from = '', to = '', ...rest] = value.split('-');
    return rest.length === 0 && isIP(from) !== 0 && isIP(from) === isIP(to);
  }
  return false;
}

/** Checks that a dynamic zone has ASNs, locations, or a proxy type (DYNAMIC) or IP service categories (DYNAMIC_V2). */
function checkDynamicZone(body: JsonObject, type: string): void {
  const criteria = type === 'DYNAMIC' ? ['asns', 'locations', 'proxyType'] : ['asns', 'locations', 'ipServiceCategories'];
  for (const field of criteria) {
    for (const list of listsIn(body[field])) {
      if (list.length > MAX_DYNAMIC_ENTRIES) throw zoneError(field, `The list has ${list.length} entries, over the maximum of ${MAX_DYNAMIC_ENTRIES}.`);
    }
  }
  if (!criteria.some((field) => isDefined(body[field]))) {
    throw zoneError(criteria[0] ?? 'asns', `A ${type} zone needs at least one of ${criteria.join(', ')}.`);
  }
}

/** Returns the arrays of a criterion: itself (DYNAMIC) or its `include` and `exclude` (DYNAMIC_V2). */
function listsIn(value: JsonValue | undefined): JsonValue[][] {
  if (Array.isArray(value)) return [value];
  if (!isJsonObject(value)) return [];
  return [value['include'], value['exclude']].filter((list): list is JsonValue[] => Array.isArray(list));
}

function isDefined(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return value !== '' && value !== 'null';
  return listsIn(value).some((list) => list.length > 0);
}

export function zoneError(field: string, reason: string): SandboxError {
  return validationFailed(field, [`${field}: ${reason}`]);
}
