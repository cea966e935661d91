import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile, serveAppRequest } from '../../src-main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'butterfly-protocol-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Butterfly</title>');
  await writeFile(join(root, 'assets', 'index.js'), 'export {};');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  const rejected: [string, string, string][] = [
    ['a parent path behind encoded slashes', 'app://butterfly/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'GET'],
    ['an encoded backslash', 'app://butterfly/..%5c..%5cetc', 'GET'],
    ['a NUL byte', 'app://butterfly/index.html%00.js', 'GET'],
    ['another host', 'app://other/index.html', 'GET'],
    ['a POST', 'app://butterfly/index.html', 'POST'],
    ['bad percent encoding', 'app://butterfly/%E0%A4%A', 'GET'],
  ];

  for (const [name, url, method] of rejected) {
    it(`rejects ${name}`, () => {
      expect(resolveAppFile(url, method, root)).toBeUndefined();
    });
  }

  for (const url of ['app://butterfly/../secrets.key', 'app://butterfly/%2e%2e/%2e%2e/secrets.key']) {
    it(`keeps ${url} inside the folder`, () => {
      expect(resolveAppFile(url, 'GET', root)).toBe(join(root, 'secrets.key'));
    });
  }

  it('serves index.html for the root', () => {
    expect(resolveAppFile('app://butterfly/', 'GET', root)).toBe(join(root, 'index.html'));
  });
});

describe('serveAppRequest', () => {
  it('sends a file with the CSP', async () => {
    const response = await serveAppRequest({ url: 'app://butterfly/assets/index.js', method: 'GET' }, root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 with the CSP', async () => {
    const response = await serveAppRequest({ url: 'app://butterfly/missing.js', method: 'GET' }, root);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
