import { expect } from 'vitest';
import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest } from './sandbox-harness.js';
import { formatValidationErrors, loadOktaSpec, type OktaSpec } from './okta-spec.js';

/**
 * Drives a sandbox org endpoint by endpoint and checks every response against Okta's spec,
 * remembering which route templates were exercised so a test can demand full coverage.
 */
export class SpecTour {
  readonly visited = new Set<string>();
  readonly problems: string[] = [];

  private constructor(
    private readonly org: SandboxOrg,
    private readonly spec: OktaSpec,
  ) {}

  static async start(org: SandboxOrg): Promise<SpecTour> {
    return new SpecTour(org, await loadOktaSpec());
  }

  /**
   * Sends `method template` with the path parameters filled in and checks the status, the
   * response against the spec and a JSON request body against the spec's request schema.
   * Returns the parsed response body.
   */
  async call(method: string, template: string, params: Record<string, string>, options: { body?: unknown; query?: string; status: number }): Promise<unknown> {
    const path = template.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`No value for :${name} in ${template}`);
      return encodeURIComponent(value);
    });
    const url = options.query ? `${path}?${options.query}` : path;
    const response = await apiRequest(this.org, method, url, options.body);
    this.visited.add(`${method} ${template}`);

    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body).slice(0, 400)}`).toBe(options.status);
    this.checkResponse(method, path, response);
    if (options.body !== undefined) this.checkRequestBody(method, path, options.body);
    return response.body;
  }

  private checkResponse(method: string, path: string, response: { status: number; headers: Headers; body: unknown }): void {
    const result = this.spec.validateResponse({
      method,
      path,
      status: response.status,
      body: response.body === '' ? undefined : response.body,
      contentType: response.headers.get('content-type') ?? undefined,
    });
    if (!result.valid) this.problems.push(`response of ${method} ${path} ${response.status}:\n${formatValidationErrors(result)}`);
  }

  private checkRequestBody(method: string, path: string, body: unknown): void {
    const result = this.spec.validateRequestBody({ method, path, body });
    if (!result.valid) this.problems.push(`request body of ${method} ${path}:\n${formatValidationErrors(result)}`);
  }
}

/** Returns a stored-style copy of a response body: `_links` and `_embedded` removed. */
export function writable(body: unknown): JsonObject {
  if (!isJsonObject(body)) throw new Error(`Expected a JSON object, got ${JSON.stringify(body).slice(0, 200)}`);
  const copy = structuredClone(body);
  delete copy['_links'];
  delete copy['_embedded'];
  return copy;
}

/** Reads `id` from a response body. */
export function idOf(body: unknown): string {
  if (!isJsonObject(body) || typeof body['id'] !== 'string') throw new Error(`Response has no id: ${JSON.stringify(body).slice(0, 200)}`);
  return body['id'];
}
