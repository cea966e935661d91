import type { HeaderReader } from './rate-governor.js';

/** Network error codes worth retrying: the connection broke, timed out or was refused mid-run. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/**
 * A failed request to Okta: its HTTP status and Okta error code when the org responded, or the
 * network failure when it did not. Messages name the URL path and Okta's summary and causes;
 * they never carry a credential, because the SDK puts none in its errors.
 */
export class OktaRequestError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly status: number | undefined,
    readonly errorCode: string | undefined,
    readonly headers: HeaderReader | undefined,
    /** True for network failures worth retrying (connection reset, truncated body). */
    readonly transient: boolean,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'OktaRequestError';
  }

  /** Turns whatever the SDK or fetch threw into an OktaRequestError. */
  static from(error: unknown, url: string): OktaRequestError {
    const path = pathOf(url);
    if (error instanceof OktaRequestError) return error;
    const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    const status = typeof fields['status'] === 'number' ? fields['status'] : undefined;
    const headers = isHeaderReader(fields['headers']) ? fields['headers'] : undefined;

    if (status !== undefined) {
      const errorCode = typeof fields['errorCode'] === 'string' ? fields['errorCode'] : undefined;
      const summary = describeOktaError(fields, status);
      return new OktaRequestError(`GET ${path} failed: HTTP ${status}${errorCode ? ` ${errorCode}` : ''} ${summary}`.trim(), path, status, errorCode, headers, false);
    }

    const code = typeof fields['code'] === 'string' ? fields['code'] : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const transient = (code !== undefined && TRANSIENT_CODES.has(code)) || isBrokenBody(error, message);
    return new OktaRequestError(`GET ${path} failed: ${message}`, path, undefined, undefined, undefined, transient);
  }

  /** Returns a copy that records how many attempts were made, for the final error message. */
  withAttempts(attempts: number): OktaRequestError {
    const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return new OktaRequestError(`${this.message}${suffix}`, this.path, this.status, this.errorCode, this.headers, this.transient, attempts);
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

function describeOktaError(fields: Record<string, unknown>, status: number): string {
  const summary = typeof fields['errorSummary'] === 'string' ? fields['errorSummary'] : '';
  const causes = Array.isArray(fields['errorCauses'])
    ? fields['errorCauses'].map((cause) => (cause as Record<string, unknown>)['errorSummary']).filter((text) => typeof text === 'string')
    : [];
  const text = [summary, ...causes].filter(Boolean).join(' ');
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
