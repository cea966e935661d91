import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { startTestSandbox } from '../support/sandbox-harness.js';
import { smallOrgSeed } from '../support/small-org.js';

const CLIENT_ID = '0oaservice0app0test02';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function assertion(audience: string, claims: Record<string, unknown> = {}, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'RS256', kid: 'k1' });
  const payload = base64url({ iss: CLIENT_ID, sub: CLIENT_ID, aud: audience, iat: now, exp: now + 300, jti: randomUUID(), ...claims });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

async function requestToken(sandbox: SandboxOrg, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function form(sandbox: SandboxOrg, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    scope: 'okta.apps.read',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion(`${sandbox.url}/oauth2/v1/token`),
    ...overrides,
  };
}

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({
    seed: smallOrgSeed(),
    serviceApps: [{ clientId: CLIENT_ID, publicKeys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }], grantedScopes: ['okta.apps.read'] }],
  });
  return org;
}

describe('token endpoint', () => {
  it('issues a bearer token', async () => {
    const sandbox = await start();

    const { status, body } = await requestToken(sandbox, form(sandbox));

    expect(status).toBe(200);
    expect(body['token_type']).toBe('Bearer');
    expect(body['scope']).toBe('okta.apps.read');
    expect(typeof body['access_token']).toBe('string');
  });

  it('issued token reads the api', async () => {
    const sandbox = await start();
    const { body } = await requestToken(sandbox, form(sandbox));

    const response = await fetch(`${sandbox.url}/api/v1/apps`, { headers: { authorization: `Bearer ${String(body['access_token'])}` } });

    expect(response.status).toBe(200);
  });

  it.each([
    ['scope not granted', { scope: 'okta.apps.manage' }, 400, 'invalid_scope'],
    ['no scope', { scope: '' }, 400, 'invalid_scope'],
    ['wrong grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['wrong assertion type', { client_assertion_type: 'urn:example' }, 400, 'invalid_client'],
    ['not a jwt', { client_assertion: 'abc' }, 400, 'invalid_client'],
  ])('rejects %s', async (_name, overrides, status, error) => {
    const sandbox = await start();

    const answer = await requestToken(sandbox, form(sandbox, overrides));

    expect(answer.status).toBe(status);
    expect(answer.body['error']).toBe(error);
  });

  it.each([
    ['wrong audience', { aud: 'http://127.0.0.1:1/oauth2/v1/token' }],
    ['expired assertion', { exp: Math.floor(Date.now() / 1000) - 3600 }],
    ['unknown client', { iss: 'someone-else', sub: 'someone-else' }],
  ])('rejects %s as invalid client', async (_name, claims) => {
    const sandbox = await start();

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: assertion(`${sandbox.url}/oauth2/v1/token`, claims) }));

    expect(answer.status).toBe(401);
    expect(answer.body['error']).toBe('invalid_client');
  });

  it('rejects a foreign signature', async () => {
    const sandbox = await start();

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: assertion(`${sandbox.url}/oauth2/v1/token`, {}, stranger) }));

    expect(answer.body['error']).toBe('invalid_client');
  });

  it('rejects a replayed assertion', async () => {
    const sandbox = await start();
    const once = form(sandbox);
    await requestToken(sandbox, once);

    const answer = await requestToken(sandbox, once);

    expect(answer.body['error']).toBe('invalid_client');
  });

  it('forged copy leaves jti unused', async () => {
    const sandbox = await start();
    const audience = `${sandbox.url}/oauth2/v1/token`;
    const jti = randomUUID();
    await requestToken(sandbox, form(sandbox, { client_assertion: assertion(audience, { jti }, stranger) }));

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: assertion(audience, { jti }) }));

    expect(answer.status).toBe(200);
  });

  // The claims are built when the test runs, from one clock reading, so iat and exp cannot drift apart.
  it.each([
    ['exp past an hour after iat', (now: number) => ({ iat: now, exp: now + 3601 })],
    ['exp ten years ahead', (now: number) => ({ iat: now, exp: now + 10 * 365 * 86400 })],
    ['no iat, exp past an hour', (now: number) => ({ iat: undefined, exp: now + 7200 })],
  ])('rejects %s', async (_name, claimsAt) => {
    const sandbox = await start();
    const claims = claimsAt(Math.floor(Date.now() / 1000));

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: assertion(`${sandbox.url}/oauth2/v1/token`, claims) }));

    expect(answer.status).toBe(401);
    expect(String(answer.body['error_description'])).toContain('one hour');
  });

  it('accepts a one-hour lifetime', async () => {
    const sandbox = await start();
    const now = Math.floor(Date.now() / 1000);

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: assertion(`${sandbox.url}/oauth2/v1/token`, { iat: now, exp: now + 3600 }) }));

    expect(answer.status).toBe(200);
  });

  it.each([
    ['null claims', `${base64url({ alg: 'RS256' })}.${Buffer.from('null').toString('base64url')}.x`],
    ['array claims', `${base64url({ alg: 'RS256' })}.${Buffer.from('[1]').toString('base64url')}.x`],
    ['null header', `${Buffer.from('null').toString('base64url')}.${base64url({ iss: CLIENT_ID })}.x`],
  ])('rejects %s as 400', async (_name, clientAssertion) => {
    const sandbox = await start();

    const answer = await requestToken(sandbox, form(sandbox, { client_assertion: clientAssertion }));

    expect(answer.status).toBe(400);
    expect(answer.body['error']).toBe('invalid_client');
  });

  it('oversized body returns 413', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `scope=${'a'.repeat(5 * 1024 * 1024 + 1)}`,
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(413);
    expect(body['error']).toBe('invalid_request');
  });

  it('responses carry date and request id', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/oauth2/v1/token`, { method: 'POST', body: '' });

    expect(response.headers.get('date')).toMatch(/GMT$/);
    expect(response.headers.get('x-okta-request-id')).toBeTruthy();
  });
});
