import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import type { HeaderReader } from './rate-governor.js';

/** Network error codes worth retrying: the connection broke, timed out or was refused mid-run. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** What Okta's error body said, and the method of the request, beyond the status and code. */
export interface OktaErrorDetails {
  /** The HTTP method of the failed request; GET when not given. */
  method?: string;
  errorSummary?: string;
  /** Okta's `errorCauses` as sent, usually `{ errorSummary }` objects. */
  errorCauses?: JsonObject[];
}

/**
 * A failed request to Okta: its HTTP status and Okta error code when the org responded, or the
 * network failure when it did not. Messages name the method, the URL path and Okta's summary
 * and causes; they never carry a credential, because the SDK puts none in its errors.
 */
export class OktaRequestError extends Error {
  readonly method: string;
  /** Okta's `errorSummary`, or undefined when the org did not respond with an Okta error body. */
  readonly errorSummary: string | undefined;
  readonly errorCauses: JsonObject[];

  constructor(
    message: string,
    readonly path: string,
    readonly status: number | undefined,
    readonly errorCode: string | undefined,
    readonly headers: HeaderReader | undefined,
    /** True for network failures worth retrying (connection reset, truncated body). */
    readonly transient: boolean,
    readonly attempts = 1,
    details: OktaErrorDetails = {},
  ) {
    super(message);
    this.name = 'OktaRequestError';
    this.method = details.method ?? 'GET';
    this.errorSummary = details.errorSummary;
    this.errorCauses = details.errorCauses ?? [];
  }

  /** Turns whatever the SDK or fetch threw for a `method` request to `url` into an OktaRequestError. */
  static from(error: unknown, url: string, method = 'GET'): OktaRequestError {
    const path = pathOf(url);
    if (error instanceof OktaRequestError) return error;
    const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    const status = typeof fields['status'] === 'number' ? fields['status'] : undefined;
    const headers = isHeaderReader(fields['headers']) ? fields['headers'] : undefined;

    if (status !== undefined) {
      const errorCode = typeof fields['errorCode'] === 'string' ? fields['errorCode'] : undefined;
      const errorSummary = typeof fields['errorSummary'] === 'string' && fields['errorSummary'] !== '' ? fields['errorSummary'] : undefined;
      const errorCauses = Array.isArray(fields['errorCauses']) ? fields['errorCauses'].filter(isJsonObject) : [];
      const summary = describeOktaError(errorSummary, errorCauses, status);
      const message = `${method} ${path} failed: HTTP ${status}${errorCode ? ` ${errorCode}` : ''} ${summary}`.trim();
      return new OktaRequestError(message, path, status, errorCode, headers, false, 1, { method, errorSummary, errorCauses });
    }

    const code = typeof fields['code'] === 'string' ? fields['code'] : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const transient = (code !== undefined && TRANSIENT_CODES.has(code)) || isBrokenBody(error, message);
    return new OktaRequestError(`${method} ${path} failed: ${message}`, path, undefined, undefined, undefined, transient, 1, { method });
  }

  /** Returns a copy that records how many attempts were made, for the final error message. */
  withAttempts(attempts: number): OktaRequestError {
    const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return new OktaRequestError(`${this.message}${suffix}`, this.path, this.status, this.errorCode, this.headers, this.transient, attempts, {
      method: this.method,
      errorSummary: this.errorSummary,
      errorCauses: this.errorCauses,
    });
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function describeOktaError(summary: string | undefined, causes: JsonObject[], status: number): string {
  const causeTexts = causes.map((cause) => cause['errorSummary']).filter((text) => typeof text === 'string');
  const text = [summary, ...causeTexts].filter(Boolean).join(' ');
  return text || (status === 401 ? 'The credential was rejected.' : '');
}

/** Tells whether the body was cut short: node-fetch reports a premature close or invalid JSON from a truncated stream. */
function isBrokenBody(error: unknown, message: string): boolean {
  if (error instanceof SyntaxError) return true;
  return /premature close|unexpected end of json|invalid json response body|socket hang up|aborted/i.test(message);
}

function isHeaderReader(value: unknown): value is HeaderReader {
  return typeof value === 'object' && value !== null && typeof (value as HeaderReader).get === 'function';
}
