import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RateLimitState } from './rate-limits.js';
import type { SandboxResponse } from './route.js';
import type { SandboxError } from './sandbox-error.js';

/** A response ready to be written: the handler's result, the server's clock and the rate-limit state to report. */
export interface Answer {
  result: SandboxResponse;
  nowMs: number;
  rate?: RateLimitState;
}

/** Builds the answer for a rejected request: the error's status and Okta's error body. */
export function errorAnswer(error: SandboxError, nowMs: number, rate?: RateLimitState): Answer {
  return { result: { status: error.status, body: error.toBody() as unknown as SandboxResponse['body'] }, nowMs, rate };
}

/**
 * Writes an answer with the headers Okta sends on every response: `Date`, `X-Okta-Request-Id`
 * and, when `rate` is given, `X-Rate-Limit-Limit`, `-Remaining` and `-Reset`. With `truncate`
 * set, only the first half of the body is sent before the connection is closed.
 */
export function writeAnswer(response: ServerResponse, answer: Answer, truncate = false): void {
  const { result, nowMs, rate } = answer;
  const headers: Record<string, string> = { ...standardHeaders(nowMs), ...result.headers };
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

/** Returns `Date` and a fresh `X-Okta-Request-Id`, the headers every sandbox response carries. */
export function standardHeaders(nowMs: number): Record<string, string> {
  return {
    date: new Date(nowMs).toUTCString(),
    'x-okta-request-id': randomBytes(12).toString('base64url'),
  };
}
