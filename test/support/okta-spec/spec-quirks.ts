/**
 * Narrow fixes for schemas of the Okta Management API spec (release 2026.06.3) that no
 * validator can run as written, or that the spec's own examples contradict. Each fix names the
 * exact spot, what the spec has there and what the harness uses instead. When a new spec
 * release changes a spot, loading fails, so a fix that is no longer needed cannot hide a new
 * problem.
 */
import { isDeepStrictEqual } from 'node:util';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';

export interface SpecQuirkFix {
  /** JSON pointer into the OpenAPI document. */
  pointer: string;
  /** What is wrong with the value in the spec and why the replacement keeps its meaning. */
  problem: string;
  /** The value the spec has at the pointer; for an object, the keys listed here must match and others may exist. */
  expected: JsonValue;
  /** Returns the value the harness uses, from the value in the spec. */
  replace: (current: JsonValue) => JsonValue;
}

const UUID_CASE_INSENSITIVE = '(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const UUID_BOTH_CASES = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';

/** Fixes for schemas that Ajv cannot compile as written. */
export const UNCOMPILABLE_SCHEMA_FIXES: readonly SpecQuirkFix[] = [
  ...[
    '#/components/schemas/AppServiceAccount/properties/id/pattern',
    '#/components/schemas/OktaManagedUserAccountResponse/properties/id/pattern',
    '#/components/schemas/ServiceAccount/properties/id/pattern',
    '#/components/schemas/SplunkToken/pattern',
  ].map((pointer) => ({
    pointer,
    problem:
      'The pattern starts with the inline flag `(?i)`, which ECMAScript regular expressions reject. ' +
      'The replacement spells out both letter cases, which is what `(?i)` means.',
    expected: UUID_CASE_INSENSITIVE,
    replace: (): JsonValue => UUID_BOTH_CASES,
  })),
  ...[
    ['Csr', 'CSRLinks'],
    ['OAuth2ClientJsonWebKeyResponseBase', 'OAuthClientSecretLinks'],
    ['OAuth2ClientSecret', 'OAuthClientSecretLinks'],
    ['OAuth2ResourceServerJsonWebKey', 'OAuthResourceServerKeyLinks'],
  ].map(([schema, links]) => ({
    pointer: `#/components/schemas/${schema}/properties/_links`,
    problem:
      '`nullable: false` sits beside `$ref`, where Ajv rejects `nullable` for lack of a `type`. ' +
      'Dropping it keeps the meaning, because false is the default.',
    expected: { $ref: `#/components/schemas/${links}`, nullable: false },
    replace: (current: JsonValue): JsonValue => withoutKey(current, 'nullable'),
  })),
  {
    pointer: '#/components/schemas/GroupSchemaAttribute/properties/items',
    problem:
      '`nullable: true` sits beside `$ref`, where OpenAPI 3.0 ignores it and Ajv rejects it for lack of a `type`. ' +
      'The replacement allows null explicitly, which is what the spec author meant.',
    expected: { $ref: '#/components/schemas/UserSchemaAttributeItems', nullable: true },
    replace: (current: JsonValue): JsonValue => ({ anyOf: [withoutKey(current, 'nullable'), { type: 'null' }] }),
  },
];

const APP_EXAMPLES = 'Saml2.0ResponseEx and GetApplicationsResponseEx';

/**
 * Fixes for properties that the schema declares never null but that the spec's own response
 * examples return as null, as the live API does. Only objects the sandbox serves are covered.
 */
export const NULL_VALUE_FIXES: readonly SpecQuirkFix[] = [
  nullableFix('#/components/schemas/ApplicationAccessibility/properties/errorRedirectUrl', { type: 'string' }, APP_EXAMPLES),
  nullableFix('#/components/schemas/ApplicationAccessibility/properties/loginRedirectUrl', { type: 'string' }, APP_EXAMPLES),
  nullableFix('#/components/schemas/ApplicationSettingsNotes/properties/admin', { type: 'string' }, 'Saml2.0ResponseEx'),
  nullableFix('#/components/schemas/ApplicationSettingsNotes/properties/enduser', { type: 'string' }, 'Saml2.0ResponseEx'),
  nullableFix('#/components/schemas/ApplicationSettingsNotificationsVpn/properties/helpUrl', { type: 'string' }, APP_EXAMPLES),
  nullableFix('#/components/schemas/ApplicationSettingsNotificationsVpn/properties/message', { type: 'string' }, APP_EXAMPLES),
  nullableFix('#/components/schemas/SamlApplicationSettingsSignOn/properties/defaultRelayState', { type: 'string' }, 'Saml2.0ResponseEx'),
  nullableFix('#/components/schemas/IPNetworkZone/allOf/2/properties/gateways', { type: 'array' }, 'RetrieveAllZones'),
  nullableFix(
    '#/components/schemas/AccessPolicyRule/allOf/1/properties/conditions',
    { $ref: '#/components/schemas/AccessPolicyRuleConditions' },
    'list-all-access-policy-rule-response',
  ),
];

/** Fixes for request schemas that reject the spec's own request examples. */
export const REQUEST_SCHEMA_FIXES: readonly SpecQuirkFix[] = [
  {
    pointer: '#/components/schemas/ProfileMappingRequest/required',
    problem:
      '`expression` and `pushStatus` are listed as required at the top level, where they are not properties; ' +
      'they belong to each mapped attribute. The examples AddMappingBody and RemoveMappingBody send only `properties`.',
    expected: ['properties', 'expression', 'pushStatus'],
    replace: (): JsonValue => ['properties'],
  },
  {
    pointer: '#/components/schemas/AppUserUpdateRequest',
    problem:
      'The two `oneOf` branches (credentials, profile) have no required properties, so every object matches both and ' +
      '`oneOf` rejects all bodies, the examples AppUserUpdateCredRequest and AppUserUpdateProfileRequest among them. ' +
      '`anyOf` keeps the intent: a body carrying credentials, a profile or both.',
    expected: {
      oneOf: [{ $ref: '#/components/schemas/AppUserCredentialsRequestPayload' }, { $ref: '#/components/schemas/AppUserProfileRequestPayload' }],
    },
    replace: (current: JsonValue): JsonValue => {
      if (!isJsonObject(current)) return current;
      const { oneOf, ...rest } = current;
      return { ...rest, anyOf: oneOf ?? [] };
    },
  },
];

export const SPEC_QUIRK_FIXES: readonly SpecQuirkFix[] = [...UNCOMPILABLE_SCHEMA_FIXES, ...NULL_VALUE_FIXES, ...REQUEST_SCHEMA_FIXES];

function nullableFix(pointer: string, expected: JsonObject, evidence: string): SpecQuirkFix {
  return {
    pointer,
    problem: `The schema does not allow null, but the spec's examples ${evidence} have null here.`,
    expected,
    replace: (current): JsonValue => {
      if (!isJsonObject(current)) return current;
      if (typeof current['$ref'] === 'string') return { anyOf: [current, { type: 'null' }] };
      return { ...current, nullable: true };
    },
  };
}

function withoutKey(value: JsonValue, key: string): JsonValue {
  if (!isJsonObject(value)) return value;
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/**
 * Applies fixes to `document`, in place. Throws when the value at a fix's pointer is not the
 * one the fix expects, naming the pointer, so that the fix gets reviewed.
 */
export function applySpecQuirkFixes(document: JsonObject, fixes: readonly SpecQuirkFix[] = SPEC_QUIRK_FIXES): void {
  for (const fix of fixes) {
    const tokens = fix.pointer.replace(/^#\//, '').split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = tokens.pop();
    let parent: JsonValue | undefined = document;
    for (const token of tokens) parent = Array.isArray(parent) ? parent[Number(token)] : isJsonObject(parent) ? parent[token] : undefined;

    const container = isJsonObject(parent) || Array.isArray(parent) ? parent : undefined;
    const current = container !== undefined && key !== undefined ? readChild(container, key) : undefined;
    if (container === undefined || key === undefined || current === undefined || !matchesExpected(current, fix.expected)) {
      throw new Error(
        `The Okta spec no longer has the expected value at ${fix.pointer}: review the fix in ` +
          'test/support/okta-spec/spec-quirks.ts and remove or update it.',
      );
    }
    writeChild(container, key, fix.replace(structuredClone(current)));
  }
}

function matchesExpected(current: JsonValue, expected: JsonValue): boolean {
  if (!isJsonObject(expected) || !isJsonObject(current)) return isDeepStrictEqual(current, expected);
  return Object.entries(expected).every(([key, value]) => isDeepStrictEqual(current[key], value));
}

function readChild(container: JsonObject | JsonValue[], key: string): JsonValue | undefined {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

function writeChild(container: JsonObject | JsonValue[], key: string, value: JsonValue): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[key] = value;
}
