import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: smallOrgSeed() });
  return org;
}

const usersPath = `/api/v1/apps/${SMALL_ORG.appId}/users`;

describe('fault switches', () => {
  it('server error on the nth request', async () => {
    const sandbox = await start();
    sandbox.faults.set({ serverError: { onRequest: 2, status: 503 } });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await apiRequest(sandbox, 'GET', '/api/v1/apps')).status);

    expect(statuses).toEqual([200, 503, 200]);
  });

  it('rate-limit storm answers 429s', async () => {
    const sandbox = await start();
    sandbox.faults.set({ rateLimitStorm: 2, rateLimitStormResetSeconds: 5 });

    const first = await apiRequest(sandbox, 'GET', '/api/v1/apps');
    await apiRequest(sandbox, 'GET', '/api/v1/apps');
    const third = await apiRequest(sandbox, 'GET', '/api/v1/apps');

    expect(first.status).toBe(429);
    expect(Number(first.headers.get('x-rate-limit-reset')) - Date.now() / 1000).toBeGreaterThan(3);
    expect(third.status).toBe(200);
  });

  it('dropped connection fails the request', async () => {
    const sandbox = await start();
    sandbox.faults.set({ dropConnection: { onRequest: 1 } });

    const failure = await apiRequest(sandbox, 'GET', '/api/v1/apps').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Error);
  });

  it('truncated body fails to parse', async () => {
    const sandbox = await start();
    sandbox.faults.set({ truncateBody: { onRequest: 1 } });

    const failure = await apiRequest(sandbox, 'GET', usersPath).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Error);
  });

  it('empty page keeps a next link', async () => {
    const sandbox = await start();
    sandbox.faults.set({ emptyPageWithNext: true });

    const { body, headers } = await apiRequest(sandbox, 'GET', `${usersPath}?limit=5`);

    expect(body).toEqual([]);
    expect(headers.get('link')).toContain('rel="next"');
  });

  it('repeated cursor points back', async () => {
    const sandbox = await start();
    const firstPage = await apiRequest(sandbox, 'GET', `${usersPath}?limit=5`);
    const next = /<([^>]+)>; rel="next"/.exec(firstPage.headers.get('link') ?? '')?.[1] ?? '';
    const cursor = new URL(next).searchParams.get('after');
    sandbox.faults.set({ repeatCursor: true });

    const second = await apiRequest(sandbox, 'GET', `${usersPath}?limit=5&after=${cursor ?? ''}`);
    const repeated = new URL(/<([^>]+)>; rel="next"/.exec(second.headers.get('link') ?? '')?.[1] ?? '').searchParams.get('after');

    expect(repeated).toBe(cursor);
  });

  it('slow responses are delayed', async () => {
    const sandbox = await start();
    sandbox.faults.set({ slowResponsesMs: 300 });

    const started = performance.now();
    await apiRequest(sandbox, 'GET', '/api/v1/apps');

    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('clear restores normal answers', async () => {
    const sandbox = await start();
    sandbox.faults.set({ rateLimitStorm: 10 });
    sandbox.faults.clear();

    const { status } = await apiRequest(sandbox, 'GET', '/api/v1/apps');

    expect(status).toBe(200);
  });
});
