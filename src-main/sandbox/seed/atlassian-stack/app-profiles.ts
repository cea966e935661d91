import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import {
  ATLASSIAN_APP_NAME, ATLASSIAN_PRODUCTS, PROD_APP_ID, PROD_APP_LABEL, SANDBOX_APP_ID, SANDBOX_APP_LABEL,
} from './apps.js';
import { OKTA_ORG_URL, ORG_CREATED_MS, isoTime, seedId } from './org-facts.js';

/**
 * The profile side of the two apps: the org's default user type, each app's user schema, and
 * the profile mappings between Okta users and app users in both directions. The custom
 * attribute `atlassianProducts` decides which Atlassian products a user gets, and the Okta → app
 * mappings compute it from `user.department`.
 */

export const DEFAULT_USER_TYPE_ID = seedId('userType', 'user');

const SCIM_CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Builds the default user type, with `adminUserId` recorded as its creator. */
export function buildUserTypes(adminUserId: string): JsonObject[] {
  const created = isoTime(ORG_CREATED_MS);
  return [{
    id: DEFAULT_USER_TYPE_ID,
    displayName: 'User',
    name: 'user',
    description: 'Default user profile of the org',
    createdBy: adminUserId,
    lastUpdatedBy: adminUserId,
    created,
    lastUpdated: created,
    default: true,
  }];
}

/** Builds each app's user schema, keyed by app id. */
export function buildAppUserSchemas(): Record<string, JsonObject> {
  const products: JsonObject = {
    title: 'Atlassian products',
    description: 'Atlassian products the user gets on this site',
    type: 'array',
    items: { type: 'string', enum: [...ATLASSIAN_PRODUCTS] },
    scope: 'NONE',
    externalName: 'atlassianProducts',
  };
  const department: JsonObject = {
    title: 'Department', type: 'string', scope: 'NONE', externalName: 'department', externalNamespace: SCIM_ENTERPRISE,
  };

  return {
    [PROD_APP_ID]: appUserSchema(PROD_APP_ID, PROD_APP_LABEL, '2025-02-24T16:20:30.000Z', '2025-03-03T11:41:09.000Z', {
      atlassianProducts: products,
      department,
      title: { title: 'Title', type: 'string', scope: 'NONE', externalName: 'title', externalNamespace: SCIM_CORE },
      organization: {
        title: 'Organization', type: 'string', scope: 'NONE', externalName: 'organization', externalNamespace: SCIM_ENTERPRISE,
      },
    }),
    [SANDBOX_APP_ID]: appUserSchema(SANDBOX_APP_ID, SANDBOX_APP_LABEL, '2025-06-09T13:45:04.000Z', '2025-06-09T14:02:37.000Z', {
      atlassianProducts: products,
      department,
    }),
  };
}

function appUserSchema(appId: string, label: string, created: string, lastUpdated: string, custom: JsonObject): JsonObject {
  const base: JsonObject = {
    userName: { title: 'Username', type: 'string', required: true, scope: 'NONE', maxLength: 100 },
    email: { title: 'Email', type: 'string', format: 'email', scope: 'NONE', externalName: 'emails', externalNamespace: SCIM_CORE },
    givenName: { title: 'Given name', type: 'string', scope: 'NONE', externalName: 'name.givenName', externalNamespace: SCIM_CORE },
    familyName: { title: 'Family name', type: 'string', scope: 'NONE', externalName: 'name.familyName', externalNamespace: SCIM_CORE },
    displayName: { title: 'Display name', type: 'string', scope: 'NONE', externalName: 'displayName', externalNamespace: SCIM_CORE },
  };
  return {
    // NOTE: Okta returns this id as an absolute URL on the org's own host. The seed uses the
    // fictional production host, because the sandbox port is known only at start time.
    id: `${OKTA_ORG_URL}/meta/schemas/apps/${appId}/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: ATLASSIAN_APP_NAME,
    title: `${label} User`,
    created: isoTime(Date.parse(created)),
    lastUpdated: isoTime(Date.parse(lastUpdated)),
    definitions: {
      base: { id: '#base', type: 'object', properties: base, required: ['userName'] },
      custom: { id: '#custom', type: 'object', properties: custom, required: [] },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/base' }, { $ref: '#/definitions/custom' }] } },
  };
}

/** Okta expression language: the products a production user gets by department. */
export const PROD_PRODUCTS_EXPRESSION =
  'user.department=="Engineering" ? {"jira-software","confluence","bitbucket"}'
  + ' : (user.department=="Customer Support" ? {"jira-servicemanagement","confluence"}'
  + ' : (user.department=="IT" ? {"jira-software","jira-servicemanagement","confluence"} : {"confluence"}))';

/** Okta expression language: the products a sandbox-site user gets by department. */
export const SANDBOX_PRODUCTS_EXPRESSION =
  'user.department=="Engineering" || user.department=="Product" ? {"jira-software","confluence"} : {"confluence"}';

/** Builds the four profile mappings: Okta user to each app, and each app back to the Okta user. */
export function buildProfileMappings(): JsonObject[] {
  return [
    mapping('okta-to-prod', userSide(), appSide(PROD_APP_ID), {
      givenName: push('user.firstName'),
      familyName: push('user.lastName'),
      email: push('user.email'),
      displayName: push('user.displayName'),
      title: push('user.title'),
      department: push('user.department'),
      organization: { expression: 'user.organization', pushStatus: 'DONT_PUSH' },
      atlassianProducts: push(PROD_PRODUCTS_EXPRESSION),
    }),
    mapping('prod-to-okta', appSide(PROD_APP_ID), userSide(), {
      login: createOnly('appuser.userName'),
      firstName: createOnly('appuser.givenName'),
      lastName: createOnly('appuser.familyName'),
      email: createOnly('appuser.email'),
      displayName: createOnly('appuser.displayName'),
    }),
    mapping('okta-to-sandbox', userSide(), appSide(SANDBOX_APP_ID), {
      givenName: push('user.firstName'),
      familyName: push('user.lastName'),
      email: push('user.email'),
      displayName: push('user.displayName'),
      department: push('user.department'),
      atlassianProducts: push(SANDBOX_PRODUCTS_EXPRESSION),
    }),
    mapping('sandbox-to-okta', appSide(SANDBOX_APP_ID), userSide(), {
      login: createOnly('appuser.userName'),
      firstName: createOnly('appuser.givenName'),
      lastName: createOnly('appuser.familyName'),
      email: createOnly('appuser.email'),
    }),
  ];
}

function mapping(key: string, source: JsonObject, target: JsonObject, properties: JsonObject): JsonObject {
  return { id: seedId('profileMapping', key), source, target, properties };
}

function userSide(): JsonObject {
  return { id: DEFAULT_USER_TYPE_ID, name: 'user', type: 'user' };
}

function appSide(appId: string): JsonObject {
  return { id: appId, name: ATLASSIAN_APP_NAME, type: 'appuser' };
}

/** Returns a mapped property that Okta applies when it creates the target user and on every update. */
function push(expression: string): JsonObject {
  return { expression, pushStatus: 'PUSH' };
}

/** Returns a mapped property that Okta applies only when it creates the target user. */
function createOnly(expression: string): JsonObject {
  return { expression, pushStatus: 'DONT_PUSH' };
}
