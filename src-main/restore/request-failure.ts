import type { JsonObject } from '../../src-shared/json/json-types.js';
import { OktaRequestError } from '../okta/okta-request-error.js';

/** A failed request as the journal records it: Okta's error fields when Okta responded, the network error when it did not. */
export interface RequestFailure {
  message: string;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: JsonObject[];
  network?: boolean;
  /** Attempts the transport made, retries included. */
  attempts: number;
}

/**
 * Describes what a transport call threw. An OktaRequestError gives its status and Okta's error
 * fields. Any other error, such as a programming error, gives only its message.
 */
export function describeRequestFailure(error: unknown): RequestFailure {
  if (!(error instanceof OktaRequestError)) {
    return { message: error instanceof Error ? error.message : String(error), attempts: 1 };
  }

  const failure: RequestFailure = { message: error.message, attempts: error.attempts };
  if (error.status === undefined) {
    failure.network = true;
    return failure;
  }
  failure.status = error.status;
  if (error.errorCode !== undefined) failure.errorCode = error.errorCode;
  if (error.errorSummary !== undefined) failure.errorSummary = error.errorSummary;
  if (error.errorCauses.length > 0) failure.errorCauses = error.errorCauses;
  return failure;
}
