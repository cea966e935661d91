import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src-main/logging/logger.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(logLines?: string[]): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: smallOrgSeed(), logger: logLines ? recordingLogger(logLines) : undefined });
  return org;
}

/** Creates a debug-level logger that appends every JSON line it writes to `lines`. */
function recordingLogger(lines: string[]): Logger {
  const destination = { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) };
  return createLogger({ level: 'debug', destination });
}

/** Sends raw bytes to the sandbox and returns its whole response, read until it closes the connection. */
function rawRequest(sandbox: SandboxOrg, text: string): Promise<string> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('the sandbox did not respond within 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function statusOf(rawResponse: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(rawResponse)?.[1]);
}

function bodyOf(rawResponse: string): unknown {
  return JSON.parse(rawResponse.slice(rawResponse.indexOf('\r\n\r\n') + 4));
}

describe('malformed paths', () => {
  it.each(['/api/v1/apps/%ZZ', '/api/v1/apps/%E0%A4%A', '/api/v1/users/%'])('%s returns 400', async (path) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', path, undefined, 'not-a-token');

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: expect.stringContaining('percent-encoding') as unknown }] });
  });

  it('absolute form of another host returns 400', async () => {
    const sandbox = await start();

    const answer = await rawRequest(sandbox, `GET http://example.com/api/v1/apps HTTP/1.1\r\nHost: example.com\r\nAuthorization: SSWS ${sandbox.token}\r\nConnection: close\r\n\r\n`);

    expect(statusOf(answer)).toBe(400);
    expect(bodyOf(answer)).toMatchObject({ errorCode: 'E0000001' });
  });

  it('absolute form of the org is served', async () => {
    const sandbox = await start();

    const answer = await rawRequest(sandbox, `GET ${sandbox.url}/api/v1/apps HTTP/1.1\r\nHost: x\r\nAuthorization: SSWS ${sandbox.token}\r\nConnection: close\r\n\r\n`);

    expect(statusOf(answer)).toBe(200);
  });

  it('asterisk form returns 400', async () => {
    const sandbox = await start();

    const answer = await rawRequest(sandbox, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');

    expect(statusOf(answer)).toBe(400);
    expect(bodyOf(answer)).toMatchObject({ errorCode: 'E0000001' });
  });
});

describe('client abort', () => {
  it('is logged at debug level', async () => {
    const lines: string[] = [];
    const sandbox = await start(lines);
    const upload = `POST /api/v1/groups HTTP/1.1\r\nHost: x\r\nAuthorization: SSWS ${sandbox.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"profile":`;

    await abortMidUpload(sandbox, upload);
    const logged = await waitForLine(lines, 'client closed the connection mid-request');

    expect(JSON.parse(logged)).toMatchObject({ level: 20 });
    expect(lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)).toEqual([]);
  });
});

/** Sends the start of a request, waits until the sandbox has read it, then resets the connection. */
function abortMidUpload(sandbox: SandboxOrg, partial: string): Promise<void> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(partial, () => setTimeout(() => socket.resetAndDestroy(), 100));
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

/** Polls `lines` every 20 ms for up to 2 s for a line containing `text`. */
async function waitForLine(lines: string[], text: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const found = lines.find((line) => line.includes(text));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No log line containing '${text}' within 2 s. Lines:\n${lines.join('\n')}`);
}

describe('standard headers', () => {
  const path = `/api/v1/apps/${SMALL_ORG.appId}`;

  it.each([
    ['401 without credentials', 'GET', path, '', 401],
    ['403 for a read-only token', 'DELETE', path, 'read-only-token', 403],
    ['404 for an unknown path', 'GET', '/api/v1/nothing-here', undefined, 404],
    ['405 for a wrong method', 'PATCH', path, undefined, 405],
  ])('%s', async (_name, method, requestPath, token, status) => {
    org = await startTestSandbox({ seed: smallOrgSeed(), apiTokens: [{ value: 'read-write-token', readOnly: false }, { value: 'read-only-token', readOnly: true }] });

    const { status: actual, headers } = await apiRequest(org, method, requestPath, undefined, token ?? 'read-write-token');

    expect(actual).toBe(status);
    expect(headers.get('x-rate-limit-limit')).toMatch(/^\d+$/);
    expect(headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
    expect(headers.get('x-rate-limit-reset')).toMatch(/^\d+$/);
    expect(headers.get('date')).toMatch(/GMT$/);
    expect(headers.get('x-okta-request-id')).toBeTruthy();
  });

  it('rejections are not counted', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'GET', path, undefined, 'wrong-token');

    const { headers } = await apiRequest(sandbox, 'GET', path);

    expect(headers.get('x-rate-limit-remaining')).toBe(String(Number(headers.get('x-rate-limit-limit')) - 1));
  });
});
