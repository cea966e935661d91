import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions, SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: smallOrgSeed(), ...options });
  return org;
}

function nextLink(headers: Headers): string | undefined {
  return /<([^>]+)>; rel="next"/.exec(headers.get('link') ?? '')?.[1];
}

describe('paging', () => {
  it('next link is absolute', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}/users?limit=5&q=user`);

    expect(nextLink(headers)).toMatch(new RegExp(`^${sandbox.url}/api/v1/apps/${SMALL_ORG.appId}/users\\?`));
  });

  it('next link keeps other parameters', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}/users?limit=5&q=user`);
    const next = new URL(nextLink(headers) ?? '');

    expect(next.searchParams.get('q')).toBe('user');
    expect(next.searchParams.get('limit')).toBe('5');
    expect(next.searchParams.get('after')).toMatch(/^00u/);
  });

  it('last page has no next link', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}/users?limit=12`);

    expect(nextLink(headers)).toBeUndefined();
    expect(headers.get('link')).toContain('rel="self"');
  });

  it('limit above maximum is reduced', async () => {
    const sandbox = await start({ seed: smallOrgSeed(510) });

    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}/users?limit=1000`);

    expect(body).toHaveLength(500);
  });

  it('invalid limit is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}/users?limit=abc`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000029' });
  });
});

describe('headers and errors', () => {
  it('every response has rate-limit headers', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', '/api/v1/apps');

    expect(headers.get('x-rate-limit-limit')).toBe('100');
    expect(headers.get('x-rate-limit-remaining')).toBe('99');
    expect(Number(headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(headers.get('date')).toMatch(/GMT$/);
    expect(headers.get('x-okta-request-id')).toBeTruthy();
  });

  it('exhausted bucket answers 429', async () => {
    const sandbox = await start({ rateLimits: { limits: { app: 2 } } });
    const path = `/api/v1/apps/${SMALL_ORG.appId}`;
    await apiRequest(sandbox, 'GET', path);
    await apiRequest(sandbox, 'GET', path);

    const { status, body, headers } = await apiRequest(sandbox, 'GET', path);

    expect(status).toBe(429);
    expect(body).toMatchObject({ errorCode: 'E0000047' });
    expect(headers.get('x-rate-limit-remaining')).toBe('0');
  });

  it('buckets are counted apart', async () => {
    const sandbox = await start({ rateLimits: { limits: { app: 1 } } });
    await apiRequest(sandbox, 'GET', `/api/v1/apps/${SMALL_ORG.appId}`);

    const { status } = await apiRequest(sandbox, 'GET', '/api/v1/apps');

    expect(status).toBe(200);
  });

  it('not found has okta error body', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/apps/0oa00000000000000000');

    expect(status).toBe(404);
    expect(body).toEqual({
      errorCode: 'E0000007',
      errorSummary: expect.stringContaining('Not found') as unknown,
      errorLink: 'E0000007',
      errorId: expect.stringMatching(/^oae/) as unknown,
      errorCauses: [],
    });
  });

  it('missing credentials answer 401', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/api/v1/apps`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000004' });
  });

  it('read-only token cannot write', async () => {
    const sandbox = await start({ apiTokens: [{ value: 'read-write-token', readOnly: false }, { value: 'read-only-token', readOnly: true }] });

    const { status, body } = await apiRequest(sandbox, 'POST', `/api/v1/apps/${SMALL_ORG.appId}/lifecycle/deactivate`, undefined, 'read-only-token');

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect(sandbox.state.apps.get(SMALL_ORG.appId)?.['status']).toBe('ACTIVE');
  });

  it('read-only token can read', async () => {
    const sandbox = await start({ apiTokens: [{ value: 'read-write-token', readOnly: false }, { value: 'read-only-token', readOnly: true }] });

    const { status } = await apiRequest(sandbox, 'GET', '/api/v1/apps', undefined, 'read-only-token');

    expect(status).toBe(200);
  });

  it('malformed json answers 400', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/api/v1/apps/${SMALL_ORG.appId}`, {
      method: 'PUT',
      headers: { authorization: `SSWS ${sandbox.token}`, 'content-type': 'application/json' },
      body: '{"label":',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000003' });
  });

  it('double slash path still matches', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'GET', '//api/v1/apps');

    expect(status).toBe(200);
  });

  it('binds to loopback only', async () => {
    const sandbox = await start();

    expect(new URL(sandbox.url).hostname).toBe('127.0.0.1');
  });
});
