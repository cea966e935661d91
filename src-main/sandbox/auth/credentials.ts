import { randomBytes } from 'node:crypto';
import type { HttpMethod } from '../http/route.js';
import { invalidToken, missingScope, SandboxError } from '../http/sandbox-error.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';

/** An API token (`Authorization: SSWS …`). A read-only token stands for a read-only administrator. */
export interface ApiToken {
  value: string;
  readOnly: boolean;
}

interface IssuedAccessToken {
  scopes: Set<string>;
  expiresAtMs: number;
}

/** Access tokens last one hour, as the org authorization server's do. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Checks the `Authorization` header of API requests: SSWS API tokens, and bearer access tokens
 * issued by the sandbox's token endpoint with their granted scopes.
 */
export class Credentials {
  private readonly apiTokens: Map<string, ApiToken>;
  private readonly accessTokens = new Map<string, IssuedAccessToken>();

  constructor(apiTokens: ApiToken[]) {
    this.apiTokens = new Map(apiTokens.map((token) => [token.value, token]));
  }

  /** Issues a bearer access token carrying the given scopes. */
  issueAccessToken(scopes: string[], nowMs: number): string {
    const value = randomBytes(32).toString('base64url');
    this.accessTokens.set(value, { scopes: new Set(scopes), expiresAtMs: nowMs + ACCESS_TOKEN_LIFETIME_SECONDS * 1000 });
    return value;
  }

  /**
   * Throws Okta's 401 when the header carries no valid credential and Okta's 403 when the
   * credential may not call this route.
   */
  authorize(header: string | undefined, method: HttpMethod, scope: string, nowMs: number): void {
    const [scheme, value] = splitAuthorization(header);
    if (scheme === 'ssws') {
      this.authorizeApiToken(value, method);
      return;
    }
    if (scheme === 'bearer' || scheme === 'dpop') {
      this.authorizeAccessToken(value, method, scope, nowMs);
      return;
    }
    throw new SandboxError(401, OKTA_ERROR.authenticationFailed, 'Invalid session');
  }

  private authorizeApiToken(value: string, method: HttpMethod): void {
    const token = this.apiTokens.get(value);
    if (!token) throw invalidToken();
    if (token.readOnly && method !== 'GET') {
      throw new SandboxError(403, OKTA_ERROR.forbidden, 'You do not have permission to perform the requested action', [
        'The API token belongs to a read-only administrator.',
      ]);
    }
  }

  private authorizeAccessToken(value: string, method: HttpMethod, scope: string, nowMs: number): void {
    const token = this.accessTokens.get(value);
    if (!token || token.expiresAtMs <= nowMs) throw invalidToken();
    const manageScope = scope.replace(/\.read$/, '.manage');
    const needed = method === 'GET' ? [scope, manageScope] : [manageScope];
    if (!needed.some((candidate) => token.scopes.has(candidate))) throw missingScope(method === 'GET' ? scope : manageScope);
  }
}

function splitAuthorization(header: string | undefined): [string, string] {
  if (!header) return ['', ''];
  const space = header.indexOf(' ');
  if (space < 0) return ['', ''];
  return [header.slice(0, space).toLowerCase(), header.slice(space + 1).trim()];
}
