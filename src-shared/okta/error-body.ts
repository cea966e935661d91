/** The error body the Okta Management API returns with every 4xx and 5xx status. */
export interface OktaErrorBody {
  /** Stable code such as `E0000007`; Okta supports only this field for flow control. */
  errorCode: string;
  errorSummary: string;
  /** Okta sets this to the error code. */
  errorLink: string;
  /** Unique per response; quoted to Okta support. */
  errorId: string;
  errorCauses: Array<{ errorSummary: string }>;
}

/** Okta error codes that Butterfly produces (in the sandbox) or handles (in capture and restore). */
export const OKTA_ERROR = {
  validationFailed: 'E0000001',
  malformedBody: 'E0000003',
  authenticationFailed: 'E0000004',
  forbidden: 'E0000006',
  notFound: 'E0000007',
  invalidToken: 'E0000011',
  methodNotSupported: 'E0000022',
  missingParameter: 'E0000028',
  invalidPaging: 'E0000029',
  duplicateAppLabel: 'E0000040',
  invalidSearch: 'E0000031',
  rateLimited: 'E0000047',
  deleteActiveApp: 'E0000056',
  internalError: 'E0000009',
} as const;
