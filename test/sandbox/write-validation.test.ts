import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';

/** Ids from resources/sandbox/atlassian-stack/org.json: the production app and its user mapping. */
const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const USER_TO_APP_MAPPING = 'prmyXyjt57YPucRvfW8Y';

let seed: SandboxSeed;
let org: SandboxOrg | undefined;

beforeAll(async () => {
  seed = await loadSeed('atlassian-stack');
});

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed });
  return org;
}

/** Sends the write and checks that it is rejected with Okta's 400 `E0000001` naming `field`. */
async function expectRejected(sandbox: SandboxOrg, method: string, path: string, body: JsonValue, field: string): Promise<void> {
  const response = await apiRequest(sandbox, method, path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body).toMatchObject({ errorCode: 'E0000001' });
  expect(JSON.stringify((response.body as JsonObject)['errorCauses'])).toContain(field);
}

async function expectAccepted(sandbox: SandboxOrg, method: string, path: string, body: JsonValue): Promise<void> {
  const response = await apiRequest(sandbox, method, path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

describe('profile mapping pushStatus', () => {
  const path = `/api/v1/mappings/${USER_TO_APP_MAPPING}`;

  it.each([['BOGUS'], [42], [true]])('rejects %j', async (pushStatus) => {
    const sandbox = await start();

    await expectRejected(sandbox, 'POST', path, { properties: { atlassianProducts: { expression: 'user.email', pushStatus } } }, 'atlassianProducts.pushStatus');
  });

  it('rejected write changes nothing', async () => {
    const sandbox = await start();
    const before = await apiRequest(sandbox, 'GET', path);

    await apiRequest(sandbox, 'POST', path, { properties: { atlassianProducts: { expression: 'user.email', pushStatus: 'BOGUS' } } });

    expect((await apiRequest(sandbox, 'GET', path)).body).toEqual(before.body);
  });

  it.each([['PUSH'], ['DONT_PUSH']])('accepts %s', async (pushStatus) => {
    const sandbox = await start();

    await expectAccepted(sandbox, 'POST', path, { properties: { atlassianProducts: { expression: 'user.email', pushStatus } } });
  });
});

describe('feature update', () => {
  const path = `/api/v1/apps/${PROD_APP}/features/USER_PROVISIONING`;

  it.each([
    ['a string capability', { create: 'x' }, 'capabilities.create'],
    ['an unknown field', { junk: [1, 2] }, 'capabilities.junk'],
    ['an unknown status', { create: { lifecycleCreate: { status: 'BOGUS' } } }, 'capabilities.create.lifecycleCreate.status'],
    ['an unknown seed', { update: { password: { seed: 'SOMETIMES' } } }, 'capabilities.update.password.seed'],
    ['an unknown change', { update: { password: { change: 'ALWAYS' } } }, 'capabilities.update.password.change'],
    ['a null section', { update: null }, 'capabilities.update'],
  ])('rejects %s', async (_name, body, field) => {
    const sandbox = await start();

    await expectRejected(sandbox, 'PUT', path, body, field);
  });

  it('accepts every enum value', async () => {
    const sandbox = await start();

    await expectAccepted(sandbox, 'PUT', path, {
      create: { lifecycleCreate: { status: 'DISABLED' } },
      update: { lifecycleDeactivate: { status: 'ENABLED' }, profile: { status: 'DISABLED' }, password: { status: 'ENABLED', seed: 'OKTA', change: 'CHANGE' } },
    });
  });
});

describe('device assurance values', () => {
  const path = '/api/v1/device-assurances';

  it.each([
    ['a screen lock type', { platform: 'MACOS', screenLockType: { include: ['NOPE'] } }, 'screenLockType.include[0]'],
    ['a desktop disk encryption', { platform: 'WINDOWS', diskEncryptionType: { include: ['FULL'] } }, 'diskEncryptionType.include[0]'],
    ['an Android disk encryption', { platform: 'ANDROID', diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] } }, 'diskEncryptionType.include[0]'],
    ['a version word', { platform: 'MACOS', osVersion: { minimum: 'not-a-version' } }, 'osVersion.minimum'],
    ['four macOS components', { platform: 'MACOS', osVersion: { minimum: '14.1.2.3' } }, 'osVersion.minimum'],
    ['five Android components', { platform: 'ANDROID', osVersion: { minimum: '1.2.3.4.5' } }, 'osVersion.minimum'],
    ['a dynamic type', { platform: 'IOS', osVersion: { dynamicVersionRequirement: { type: 'LATEST' } } }, 'dynamicVersionRequirement.type'],
    ['a distance of 2', { platform: 'IOS', osVersion: { dynamicVersionRequirement: { type: 'MINIMUM', distanceFromLatestMajor: 2 } } }, 'distanceFromLatestMajor'],
    ['both version kinds', { platform: 'IOS', osVersion: { minimum: '17.0', dynamicVersionRequirement: { type: 'MINIMUM' } } }, 'osVersion'],
    ['a string boolean', { platform: 'ANDROID', jailbreak: 'no' }, 'jailbreak'],
    ['a field of another platform', { platform: 'IOS', diskEncryptionType: { include: ['FULL'] } }, 'diskEncryptionType'],
    ['a Windows major version', { platform: 'WINDOWS', osVersionConstraints: [{ majorVersionConstraint: 'WINDOWS_12' }] }, 'majorVersionConstraint'],
    ['a remediation mode', { platform: 'CHROMEOS', displayRemediationMode: 'LOUD' }, 'displayRemediationMode'],
  ])('rejects %s', async (_name, fields, field) => {
    const sandbox = await start();

    await expectRejected(sandbox, 'POST', path, { name: 'checked', ...fields }, field);
  });

  it('rejected replace changes nothing', async () => {
    const sandbox = await start();
    const [stored] = seed.deviceAssurances;
    const storedPath = `${path}/${String(stored?.['id'])}`;
    const before = await apiRequest(sandbox, 'GET', storedPath);

    await apiRequest(sandbox, 'PUT', storedPath, { ...stored, screenLockType: { include: ['NOPE'] } });

    expect((await apiRequest(sandbox, 'GET', storedPath)).body).toEqual(before.body);
  });

  it.each([
    ['macOS', { platform: 'MACOS', osVersion: { minimum: '14.7.0' }, screenLockType: { include: ['PASSCODE', 'BIOMETRIC'] }, diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] } }],
    ['Android', { platform: 'ANDROID', osVersion: { minimum: '12.4.5.1' }, diskEncryptionType: { include: ['USER', 'FULL'] }, jailbreak: false }],
    ['iOS dynamic', { platform: 'IOS', osVersion: { dynamicVersionRequirement: { type: 'EXACT', distanceFromLatestMajor: 1, latestSecurityPatch: true } } }],
    ['Windows constraints', { platform: 'WINDOWS', osVersionConstraints: [{ majorVersionConstraint: 'WINDOWS_11', minimum: '10.0.22631.4460' }] }],
  ])('accepts %s', async (_name, fields) => {
    const sandbox = await start();

    await expectAccepted(sandbox, 'POST', path, { name: 'checked', ...fields });
  });
});

describe('group profile values', () => {
  it.each([
    ['a number description', { name: 'n', description: 123 }, 'description'],
    ['a null description', { name: 'n', description: null }, 'description'],
    ['a number name', { name: 5 }, 'name'],
    ['a 256-character name', { name: 'x'.repeat(256) }, 'name'],
  ])('rejects %s', async (_name, profile, field) => {
    const sandbox = await start();

    await expectRejected(sandbox, 'POST', '/api/v1/groups', { profile }, field);
  });

  it('accepts a 255-character name', async () => {
    const sandbox = await start();

    await expectAccepted(sandbox, 'POST', '/api/v1/groups', { profile: { name: 'x'.repeat(255), description: 'long' } });
  });

  it('rejects 1e999 as a description', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/api/v1/groups`, {
      method: 'POST',
      headers: { authorization: `SSWS ${sandbox.token}`, 'content-type': 'application/json' },
      body: '{"profile":{"name":"n","description":1e999}}',
    });

    expect(response.status).toBe(400);
  });
});
