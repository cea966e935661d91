import type { IncomingHttpHeaders } from 'node:http';
import type { JsonValue } from '../../../src-shared/json/json-types.js';
import type { Logger } from '../../logging/logger.js';
import type { Faults } from '../faults.js';
import type { OrgState } from '../org-state.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parts of one request that a handler reads. */
export interface SandboxRequest {
  method: HttpMethod;
  /** Path without the query, `//` collapsed. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  headers: IncomingHttpHeaders;
  state: OrgState;
  faults: Faults;
  /** The org URL, `http://127.0.0.1:PORT`, used to build absolute links. */
  baseUrl: string;
  logger: Logger;
}

/** A handler's result; the server adds the headers every response carries. */
export interface SandboxResponse {
  status: number;
  body?: JsonValue;
  /** Sent as is instead of `body`, for XML and form responses. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Rate-limit buckets, named after the groups in Okta's management rate-limit table: the apps
 * list and create endpoint, a single app and its sub-resources, groups, a single group, users
 * and everything else.
 */
export type RateLimitBucket = 'apps' | 'app' | 'groups' | 'group' | 'users' | 'user' | 'other';

/** One endpoint: its method, path template with `:name` parameters, OAuth scope and handler. */
export interface Route {
  method: HttpMethod;
  path: string;
  /**
   * The `okta.*` scope a bearer token needs. A `.read` scope is also satisfied by the matching
   * `.manage` scope, as in Okta. Methods other than GET always need a `.manage` scope.
   */
  scope: string;
  bucket: RateLimitBucket;
  handle: (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
}

export function ok(body: JsonValue, headers?: Record<string, string>): SandboxResponse {
  return { status: 200, body, headers };
}

export function created(body: JsonValue): SandboxResponse {
  return { status: 201, body };
}

export function noContent(): SandboxResponse {
  return { status: 204 };
}
