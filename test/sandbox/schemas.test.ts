import { OktaApiError, type UserSchema } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../src-shared/okta/ids.js';
import { emptySeed } from '../../src-main/sandbox/seed/empty-seed.js';
import type { SandboxOptions, SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { expectMatchesSpec } from '../support/directory-seed.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: standardSeed(), ...options });
  return org;
}

const APP_ID = deriveOktaId('app', 'schemas:atlassian');
const EXTENDED_APP_ID = deriveOktaId('app', 'schemas:extended');
const DEFAULT_TYPE_ID = deriveOktaId('userType', 'schemas:default');
const CONTRACTOR_TYPE_ID = deriveOktaId('userType', 'schemas:contractor');
const SCHEMA_PATH = `/api/v1/meta/schemas/apps/${APP_ID}/default`;
const EXTENDED_SCHEMA_PATH = `/api/v1/meta/schemas/apps/${EXTENDED_APP_ID}/default`;

function app(id: string, label: string): JsonObject {
  return { id, name: 'atlassian', label, status: 'ACTIVE', signOnMode: 'SAML_2_0', created: '2025-01-01T00:00:00.000Z', lastUpdated: '2025-01-01T00:00:00.000Z' };
}

function userType(id: string, name: string, isDefault: boolean): JsonObject {
  const at = '2025-01-01T00:00:00.000Z';
  return { id, name, displayName: name, description: `${name} users`, default: isDefault, createdBy: 'system', created: at, lastUpdatedBy: 'system', lastUpdated: at };
}

/** Two user types and two Atlassian apps, one of them with a stored schema that has a custom `atlassianProducts` attribute. */
function standardSeed(): SandboxSeed {
  const seed = emptySeed('schemas');
  seed.apps = [app(APP_ID, 'Atlassian Cloud'), app(EXTENDED_APP_ID, 'Atlassian Sandbox')];
  seed.userTypes = [userType(DEFAULT_TYPE_ID, 'user', true), userType(CONTRACTOR_TYPE_ID, 'contractor', false)];
  seed.appUserSchemas = {
    [EXTENDED_APP_ID]: {
      $schema: 'http://json-schema.org/draft-04/schema#',
      name: 'atlassian',
      title: 'Atlassian Sandbox User',
      created: '2025-01-01T00:00:00.000Z',
      lastUpdated: '2025-01-01T00:00:00.000Z',
      type: 'object',
      definitions: {
        base: { id: '#base', type: 'object', properties: { userName: { title: 'Username', type: 'string', required: true, scope: 'NONE' } }, required: ['userName'] },
        custom: {
          id: '#custom',
          type: 'object',
          properties: { atlassianProducts: { title: 'Atlassian products', type: 'array', items: { type: 'string' }, scope: 'NONE' } },
          required: [],
        },
      },
      properties: { profile: { allOf: [{ $ref: '#/definitions/base' }, { $ref: '#/definitions/custom' }] } },
    },
  };
  return seed;
}

function customProperties(body: unknown): JsonObject {
  const definitions = (body as JsonObject)['definitions'] as JsonObject;
  return (definitions['custom'] as JsonObject)['properties'] as JsonObject;
}

function customUpdate(properties: JsonObject, required?: string[]): JsonObject {
  return { definitions: { custom: { id: '#custom', type: 'object', properties, ...(required ? { required } : {}) } } };
}

describe('app user schema', () => {
  it('defaults for an unextended app', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', SCHEMA_PATH);

    expect(status).toBe(200);
    expect((body as JsonObject)['id']).toBe(`${sandbox.url}/meta/schemas/apps/${APP_ID}/default`);
    expect(customProperties(body)).toEqual({});
    await expectMatchesSpec('GET', SCHEMA_PATH, status, body);
  });

  it('reads with the sdk', async () => {
    const client = sdkClient(await start());

    const schema = await client.schemaApi.getApplicationUserSchema({ appInstanceId: EXTENDED_APP_ID });

    expect(Object.keys(schema.definitions?.custom?.properties ?? {})).toEqual(['atlassianProducts']);
  });

  it('adds a custom property', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const update = customUpdate({ costCenter: { title: 'Cost center', type: 'string', maxLength: 20 } }) as UserSchema;

    await client.schemaApi.updateApplicationUserProfile({ appInstanceId: EXTENDED_APP_ID, body: update });
    const { body } = await apiRequest(sandbox, 'GET', EXTENDED_SCHEMA_PATH);

    expect(Object.keys(customProperties(body))).toEqual(['atlassianProducts', 'costCenter']);
    expect(customProperties(body)['costCenter']).toEqual({ title: 'Cost center', type: 'string', maxLength: 20, scope: 'NONE' });
  });

  it('null removes a property', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', EXTENDED_SCHEMA_PATH, customUpdate({ atlassianProducts: null }));

    expect(status).toBe(200);
    expect(customProperties(body)).toEqual({});
    await expectMatchesSpec('POST', EXTENDED_SCHEMA_PATH, status, body);
  });

  it('stores the first update', async () => {
    const sandbox = await start();

    await apiRequest(sandbox, 'POST', SCHEMA_PATH, customUpdate({ tier: { title: 'Tier', type: 'string' } }, ['tier']));

    const stored = sandbox.state.appUserSchemas.get(APP_ID);
    expect(Object.keys(customProperties(stored))).toEqual(['tier']);
    expect(((stored?.['definitions'] as JsonObject)['custom'] as JsonObject)['required']).toEqual(['tier']);
  });

  it('base property may become optional', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', SCHEMA_PATH, { definitions: { base: { properties: { userName: { required: false } } } } });
    const base = ((body as JsonObject)['definitions'] as JsonObject)['base'] as JsonObject;

    expect((base['properties'] as JsonObject)['userName']).toMatchObject({ required: false });
    expect(base['required']).toEqual([]);
  });

  it.each([
    ['property without type', customUpdate({ tier: { title: 'Tier' } })],
    ['property without title', customUpdate({ tier: { type: 'string' } })],
    ['unknown property type', customUpdate({ tier: { title: 'Tier', type: 'date' } })],
    ['invalid property name', customUpdate({ 'cost-center': { title: 'Cost center', type: 'string' } })],
    ['base property name', customUpdate({ userName: { title: 'Username', type: 'string' } })],
    ['required unknown property', customUpdate({}, ['tier'])],
    ['new base property', { definitions: { base: { properties: { nickName: { title: 'Nick', type: 'string' } } } } }],
    ['base property type change', { definitions: { base: { properties: { userName: { type: 'integer' } } } } }],
  ])('rejects %s', async (_case, update) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', EXTENDED_SCHEMA_PATH, update);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(Object.keys(customProperties(sandbox.state.appUserSchemas.get(EXTENDED_APP_ID)))).toEqual(['atlassianProducts']);
    await expectMatchesSpec('POST', EXTENDED_SCHEMA_PATH, status, body);
  });

  it('unknown app is not found', async () => {
    const client = sdkClient(await start());

    const failure = await client.schemaApi.getApplicationUserSchema({ appInstanceId: deriveOktaId('app', 'missing') }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OktaApiError);
    expect(failure).toMatchObject({ status: 404, errorCode: 'E0000007' });
  });

  it('read-only token cannot update', async () => {
    const sandbox = await start({ apiTokens: [{ value: 'read-only-token-0000000000000000000000000', readOnly: true }] });

    const { status, body } = await apiRequest(sandbox, 'POST', EXTENDED_SCHEMA_PATH, customUpdate({ atlassianProducts: null }));

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect(Object.keys(customProperties(sandbox.state.appUserSchemas.get(EXTENDED_APP_ID)))).toEqual(['atlassianProducts']);
  });
});

describe('user types', () => {
  it('lists with the sdk', async () => {
    const client = sdkClient(await start());

    const types = await client.userTypeApi.listUserTypes();
    const ids: string[] = [];
    for await (const type of types) ids.push(type?.id ?? '');

    expect(ids).toEqual([DEFAULT_TYPE_ID, CONTRACTOR_TYPE_ID]);
  });

  it('list matches the spec', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/meta/types/user');
    const links = (body as JsonObject[])[1]?.['_links'] as JsonObject;

    expect(links['self']).toEqual({ href: `${sandbox.url}/api/v1/meta/types/user/${CONTRACTOR_TYPE_ID}` });
    expect(String((links['schema'] as JsonObject)['href'])).toMatch(new RegExp(`^${sandbox.url}/api/v1/meta/schemas/user/osc`));
    await expectMatchesSpec('GET', '/api/v1/meta/types/user', status, body);
  });

  it.each([
    ['its id', CONTRACTOR_TYPE_ID, CONTRACTOR_TYPE_ID],
    ['default', 'default', DEFAULT_TYPE_ID],
  ])('found by %s', async (_case, key, expected) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/meta/types/user/${key}`);

    expect(status).toBe(200);
    expect((body as JsonObject)['id']).toBe(expected);
    await expectMatchesSpec('GET', `/api/v1/meta/types/user/${key}`, status, body);
  });

  it('unknown type is not found', async () => {
    const sandbox = await start();
    const path = `/api/v1/meta/types/user/${deriveOktaId('userType', 'missing')}`;

    const { status, body } = await apiRequest(sandbox, 'GET', path);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
    await expectMatchesSpec('GET', path, status, body);
  });
});
