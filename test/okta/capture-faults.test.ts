import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { listAll } from '../../src-main/okta/collection-pager.js';
import { createOktaClient } from '../../src-main/okta/okta-client.js';
import { OktaTransport } from '../../src-main/okta/okta-transport.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOptions, SandboxOrg } from '../../src-main/sandbox/server.js';
import { captureSandbox } from '../support/capture-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';

const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const JIRA_GROUP = '00gBGTAyIgewYItLGgY8';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack'), ...options });
  return org;
}

function transportFor(sandbox: SandboxOrg): OktaTransport {
  return new OktaTransport(createOktaClient(sandbox.url, { type: 'api-token', token: sandbox.token }), { initialBackoffMs: 1, sleep: async () => undefined });
}

function ids(resources: SnapshotResource[]): string[] {
  return resources.map((resource) => `${resource.kind} ${resource.id}`);
}

describe('paging', () => {
  it('small pages give the whole list', async () => {
    const sandbox = await start();
    const transport = transportFor(sandbox);

    const small = await listAll(transport, `/api/v1/groups/${JIRA_GROUP}/users?limit=3`);
    const whole = await listAll(transport, `/api/v1/groups/${JIRA_GROUP}/users?limit=1000`);

    expect(small.map((user) => user['id'])).toEqual(whole.map((user) => user['id']));
    expect(whole.length).toBeGreaterThan(6);
  });

  it('empty first page with next link', async () => {
    const sandbox = await start();
    const baseline = await captureSandbox(sandbox);
    sandbox.faults.set({ emptyPageWithNext: true });

    const faulted = await captureSandbox(sandbox);

    expect(ids(faulted.snapshot.resources)).toEqual(ids(baseline.snapshot.resources));
    expect(Object.values(faulted.snapshot.sections).every((section) => section.status !== 'failed')).toBe(true);
  });

  it('empty later page fails the list', async () => {
    const sandbox = await start();
    const transport = transportFor(sandbox);
    const first = await transport.getJson<unknown[]>(`/api/v1/groups/${JIRA_GROUP}/users?limit=3`);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    sandbox.faults.set({ emptyPageWithNext: true });

    const failure = await listAll(transport, next).catch((error: unknown) => error);

    expect(String(failure)).toContain('could not be read whole');
  });

  it('repeated cursor fails the list', async () => {
    const sandbox = await start();
    const transport = transportFor(sandbox);
    const first = await transport.getJson<unknown[]>(`/api/v1/groups/${JIRA_GROUP}/users?limit=3`);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    sandbox.faults.set({ repeatCursor: true });

    const failure = await listAll(transport, next).catch((error: unknown) => error);

    expect(String(failure)).toContain('cursor did not advance');
  });

  it('cursor moving back fails the list', async () => {
    const sandbox = await start();
    sandbox.faults.set({ repeatCursor: true });

    const failure = await listAll(transportFor(sandbox), `/api/v1/groups/${JIRA_GROUP}/users?limit=3`).catch((error: unknown) => error);

    expect(String(failure)).toContain('cursor moved backwards');
  });
});

describe('failures and retries', () => {
  it('5xx on a later page marks the section', async () => {
    const sandbox = await start();
    sandbox.faults.set({ failMatchingRequests: { pathIncludes: `/groups/${JIRA_GROUP}/users`, queryIncludes: 'after=', times: 100, status: 503 } });
    const transport = new OktaTransport(createOktaClient(sandbox.url, { type: 'api-token', token: sandbox.token }), { initialBackoffMs: 1, sleep: async () => undefined });

    const failure = await listAll(transport, `/api/v1/groups/${JIRA_GROUP}/users?limit=2`).catch((error: unknown) => error);

    expect(String(failure)).toContain('HTTP 503');
    expect(String(failure)).toContain('gave up after 6 attempts');
  });

  it('5xx on a later page makes the snapshot incomplete', async () => {
    const seed = await loadSeed('atlassian-stack');
    for (let index = 0; index < 600; index++) {
      const id = `00uextra${String(index).padStart(12, '0')}`;
      seed.users.push({ id, status: 'ACTIVE', profile: { login: `extra${index}@example.test` } });
      seed.groupMembers[JIRA_GROUP]?.push(id);
    }
    org = await startTestSandbox({ seed });
    org.faults.set({ failMatchingRequests: { pathIncludes: `/apps/${PROD_APP}/users`, queryIncludes: 'after=', times: 100, status: 502 } });

    const { snapshot } = await captureSandbox(org);
    const section = snapshot.sections['app-user-assignment'];
    const error = section.status === 'failed' ? section.error : '';

    expect(section.status).toBe('failed');
    expect(error).toContain(`/api/v1/apps/${PROD_APP}/users`);
    expect(error).toContain('HTTP 502');
    expect(snapshot.sections['app'].status).toBe('complete');
  });

  it('failed policies fail their rules', async () => {
    const sandbox = await start();
    sandbox.faults.set({ failMatchingRequests: { pathIncludes: '/api/v1/policies', queryIncludes: 'type=OKTA_SIGN_ON', times: 100, status: 500 } });

    const { snapshot } = await captureSandbox(sandbox);

    expect(snapshot.sections['policy'].status).toBe('failed');
    expect(snapshot.sections['policy-rule'].status).toBe('failed');
  });

  it('single 5xx is retried', async () => {
    const sandbox = await start();
    const baseline = await captureSandbox(sandbox);
    sandbox.faults.set({ serverError: { onRequest: 5, status: 500 } });

    const faulted = await captureSandbox(sandbox);

    expect(ids(faulted.snapshot.resources)).toEqual(ids(baseline.snapshot.resources));
    expect(faulted.requests).toBe(baseline.requests + 1);
  });

  it('dropped connection is retried', async () => {
    const sandbox = await start();
    const baseline = await captureSandbox(sandbox);
    sandbox.faults.set({ dropConnection: { onRequest: 3 } });

    const faulted = await captureSandbox(sandbox);

    expect(ids(faulted.snapshot.resources)).toEqual(ids(baseline.snapshot.resources));
  });

  it('truncated body is retried', async () => {
    const sandbox = await start();
    const baseline = await captureSandbox(sandbox);
    sandbox.faults.set({ truncateBody: { onRequest: 4 } });

    const faulted = await captureSandbox(sandbox);

    expect(ids(faulted.snapshot.resources)).toEqual(ids(baseline.snapshot.resources));
  });

  it('429 burst costs one request each', async () => {
    const sandbox = await start();
    const baseline = await captureSandbox(sandbox);
    sandbox.faults.set({ rateLimitStorm: 3, rateLimitStormResetSeconds: 1 });

    const faulted = await captureSandbox(sandbox);
    const rateLimitWaits = faulted.waits.filter((wait) => wait.reason === '429');

    expect(faulted.requests).toBe(baseline.requests + 3);
    expect(rateLimitWaits).toHaveLength(3);
    expect(rateLimitWaits.every((wait) => wait.ms > 0 && wait.ms <= 2000)).toBe(true);
  });

  it('429 burst is waited out for real', async () => {
    const sandbox = await start();
    sandbox.faults.set({ rateLimitStorm: 1, rateLimitStormResetSeconds: 1 });

    const run = await captureSandbox(sandbox, { realTime: true });

    expect(Object.values(run.snapshot.sections).every((section) => section.status === 'complete')).toBe(true);
  });

  it('headroom avoids 429s', async () => {
    const sandbox = await start({ rateLimits: { windowSeconds: 1, limits: { group: 6 } } });

    const run = await captureSandbox(sandbox, { realTime: true });

    expect(run.waits.filter((wait) => wait.reason === '429')).toEqual([]);
    expect(run.waits.filter((wait) => wait.reason === 'headroom').length).toBeGreaterThan(0);
    expect(run.snapshot.sections['group-members'].status).toBe('complete');
  });

  it('unknown app id is named', async () => {
    const sandbox = await start();

    const failure = await captureSandbox(sandbox, { apps: ['0oa00000000000000000'] }).catch((error: unknown) => error);

    expect(String(failure)).toContain('No app with id 0oa00000000000000000');
  });

  it('unknown app label is named', async () => {
    const sandbox = await start();

    const failure = await captureSandbox(sandbox, { apps: ['Jira Align'] }).catch((error: unknown) => error);

    expect(String(failure)).toContain("No app is labelled 'Jira Align'");
  });

  it('app label selects one app', async () => {
    const sandbox = await start();

    const { snapshot } = await captureSandbox(sandbox, { apps: ['atlassian cloud'] });

    expect(snapshot.resources.filter((resource) => resource.kind === 'app').map((resource) => resource.id)).toEqual([PROD_APP]);
  });
});
