import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { OKTA_ERROR } from '../../src-shared/okta/error-body.js';
import { Credentials, type ApiToken } from './auth/credentials.js';
import { TokenEndpoint, type ServiceApp } from './auth/token-endpoint.js';
import { Faults, type FaultAction, type FaultSettings } from './faults.js';
import { readRequestBody } from './http/request-body.js';
import type { HttpMethod, SandboxRequest, SandboxResponse } from './http/route.js';
import { RateLimiter, type RateLimitOptions, type RateLimitState } from './http/rate-limits.js';
import { Router } from './http/router.js';
import { malformedBody, methodNotSupported, notFound, SandboxError } from './http/sandbox-error.js';
import { OrgState } from './org-state.js';
import { sandboxRoutes } from './routes.js';
import type { SandboxSeed } from './seed/seed-types.js';

export interface SandboxOptions {
  seed: SandboxSeed;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Read-write API tokens; when none is given, one random token is generated. */
  apiTokens?: ApiToken[];
  serviceApps?: ServiceApp[];
  rateLimits?: RateLimitOptions;
  faults?: FaultSettings;
  /** Milliseconds since the epoch; tests may replace it. */
  clock?: () => number;
  logger?: Logger;
}

/** A running sandbox org. */
export interface SandboxOrg {
  /** The org URL, `http://127.0.0.1:PORT`, with no trailing slash. */
  url: string;
  /** The first API token, for `Authorization: SSWS <token>`. */
  token: string;
  state: OrgState;
  faults: Faults;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1/';
const TOKEN_PATH = '/oauth2/v1/token';

/**
 * Starts a sandbox org: an HTTP server on 127.0.0.1 that speaks the part of the Okta
 * Management API Butterfly uses, serving and changing an in-memory copy of the seed.
 */
export async function startSandbox(options: SandboxOptions): Promise<SandboxOrg> {
  const logger = (options.logger ?? silentLogger()).child({ subsystem: 'sandbox' });
  const clock = options.clock ?? Date.now;
  const apiTokens = options.apiTokens?.length ? options.apiTokens : [{ value: generateApiToken(), readOnly: false }];
  const credentials = new Credentials(apiTokens);
  const context: ServerContext = {
    state: new OrgState(options.seed, clock),
    faults: new Faults(),
    router: new Router(sandboxRoutes()),
    rateLimiter: new RateLimiter(options.rateLimits),
    credentials,
    tokenEndpoint: new TokenEndpoint(options.serviceApps ?? [], credentials),
    logger,
    baseUrl: '',
  };
  if (options.faults) context.faults.set(options.faults);

  const server = createServer((request, response) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      logger.error({ err: error, method: request.method, url: request.url }, 'sandbox request failed');
      if (!response.headersSent) sendError(response, new SandboxError(500, OKTA_ERROR.internalError, 'Internal Server Error'));
      else response.destroy();
    });
  });

  const port = await listen(server, options.port ?? 0);
  context.baseUrl = `http://127.0.0.1:${port}`;
  logger.info({ url: context.baseUrl, seed: options.seed.name }, 'sandbox org started');

  return {
    url: context.baseUrl,
    token: apiTokens[0]?.value ?? '',
    state: context.state,
    faults: context.faults,
    close: () => closeServer(server, logger),
  };
}

/** Generates an API token shaped like Okta's: 42 characters of base64url. */
export function generateApiToken(): string {
  return `00${randomBytes(30).toString('base64url')}`;
}

interface ServerContext {
  state: OrgState;
  faults: Faults;
  router: Router;
  rateLimiter: RateLimiter;
  credentials: Credentials;
  tokenEndpoint: TokenEndpoint;
  logger: Logger;
  baseUrl: string;
}

async function handleRequest(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Concatenated, not resolved: a path starting with // would otherwise be read as a host name.
  const url = new URL(`${context.baseUrl}${request.url ?? '/'}`);
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const method = (request.method ?? 'GET').toUpperCase() as HttpMethod;

  if (path === TOKEN_PATH && method === 'POST') {
    await answerTokenRequest(context, request, response);
    return;
  }
  if (!path.startsWith(API_PREFIX)) {
    sendError(response, notFound(path));
    return;
  }

  const fault = context.faults.nextRequest(path, url.search);
  await delay(context.faults.slowResponsesMs());
  if (fault.kind === 'drop-connection') {
    context.logger.debug({ path }, 'fault: dropping the connection');
    request.socket.destroy();
    return;
  }

  const answer = await answerApiRequest(context, request, method, path, url.searchParams, fault);
  writeAnswer(response, answer, fault.kind === 'truncate-body');
}

async function answerApiRequest(
  context: ServerContext,
  request: IncomingMessage,
  method: HttpMethod,
  path: string,
  query: URLSearchParams,
  fault: FaultAction,
): Promise<Answer> {
  const nowMs = context.state.nowMs();
  const match = context.router.match(method, path);
  if (match.kind !== 'found') {
    return errorAnswer(match.kind === 'wrong-method' ? methodNotSupported(method, path) : notFound(path), nowMs);
  }

  try {
    context.credentials.authorize(request.headers.authorization, method, match.route.scope, nowMs);
  } catch (error) {
    if (error instanceof SandboxError) return errorAnswer(error, nowMs);
    throw error;
  }

  const rate = faultedRateLimit(fault, nowMs) ?? context.rateLimiter.take(match.route.bucket, nowMs);
  if (rate.exceeded) return errorAnswer(rateLimitError(), nowMs, rate);
  if (fault.kind === 'server-error') return errorAnswer(serverError(fault.status), nowMs, rate);

  try {
    const body = await parseJsonBody(request);
    const sandboxRequest: SandboxRequest = {
      method, path, params: match.params, query, body, headers: request.headers,
      state: context.state, faults: context.faults, baseUrl: context.baseUrl,
    };
    const result = await match.route.handle(sandboxRequest);
    return { result, nowMs, rate };
  } catch (error) {
    if (error instanceof SandboxError) {
      context.logger.debug({ method, path, errorCode: error.errorCode }, 'sandbox rejected a request');
      return errorAnswer(error, nowMs, rate);
    }
    throw error;
  }
}

interface Answer {
  result: SandboxResponse;
  nowMs: number;
  rate?: RateLimitState;
}

function errorAnswer(error: SandboxError, nowMs: number, rate?: RateLimitState): Answer {
  return { result: { status: error.status, body: error.toBody() as unknown as SandboxResponse['body'] }, nowMs, rate };
}

function faultedRateLimit(fault: FaultAction, nowMs: number): RateLimitState | undefined {
  if (fault.kind !== 'rate-limit-storm') return undefined;
  return { limit: 1, remaining: 0, resetEpochSeconds: Math.floor(nowMs / 1000) + fault.resetSeconds, exceeded: true };
}

function rateLimitError(): SandboxError {
  return new SandboxError(429, OKTA_ERROR.rateLimited, 'API call exceeded rate limit due to too many requests.');
}

function serverError(status: number): SandboxError {
  return new SandboxError(status, OKTA_ERROR.internalError, 'Internal Server Error');
}

function writeAnswer(response: ServerResponse, answer: Answer, truncate: boolean): void {
  const { result, nowMs, rate } = answer;
  const headers: Record<string, string> = {
    date: new Date(nowMs).toUTCString(),
    'x-okta-request-id': randomBytes(12).toString('base64url'),
    ...result.headers,
  };
  if (rate) {
    headers['x-rate-limit-limit'] = String(rate.limit);
    headers['x-rate-limit-remaining'] = String(rate.remaining);
    headers['x-rate-limit-reset'] = String(rate.resetEpochSeconds);
  }

  const text = result.rawBody ?? (result.body === undefined ? '' : JSON.stringify(result.body));
  if (text !== '') headers['content-type'] = result.contentType ?? 'application/json; charset=utf-8';
  const bytes = Buffer.from(text, 'utf8');
  headers['content-length'] = String(bytes.length);
  response.writeHead(result.status, headers);

  if (truncate && bytes.length > 1) {
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    response.destroy();
    return;
  }
  response.end(bytes);
}

function sendError(response: ServerResponse, error: SandboxError): void {
  writeAnswer(response, errorAnswer(error, Date.now()), false);
}

async function answerTokenRequest(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readRequestBody(request));
  const answer = context.tokenEndpoint.handle(form, `${context.baseUrl}${TOKEN_PATH}`, context.state.nowMs());
  if (answer.status !== 200) context.logger.info({ error: answer.body['error'] }, 'token request rejected');
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

async function parseJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = await readRequestBody(request);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw malformedBody(error instanceof Error ? error.message : 'invalid JSON');
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => {
      if (error) {
        reject(error);
        return;
      }
      logger.info('sandbox org stopped');
      resolve();
    });
    server.closeAllConnections();
  });
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
