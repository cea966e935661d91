import { randomBytes } from 'node:crypto';
import { OKTA_ERROR, type OktaErrorBody } from '../../../src-shared/okta/error-body.js';

/**
 * An error the sandbox returns as Okta's error body. Handlers throw it; the server turns it
 * into the response, so every rejection has the same shape as the real API's.
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly errorCauses: string[] = [],
  ) {
    super(`${status} ${errorCode} ${errorSummary}`);
    this.name = 'SandboxError';
  }

  toBody(): OktaErrorBody {
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: `oae${randomBytes(11).toString('base64url')}`,
      errorCauses: this.errorCauses.map((summary) => ({ errorSummary: summary })),
    };
  }
}

export function notFound(what: string): SandboxError {
  return new SandboxError(404, OKTA_ERROR.notFound, `Not found: Resource not found: ${what}`);
}

export function validationFailed(summary: string, causes: string[]): SandboxError {
  return new SandboxError(400, OKTA_ERROR.validationFailed, `Api validation failed: ${summary}`, causes);
}

export function malformedBody(detail: string): SandboxError {
  return new SandboxError(400, OKTA_ERROR.malformedBody, 'The request body was not well-formed.', [detail]);
}

export function missingScope(scope: string): SandboxError {
  return new SandboxError(
    403,
    OKTA_ERROR.forbidden,
    'You do not have permission to perform the requested action',
    [`The access token lacks the scope ${scope}.`],
  );
}

export function invalidToken(): SandboxError {
  return new SandboxError(401, OKTA_ERROR.invalidToken, 'Invalid token provided');
}

export function methodNotSupported(method: string, path: string): SandboxError {
  return new SandboxError(
    405,
    OKTA_ERROR.methodNotSupported,
    `The endpoint does not support the provided HTTP method`,
    [`${method} ${path} is not supported by the sandbox org.`],
  );
}

/**
 * Returns the 400 for a request whose target the sandbox cannot read: a path parameter that is
 * not valid percent-encoding, or a target that is not a path of this org.
 * NOTE: Okta's response to such requests is not documented, so the code and text are the
 * sandbox's choice.
 */
export function invalidRequestTarget(cause: string): SandboxError {
  return new SandboxError(400, OKTA_ERROR.validationFailed, 'Api validation failed: request target', [cause]);
}
