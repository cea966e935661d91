import { beforeAll, describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import { findStatusKey, formatValidationErrors, loadOktaSpec, OKTA_SPEC_PATH, readOktaSpec, type OktaSpec } from './okta-spec.js';
import { applySpecQuirkFixes } from './okta-spec/spec-quirks.js';

let spec: OktaSpec;

beforeAll(async () => {
  spec = await loadOktaSpec();
});

/** Returns a copy of an example payload from the spec's `components.examples`. */
function specExample(name: string): JsonObject {
  const examples = (spec.document['components'] as JsonObject)['examples'] as JsonObject;
  const example = examples[name];
  const value = isJsonObject(example) ? example['value'] : undefined;
  if (!isJsonObject(value)) throw new Error(`The spec has no example object named ${name}.`);
  return structuredClone(value);
}

const GROUP_PATH = '/api/v1/groups/00g1emaKYZTWRYYRRTSK';
const APP_PATH = '/api/v1/apps/0oafxqCAJWWGELFTYASJ';

describe('loading', () => {
  it('reads the spec release', () => {
    expect(spec.version).toBe('2026.06.3');
  });

  it('returns one instance per process', async () => {
    expect(await loadOktaSpec()).toBe(spec);
  });

  it('resolves beside the repository', () => {
    expect(OKTA_SPEC_PATH).toMatch(/\/shared\/okta-openapi\/management-minimal\.yaml$/);
  });

  it('missing file names the path', async () => {
    const path = `${OKTA_SPEC_PATH}.missing`;
    await expect(readOktaSpec(path)).rejects.toThrow(path);
  });
});

describe('valid bodies', () => {
  it('group example passes', () => {
    const result = spec.validateResponse({ method: 'GET', path: GROUP_PATH, status: 200, body: specExample('group-example') });
    expect(result.errors).toEqual([]);
    expect(result.operation?.operationId).toBe('getGroup');
    expect(result.checked).toBe('schema');
  });

  it('SAML app example passes', () => {
    const result = spec.validateResponse({ method: 'GET', path: APP_PATH, status: 200, body: specExample('Saml2.0ResponseEx') });
    expect(result.errors).toEqual([]);
  });

  it('list response passes', () => {
    const result = spec.validateResponse({ method: 'GET', path: '/api/v1/groups?limit=2', status: 200, body: [specExample('group-example')] });
    expect(result.errors).toEqual([]);
    expect(result.operation?.operationId).toBe('listGroups');
  });
});

describe('invalid bodies', () => {
  it('wrong enum value fails', () => {
    const group = { ...specExample('group-example'), type: 'TEAM_GROUP' };
    const result = spec.validateResponse({ method: 'GET', path: GROUP_PATH, status: 200, body: group });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/type', message: expect.stringContaining('OKTA_GROUP') }));
  });

  it('missing required field fails', () => {
    const app = specExample('Saml2.0ResponseEx');
    delete app['label'];
    const result = spec.validateResponse({ method: 'GET', path: APP_PATH, status: 200, body: app });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ pointer: '/label', message: 'is required but missing', schemaPath: expect.any(String) });
  });

  it('wrong type fails', () => {
    const group = specExample('group-example');
    (group['profile'] as JsonObject)['name'] = 42;
    const result = spec.validateResponse({ method: 'GET', path: GROUP_PATH, status: 200, body: group });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/profile/name', message: 'must be string' }));
  });

  it('subtype fields are checked', () => {
    // ssoAcsUrl exists only in SamlApplicationSettingsSignOn, so this error shows that the
    // signOnMode discriminator selected the SAML subtype.
    const app = specExample('Saml2.0ResponseEx');
    ((app['settings'] as JsonObject)['signOn'] as JsonObject)['ssoAcsUrl'] = 7;
    const result = spec.validateResponse({ method: 'GET', path: APP_PATH, status: 200, body: app });
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/settings/signOn/ssoAcsUrl', message: 'must be string' }));
  });

  it('error lines name the pointer', () => {
    const group = { ...specExample('group-example'), type: 7 };
    const result = spec.validateResponse({ method: 'GET', path: GROUP_PATH, status: 200, body: group });
    expect(formatValidationErrors(result)).toContain('/type: must be string');
  });
});

describe('routing', () => {
  it('unknown path fails', () => {
    const result = spec.validateResponse({ method: 'GET', path: '/api/v1/widgets', status: 200, body: {} });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ pointer: '', message: 'no path in the spec matches GET /api/v1/widgets' }]);
  });

  it('unknown method fails', () => {
    const result = spec.validateResponse({ method: 'PATCH', path: GROUP_PATH, status: 200, body: {} });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('no PATCH operation');
  });

  it('undocumented status fails', () => {
    const result = spec.validateResponse({ method: 'GET', path: GROUP_PATH, status: 418, body: {} });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('status 418 is not documented');
  });

  it('literal segment beats parameter', () => {
    const result = spec.validateResponse({ method: 'GET', path: '/api/v1/groups/rules', status: 200, body: [] });
    expect(result.operation?.pathTemplate).toBe('/api/v1/groups/rules');
  });

  it('full URL is accepted', () => {
    const result = spec.validateResponse({ method: 'get', path: `http://127.0.0.1:8080${GROUP_PATH}?expand=stats`, status: 200, body: {} });
    expect(result.operation?.operationId).toBe('getGroup');
  });
});

describe('status keys', () => {
  const responses = new Map([['200', 1], ['4XX', 2], ['default', 3]]);

  it.each([
    [200, '200'],
    [404, '4XX'],
    [500, 'default'],
  ])('status %i uses %s', (status, key) => {
    expect(findStatusKey(responses, status)).toBe(key);
  });

  it('no default means undocumented', () => {
    expect(findStatusKey(new Map([['200', 1]]), 500)).toBeUndefined();
  });
});

describe('content types', () => {
  const metadataPath = '/api/v1/apps/0oafxqCAJWWGELFTYASJ/sso/saml/metadata?kid=mXtzOtml09Dg1ZCeKxTRBo3KrQuBWFkJ5oxhVagjTzo';

  it('XML checks content type only', () => {
    const result = spec.validateResponse({ method: 'GET', path: metadataPath, status: 200, body: '<md:EntityDescriptor/>', contentType: 'application/xml; charset=UTF-8' });
    expect(result.errors).toEqual([]);
    expect(result.checked).toBe('content-type');
  });

  it('JSON for XML operation fails', () => {
    const result = spec.validateResponse({ method: 'GET', path: metadataPath, status: 200, body: {} });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('documented: text/xml');
  });

  it('body on empty response fails', () => {
    const result = spec.validateResponse({ method: 'DELETE', path: GROUP_PATH, status: 204, body: { id: 'x' } });
    expect(result.valid).toBe(false);
  });

  it('empty response passes', () => {
    const result = spec.validateResponse({ method: 'DELETE', path: GROUP_PATH, status: 204, body: undefined });
    expect(result.errors).toEqual([]);
    expect(result.checked).toBe('no-body');
  });
});

describe('readOnly and writeOnly', () => {
  it('writeOnly in response fails', () => {
    const result = spec.validateSchema('PasswordCredential', { value: 'correct horse' });
    expect(result.errors).toEqual([
      expect.objectContaining({ pointer: '/value', message: 'is writeOnly in the spec, so a response must not contain it' }),
    ]);
  });

  it('writeOnly in request passes', () => {
    expect(spec.validateSchema('PasswordCredential', { value: 'correct horse' }, 'request').errors).toEqual([]);
  });

  it('required writeOnly only in requests', () => {
    const missingPassword = expect.objectContaining({ pointer: '/password', message: 'is required but missing' });
    expect(spec.validateSchema('AppServiceAccount', {}, 'request').errors).toContainEqual(missingPassword);
    expect(spec.validateSchema('AppServiceAccount', {}, 'response').errors).not.toContainEqual(missingPassword);
  });

  it('required readOnly only in responses', () => {
    const missingCreated = expect.objectContaining({ pointer: '/created', message: 'is required but missing' });
    expect(spec.validateSchema('LogStream', {}, 'response').errors).toContainEqual(missingCreated);
    expect(spec.validateSchema('LogStream', {}, 'request').errors).not.toContainEqual(missingCreated);
  });

  it('readOnly rejected on request', () => {
    const group = { id: '00g1emaKYZTWRYYRRTSK', profile: { name: 'Engineering' } };
    expect(spec.validateSchema('Group', group, 'request').errors).toEqual([]);
    expect(spec.validateSchema('Group', group, 'request-rejecting-read-only').errors).toEqual([
      expect.objectContaining({ pointer: '/id', message: 'is readOnly in the spec, so this request must not contain it' }),
    ]);
  });
});

describe('request bodies', () => {
  it('valid request body passes', () => {
    const result = spec.validateRequestBody({ method: 'PUT', path: GROUP_PATH, body: { profile: { name: 'Engineering' } } });
    expect(result.errors).toEqual([]);
    expect(result.operation?.operationId).toBe('replaceGroup');
  });

  it('invalid request body fails', () => {
    const result = spec.validateRequestBody({ method: 'PUT', path: GROUP_PATH, body: { profile: { name: ['Engineering'] } } });
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/profile/name', message: 'must be string' }));
  });

  it('missing required body fails', () => {
    const result = spec.validateRequestBody({ method: 'PUT', path: GROUP_PATH, body: undefined });
    expect(result.errors[0]?.message).toContain('requires a request body');
  });

  it('unexpected body fails', () => {
    const result = spec.validateRequestBody({ method: 'GET', path: GROUP_PATH, body: {} });
    expect(result.errors[0]?.message).toContain('documents no request body');
  });
});

describe('named schemas', () => {
  it('unknown schema name fails', () => {
    const result = spec.validateSchema('Gruop', {});
    expect(result.errors).toEqual([{ pointer: '', message: "the spec has no schema named 'Gruop' in components.schemas" }]);
  });

  it('component example passes', () => {
    expect(spec.validateSchema('Group', specExample('group-example')).errors).toEqual([]);
  });
});

describe('spec quirk fixes', () => {
  it('changed spot fails loading', () => {
    const document: JsonObject = { components: { schemas: { Thing: { type: 'string', pattern: '^a$' } } } };
    const fix = { pointer: '#/components/schemas/Thing/pattern', problem: 'test', expected: '(?i)^a$', replace: () => '^[aA]$' };
    expect(() => applySpecQuirkFixes(document, [fix])).toThrow('#/components/schemas/Thing/pattern');
  });

  it('matching spot is replaced', () => {
    const document: JsonObject = { components: { schemas: { Thing: { type: 'string', pattern: '(?i)^a$' } } } };
    const fix = { pointer: '#/components/schemas/Thing/pattern', problem: 'test', expected: '(?i)^a$', replace: () => '^[aA]$' };
    applySpecQuirkFixes(document, [fix]);
    expect(document).toEqual({ components: { schemas: { Thing: { type: 'string', pattern: '^[aA]$' } } } });
  });
});
