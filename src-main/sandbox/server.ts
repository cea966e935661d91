import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { OKTA_ERROR } from '../../src-shared/okta/error-body.js';
import { Credentials, type ApiToken } from './auth/credentials.js';
import { TokenEndpoint, type ServiceApp } from './auth/token-endpoint.js';
import { answerTokenRequest } from './auth/token-route.js';
import { Faults, type FaultAction, type FaultSettings } from './faults.js';
import { errorAnswer, writeAnswer, type Answer } from './http/answer.js';
import { ClientAbortedError, readRequestBody } from './http/request-body.js';
import { parseRequestTarget, type RequestTarget } from './http/request-target.js';
import type { HttpMethod, SandboxRequest } from './http/route.js';
import { RateLimiter, type RateLimitOptions, type RateLimitState } from './http/rate-limits.js';
import { Router, type RouteMatch } from './http/router.js';
import { invalidRequestTarget, malformedBody, methodNotSupported, notFound, SandboxError } from './http/sandbox-error.js';
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
    handleRequest(context, request, response).catch((error: unknown) => respondToUnexpectedError(logger, request, response, error));
  });
  // Node's server closes an idle kept-alive socket after 5 s, about when a client (undici keeps
  // sockets 4 s) may reuse it, so a request now and then met a reset. Idle sockets stay open
  // longer than any client keeps them, so the client always closes first.
  server.keepAliveTimeout = 65_000;

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

/**
 * Handles an error that escaped request handling. A client that went away mid-upload is no
 * server fault, so it is logged at debug level without a stack trace.
 */
function respondToUnexpectedError(logger: Logger, request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (error instanceof ClientAbortedError) {
    logger.debug({ method: request.method, url: request.url }, 'client closed the connection mid-request');
    response.destroy();
    return;
  }
  logger.error({ err: error, method: request.method, url: request.url }, 'sandbox request failed');
  if (response.headersSent) {
    response.destroy();
    return;
  }
  writeAnswer(response, errorAnswer(serverError(500), Date.now()));
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
  const rawTarget = request.url ?? '/';
  const target = parseRequestTarget(rawTarget, context.baseUrl);
  const method = (request.method ?? 'GET').toUpperCase() as HttpMethod;
  const nowMs = context.state.nowMs();

  if (target === undefined) {
    const cause = `'${rawTarget.slice(0, 200)}' is not a path of this org. Send the path and query only, such as /api/v1/apps.`;
    context.logger.debug({ method, target: rawTarget.slice(0, 200) }, 'sandbox rejected a request target');
    writeAnswer(response, errorAnswer(invalidRequestTarget(cause), nowMs));
    return;
  }
  if (target.path === TOKEN_PATH && method === 'POST') {
    await answerTokenRequest(context.tokenEndpoint, request, response, `${context.baseUrl}${TOKEN_PATH}`, nowMs, context.logger);
    return;
  }
  if (!target.path.startsWith(API_PREFIX)) {
    writeAnswer(response, errorAnswer(notFound(target.path), nowMs));
    return;
  }

  const fault = context.faults.nextRequest(target.path, target.search);
  await delay(context.faults.slowResponsesMs());
  if (fault.kind === 'drop-connection') {
    context.logger.debug({ path: target.path }, 'fault: dropping the connection');
    request.socket.destroy();
    return;
  }

  const answer = await answerApiRequest(context, request, method, target, fault);
  writeAnswer(response, answer, fault.kind === 'truncate-body');
}

/**
 * Handles one `/api/v1` request and returns its response. Every response, rejections
 * included, carries the rate-limit state of the route's bucket (`other` for an unknown path).
 */
async function answerApiRequest(
  context: ServerContext,
  request: IncomingMessage,
  method: HttpMethod,
  target: RequestTarget,
  fault: FaultAction,
): Promise<Answer> {
  const nowMs = context.state.nowMs();
  const match = context.router.match(method, target.path);
  if (match.kind !== 'found') return errorAnswer(routeError(match, method, target.path), nowMs, context.rateLimiter.peek('other', nowMs));

  try {
    context.credentials.authorize(request.headers.authorization, method, match.route.scope, nowMs);
  } catch (error) {
    if (error instanceof SandboxError) return errorAnswer(error, nowMs, context.rateLimiter.peek(match.route.bucket, nowMs));
    throw error;
  }

  const rate = faultedRateLimit(fault, nowMs) ?? context.rateLimiter.take(match.route.bucket, nowMs);
  if (rate.exceeded) return errorAnswer(rateLimitError(), nowMs, rate);
  if (fault.kind === 'server-error') return errorAnswer(serverError(fault.status), nowMs, rate);

  try {
    const body = await parseJsonBody(request);
    const sandboxRequest: SandboxRequest = {
      method, path: target.path, params: match.params, query: target.query, body, headers: request.headers,
      state: context.state, faults: context.faults, baseUrl: context.baseUrl, logger: context.logger,
    };
    const result = await match.route.handle(sandboxRequest);
    return { result, nowMs, rate };
  } catch (error) {
    return handlerFailure(context.logger, error, method, target.path, nowMs, rate);
  }
}

/** Turns what a handler threw into a response: Okta's error for a `SandboxError`, a logged 500 for anything else. */
function handlerFailure(logger: Logger, error: unknown, method: HttpMethod, path: string, nowMs: number, rate: RateLimitState): Answer {
  if (error instanceof ClientAbortedError) throw error;
  if (error instanceof SandboxError) {
    logger.debug({ method, path, errorCode: error.errorCode }, 'sandbox rejected a request');
    return errorAnswer(error, nowMs, rate);
  }
  logger.error({ err: error, method, path }, 'sandbox request failed');
  return errorAnswer(serverError(500), nowMs, rate);
}

function routeError(match: Exclude<RouteMatch, { kind: 'found' }>, method: HttpMethod, path: string): SandboxError {
  if (match.kind === 'wrong-method') return methodNotSupported(method, path);
  if (match.kind === 'not-found') return notFound(path);
  return invalidRequestTarget(`The path segment '${match.segment.slice(0, 200)}' is not valid percent-encoding.`);
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
