import { describe } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { PROD_APP, changed, checkCases, removed, type FindingCase } from './findings-fixtures.js';

// Findings for the SCIM provisioning connection, the provisioning features ("To App" settings)
// and the app user schema of the seed's production app.

const FEATURE = `${PROD_APP}/USER_PROVISIONING`;
const SCIM_URL = 'https://api.atlassian.com/scim/directory/c159794e-8803-46cc-b93a-372b6c279826';

function capability(feature: JsonObject, group: 'create' | 'update', name: string): JsonObject {
  return ((feature['capabilities'] as JsonObject)[group] as JsonObject)[name] as JsonObject;
}

function customAttributes(schema: JsonObject): JsonObject {
  return ((schema['definitions'] as JsonObject)['custom'] as JsonObject)['properties'] as JsonObject;
}

const connectionCases: FindingCase[] = [
  {
    name: 'provisioning disabled',
    change: () => changed('app-provisioning', PROD_APP, ['/status'], (connection) => { connection['status'] = 'DISABLED'; }),
    code: 'provisioning-disabled',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "Provisioning connection of app 'Atlassian Cloud' was disabled.",
  },
  {
    name: 'provisioning removed',
    change: () => removed('app-provisioning', PROD_APP),
    code: 'provisioning-removed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "Provisioning connection of app 'Atlassian Cloud' was removed.",
  },
  {
    name: 'SCIM base URL changed',
    change: () => changed('app-provisioning', PROD_APP, ['/baseUrl'], (connection) => { connection['baseUrl'] = 'https://api.atlassian.com/scim/directory/other'; }),
    code: 'provisioning-base-url-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: `Provisioning connection of app 'Atlassian Cloud': SCIM connector base URL changed from ${SCIM_URL} to https://api.atlassian.com/scim/directory/other.`,
  },
  {
    name: 'authentication mode changed',
    change: () => changed('app-provisioning', PROD_APP, ['/authScheme', '/profile/authScheme'], (connection) => {
      connection['authScheme'] = 'BASIC';
      (connection['profile'] as JsonObject)['authScheme'] = 'BASIC';
    }),
    code: 'provisioning-auth-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "Provisioning connection of app 'Atlassian Cloud': authentication mode changed from TOKEN to BASIC.",
  },
];

const featureCases: FindingCase[] = [
  {
    name: 'deactivate users disabled',
    change: () => changed('app-feature', FEATURE, ['/capabilities/update/lifecycleDeactivate/status'], (feature) => {
      capability(feature, 'update', 'lifecycleDeactivate')['status'] = 'DISABLED';
    }),
    code: 'deprovisioning-changed',
    severity: 'critical',
    resourceIds: [FEATURE, PROD_APP],
    sentence: "Provisioning feature USER_PROVISIONING of app 'Atlassian Cloud': Deactivate Users changed from ENABLED to DISABLED.",
  },
  {
    name: 'deactivate users dropped whole',
    change: () => changed('app-feature', FEATURE, ['/capabilities/update/lifecycleDeactivate'], (feature) => {
      delete ((feature['capabilities'] as JsonObject)['update'] as JsonObject)['lifecycleDeactivate'];
    }),
    code: 'deprovisioning-changed',
    severity: 'critical',
    resourceIds: [FEATURE, PROD_APP],
    sentence: "Provisioning feature USER_PROVISIONING of app 'Atlassian Cloud': Deactivate Users cleared (was ENABLED).",
  },
  {
    name: 'feature removed while deactivating',
    change: () => removed('app-feature', FEATURE),
    code: 'deprovisioning-changed',
    severity: 'critical',
    resourceIds: [FEATURE, PROD_APP],
    sentence: "Provisioning feature USER_PROVISIONING of app 'Atlassian Cloud' was removed, which turns off Deactivate Users.",
  },
  {
    name: 'create users disabled',
    change: () => changed('app-feature', FEATURE, ['/capabilities/create/lifecycleCreate/status'], (feature) => {
      capability(feature, 'create', 'lifecycleCreate')['status'] = 'DISABLED';
    }),
    code: 'app-feature-changed',
    severity: 'medium',
    resourceIds: [FEATURE, PROD_APP],
    sentence: "Provisioning feature USER_PROVISIONING of app 'Atlassian Cloud': Create Users changed from ENABLED to DISABLED.",
  },
  {
    name: 'password seed changed',
    change: () => changed('app-feature', FEATURE, ['/capabilities/update/password/seed'], (feature) => {
      capability(feature, 'update', 'password')['seed'] = 'OKTA';
    }),
    code: 'app-feature-changed',
    severity: 'medium',
    resourceIds: [FEATURE, PROD_APP],
    sentence: "Provisioning feature USER_PROVISIONING of app 'Atlassian Cloud': settings changed: /capabilities/update/password/seed.",
  },
];

const schemaCases: FindingCase[] = [
  {
    name: 'schema attribute removed',
    change: () => changed('app-user-schema', PROD_APP, ['/definitions/custom/properties/department'], (schema) => { delete customAttributes(schema)['department']; }),
    code: 'app-schema-attribute-removed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "User schema of app 'Atlassian Cloud': attribute `department` was removed.",
  },
  {
    name: 'schema attributes added',
    change: () => changed('app-user-schema', PROD_APP, ['/definitions/custom/properties/costCenter', '/definitions/custom/properties/division'], (schema) => {
      customAttributes(schema)['costCenter'] = { title: 'Cost center', type: 'string', scope: 'NONE' };
      customAttributes(schema)['division'] = { title: 'Division', type: 'string', scope: 'NONE' };
    }),
    code: 'app-schema-attribute-added',
    severity: 'medium',
    resourceIds: [PROD_APP],
    sentence: "User schema of app 'Atlassian Cloud': attributes `costCenter` and `division` were added.",
  },
  {
    name: 'schema attribute changed',
    change: () => changed('app-user-schema', PROD_APP, ['/definitions/custom/properties/title/title'], (schema) => { (customAttributes(schema)['title'] as JsonObject)['title'] = 'Job title'; }),
    code: 'app-schema-attribute-changed',
    severity: 'low',
    resourceIds: [PROD_APP],
    sentence: "User schema of app 'Atlassian Cloud': attribute `title` was changed.",
  },
];

describe('provisioning connection findings', () => checkCases(connectionCases));
describe('provisioning feature findings', () => checkCases(featureCases));
describe('app user schema findings', () => checkCases(schemaCases));
