import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger.js';
import { standardHeaders } from '../http/answer.js';
import { MAX_BODY_BYTES, readRequestBody } from '../http/request-body.js';
import { SandboxError } from '../http/sandbox-error.js';
import type { TokenEndpoint, TokenResponse } from './token-endpoint.js';

/**
 * Handles `POST /oauth2/v1/token`: reads the form body, lets the token endpoint decide, and
 * writes its response as OAuth 2.0 JSON (RFC 6749 §5) with `Date`, `X-Okta-Request-Id` and
 * `Cache-Control: no-store`. A body over the size limit gets 413 with an OAuth error body.
 */
export async function answerTokenRequest(
  endpoint: TokenEndpoint,
  request: IncomingMessage,
  response: ServerResponse,
  tokenUrl: string,
  nowMs: number,
  logger: Logger,
): Promise<void> {
  const answer = await tokenAnswer(endpoint, request, tokenUrl, nowMs);
  if (answer.status !== 200) logger.info({ status: answer.status, error: answer.body['error'] }, 'token request rejected');

  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...standardHeaders(nowMs),
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

async function tokenAnswer(endpoint: TokenEndpoint, request: IncomingMessage, tokenUrl: string, nowMs: number): Promise<TokenResponse> {
  let body: string;
  try {
    body = await readRequestBody(request);
  } catch (error) {
    if (!(error instanceof SandboxError) || error.status !== 413) throw error;
    return { status: 413, body: { error: 'invalid_request', error_description: `The request body is larger than ${MAX_BODY_BYTES} bytes.` } };
  }
  return endpoint.handle(new URLSearchParams(body), tokenUrl, nowMs);
}
