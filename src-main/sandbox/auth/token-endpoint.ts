import { createPublicKey, verify, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type Credentials } from './credentials.js';

/**
 * A service app registered with the sandbox for the OAuth 2.0 client-credentials flow with
 * `private_key_jwt`: its client id, the public keys its assertions are signed with, and the
 * `okta.*` scopes granted to it.
 */
export interface ServiceApp {
  clientId: string;
  publicKeys: NodeJsonWebKey[];
  grantedScopes: string[];
}

/** An OAuth 2.0 token endpoint response: the status and the JSON body (RFC 6749 §5). */
export interface TokenResponse {
  status: number;
  body: Record<string, string | number>;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Assertions may be at most this old or this far in the future (seconds), to absorb clock skew. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Maximum lifetime of a client assertion, from `iat` (or from now, when it has no `iat`) to
 * `exp`, in seconds. Okta's guide "Implement OAuth for Okta with a service app" (Create and
 * sign the JWT) requires `exp` to be at most one hour in the future.
 */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

/**
 * Implements `POST /oauth2/v1/token` of the org authorization server for service apps: checks
 * the signed client assertion (RS256 or ES256), its audience, lifetime and single use, and the
 * requested scopes against those granted, then issues an access token.
 */
export class TokenEndpoint {
  private readonly apps: Map<string, ServiceApp>;
  private readonly usedAssertionIds = new Set<string>();

  constructor(
    serviceApps: ServiceApp[],
    private readonly credentials: Credentials,
  ) {
    this.apps = new Map(serviceApps.map((app) => [app.clientId, app]));
  }

  handle(form: URLSearchParams, tokenUrl: string, nowMs: number): TokenResponse {
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported by service apps.');
    }
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      return oauthError(400, 'invalid_client', `client_assertion_type must be ${ASSERTION_TYPE}.`);
    }

    const assertion = parseJwt(form.get('client_assertion') ?? '');
    if (!assertion) return oauthError(400, 'invalid_client', 'The client_assertion is not a signed JWT.');

    const app = this.apps.get(String(assertion.claims['iss'] ?? ''));
    if (!app || assertion.claims['sub'] !== app.clientId) {
      return oauthError(401, 'invalid_client', 'The client_assertion names no registered service app.');
    }

    const claimProblem = this.checkClaims(assertion.claims, tokenUrl, nowMs);
    if (claimProblem) return oauthError(401, 'invalid_client', claimProblem);
    if (!verifiesWithAny(assertion, app.publicKeys)) {
      return oauthError(401, 'invalid_client', 'The client_assertion signature does not match any key of the service app.');
    }
    // Only a verified assertion uses up its jti, so that a forged copy cannot block the real one.
    this.usedAssertionIds.add(String(assertion.claims['jti']));

    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (requested.length === 0) return oauthError(400, 'invalid_scope', 'The request names no scope.');
    const refused = requested.filter((scope) => !app.grantedScopes.includes(scope));
    if (refused.length > 0) {
      return oauthError(400, 'invalid_scope', `The following scopes are not granted to the service app: ${refused.join(' ')}`);
    }

    const accessToken = this.credentials.issueAccessToken(requested, nowMs);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, access_token: accessToken, scope: requested.join(' ') },
    };
  }

  /** Checks audience, lifetime and jti, and returns the problem, or undefined when the claims pass. */
  private checkClaims(claims: Record<string, unknown>, tokenUrl: string, nowMs: number): string | undefined {
    const nowSeconds = nowMs / 1000;
    if (claims['aud'] !== tokenUrl) return `The client_assertion audience must be ${tokenUrl}.`;
    const exp = claims['exp'];
    if (typeof exp !== 'number' || exp + CLOCK_SKEW_SECONDS < nowSeconds) return 'The client_assertion has expired.';
    const iat = claims['iat'];
    if (typeof iat === 'number' && iat - CLOCK_SKEW_SECONDS > nowSeconds) return 'The client_assertion was issued in the future.';
    const lifetimeStart = typeof iat === 'number' ? iat : nowSeconds;
    if (exp - lifetimeStart > MAX_ASSERTION_LIFETIME_SECONDS) {
      return `The client_assertion is valid for more than ${MAX_ASSERTION_LIFETIME_SECONDS} seconds: exp must be at most one hour after iat.`;
    }
    const jti = claims['jti'];
    if (typeof jti !== 'string' || jti === '') return 'The client_assertion has no jti.';
    if (this.usedAssertionIds.has(jti)) return 'The client_assertion was already used.';
    return undefined;
  }
}

interface ParsedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits a compact JWS. Returns undefined unless it has three parts and both header and claims are JSON objects. */
function parseJwt(compact: string): ParsedJwt | undefined {
  const parts = compact.split('.');
  if (parts.length !== 3) return undefined;
  const [header, claims, signature] = parts as [string, string, string];
  const parsedHeader = parseJsonObject(header);
  const parsedClaims = parseJsonObject(claims);
  if (parsedHeader === undefined || parsedClaims === undefined) return undefined;
  return {
    header: parsedHeader,
    claims: parsedClaims,
    signingInput: `${header}.${claims}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

function parseJsonObject(base64url: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function verifiesWithAny(jwt: ParsedJwt, keys: NodeJsonWebKey[]): boolean {
  const alg = jwt.header['alg'];
  const kid = jwt.header['kid'];
  const candidates = keys.filter((key) => kid === undefined || key.kid === undefined || key.kid === kid);
  return candidates.some((key) => {
    if (alg === 'RS256' && key.kty === 'RSA') {
      return verify('sha256', Buffer.from(jwt.signingInput), createPublicKey({ key, format: 'jwk' }), jwt.signature);
    }
    if (alg === 'ES256' && key.kty === 'EC') {
      const publicKey = createPublicKey({ key, format: 'jwk' });
      return verify('sha256', Buffer.from(jwt.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    }
    return false;
  });
}

function oauthError(status: number, error: string, description: string): TokenResponse {
  return { status, body: { error, error_description: description } };
}
