import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { DrillError, type DrillMethod, type DrillReport, type DrillRequestRecord, type TouchedObject } from './drill-types.js';

export interface DrillApiOptions {
  /** The org's URL without a path, such as `http://127.0.0.1:8900` or `https://acme.okta.com`. */
  orgUrl: string;
  /** An API token, sent as `Authorization: SSWS <token>`. */
  token: string;
  logger?: Logger;
}

interface ParsedResponse {
  headers: Headers;
  body: JsonValue | undefined;
}

/**
 * The Okta Management API as a drill uses it: plain `fetch` calls with an API token, one
 * attempt each. It records every request and the objects the drill reports as changed, which
 * make up the drill's report. A 4xx or 5xx response throws a `DrillError` carrying Okta's error
 * code and causes.
 */
export class DrillApi {
  readonly orgUrl: string;
  private readonly token: string;
  private readonly logger: Logger;
  private readonly requests: DrillRequestRecord[] = [];
  private readonly touched: TouchedObject[] = [];

  constructor(options: DrillApiOptions) {
    this.orgUrl = options.orgUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.logger = (options.logger ?? silentLogger()).child({ subsystem: 'drill' });
  }

  /** Reads one object, such as `/api/v1/apps/0oa…`. */
  async get(path: string): Promise<JsonObject> {
    const response = await this.send('GET', path);
    return expectObject(response.body, 'GET', path);
  }

  /** Reads every page of a list, following the `Link: <…>; rel="next"` headers. */
  async list(path: string): Promise<JsonObject[]> {
    const items: JsonObject[] = [];
    const visited = new Set<string>();
    let next: string | undefined = path;
    while (next !== undefined) {
      if (visited.has(next)) throw new DrillError(`GET ${path} failed: the org returned the page ${next} twice, so the list never ends.`);
      visited.add(next);

      const response = await this.send('GET', next);
      items.push(...expectArray(response.body, next));
      next = this.nextPagePath(response.headers.get('link'), next);
    }
    return items;
  }

  /** Sends a POST and returns the JSON response body, if any. */
  async post(path: string, body?: JsonValue): Promise<JsonValue | undefined> {
    return (await this.send('POST', path, body)).body;
  }

  async put(path: string, body: JsonValue): Promise<JsonValue | undefined> {
    return (await this.send('PUT', path, body)).body;
  }

  async patch(path: string, body: JsonValue): Promise<JsonValue | undefined> {
    return (await this.send('PATCH', path, body)).body;
  }

  async delete(path: string): Promise<void> {
    await this.send('DELETE', path);
  }

  /** Adds an object to the report's list of changed objects. */
  touch(object: TouchedObject): void {
    this.touched.push(object);
  }

  /** Returns copies of the requests sent so far. */
  requestsSent(): DrillRequestRecord[] {
    return this.requests.map((request) => ({ ...request }));
  }

  report(drill: string): DrillReport {
    return { drill, orgUrl: this.orgUrl, requests: this.requestsSent(), touched: this.touched.map((object) => ({ ...object })) };
  }

  private async send(method: DrillMethod, path: string, body?: JsonValue): Promise<ParsedResponse> {
    if (!path.startsWith('/api/v1/')) throw new Error(`Drill request path '${path}' must start with /api/v1/.`);
    const response = await this.fetchOrThrow(method, path, body);
    const text = await response.text();
    this.requests.push({ method, path, status: response.status, ...(body === undefined ? {} : { body }) });
    this.logger[method === 'GET' ? 'debug' : 'info']({ method, path, status: response.status }, 'drill request sent');

    const parsed = parseBody(text, response.headers.get('content-type'), method, path);
    if (!response.ok) throw requestFailed(method, path, response.status, parsed);
    return { headers: response.headers, body: parsed };
  }

  private async fetchOrThrow(method: DrillMethod, path: string, body: JsonValue | undefined): Promise<Response> {
    const headers: Record<string, string> = { authorization: `SSWS ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.orgUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'error' });
    } catch (error) {
      // fetch rejects with a generic "fetch failed" and puts the network error in `cause`.
      const detail = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = detail instanceof Error ? detail.message : String(detail);
      throw new DrillError(`${method} ${path} failed: ${this.orgUrl} could not be reached (${reason}).`, { cause: error });
    }
  }

  /** Returns the path of the next page, and rejects a next link that leaves the org. */
  private nextPagePath(link: string | null, current: string): string | undefined {
    const target = link?.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1];
    if (target === undefined) return undefined;
    const url = new URL(target, this.orgUrl);
    if (url.origin !== new URL(this.orgUrl).origin) {
      throw new DrillError(`GET ${current} failed: the next-page link points to ${url.origin}, outside the org ${this.orgUrl}.`);
    }
    return `${url.pathname}${url.search}`;
  }
}

function parseBody(text: string, contentType: string | null, method: DrillMethod, path: string): JsonValue | undefined {
  if (text === '' || !contentType?.includes('json')) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new DrillError(`${method} ${path} returned invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** Builds the error for a 4xx or 5xx response from Okta's error body, when there is one. */
function requestFailed(method: DrillMethod, path: string, status: number, body: JsonValue | undefined): DrillError {
  if (!isJsonObject(body)) return new DrillError(`${method} ${path} failed with HTTP ${status}.`);
  const code = typeof body['errorCode'] === 'string' ? ` ${body['errorCode']}` : '';
  const summary = typeof body['errorSummary'] === 'string' ? `: ${body['errorSummary']}` : '';
  const causes = Array.isArray(body['errorCauses'])
    ? body['errorCauses'].flatMap((cause) => (isJsonObject(cause) && typeof cause['errorSummary'] === 'string' ? [cause['errorSummary']] : []))
    : [];
  const causeText = causes.length > 0 ? ` (${causes.join('; ')})` : '';
  return new DrillError(`${method} ${path} failed with HTTP ${status}${code}${summary}${causeText}`);
}

function expectObject(body: JsonValue | undefined, method: DrillMethod, path: string): JsonObject {
  if (!isJsonObject(body)) throw new DrillError(`${method} ${path} returned no JSON object.`);
  return body;
}

function expectArray(body: JsonValue | undefined, path: string): JsonObject[] {
  if (!Array.isArray(body) || !body.every(isJsonObject)) throw new DrillError(`GET ${path} returned no JSON array of objects.`);
  return body;
}
