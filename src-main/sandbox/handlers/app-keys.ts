import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { findOrThrow } from '../http/body-checks.js';
import { ok, created, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { notFound, SandboxError, validationFailed } from '../http/sandbox-error.js';
import { findApp } from './app-render.js';
import { samlMetadataXml } from './saml-metadata.js';
import { createSigningKeyCredential } from './signing-key-material.js';

const APPS_READ = 'okta.apps.read';
const APPS_MANAGE = 'okta.apps.manage';

/** Okta accepts key validity from 2 to 10 years. */
const MIN_VALIDITY_YEARS = 2;
const MAX_VALIDITY_YEARS = 10;

// NOTE: Okta has no endpoint to delete or import a signing key, so neither exists here.
export const appKeyRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps/:appId/credentials/keys', scope: APPS_READ, bucket: 'app', handle: listKeys },
  { method: 'GET', path: '/api/v1/apps/:appId/credentials/keys/:keyId', scope: APPS_READ, bucket: 'app', handle: getKey },
  { method: 'POST', path: '/api/v1/apps/:appId/credentials/keys/generate', scope: APPS_MANAGE, bucket: 'app', handle: generateKey },
  { method: 'GET', path: '/api/v1/apps/:appId/sso/saml/metadata', scope: APPS_READ, bucket: 'app', handle: getMetadata },
];

function keysOf(request: SandboxRequest): JsonObject[] {
  const app = findApp(request, request.params['appId'] ?? '');
  return request.state.appKeys.get(String(app['id'])) ?? [];
}

function listKeys(request: SandboxRequest): SandboxResponse {
  return ok(keysOf(request).map((key) => structuredClone(key)));
}

function getKey(request: SandboxRequest): SandboxResponse {
  const keyId = request.params['keyId'] ?? '';
  const byKid = new Map(keysOf(request).map((key) => [String(key['kid']), key]));
  return ok(structuredClone(findOrThrow(byKid, keyId, 'Application key credential')));
}

function generateKey(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  const validityYears = parseValidityYears(request.query.get('validityYears'));
  const key = createSigningKeyCredential(String(app['label'] ?? app['id']), request.state.nowMs(), validityYears);
  const appId = String(app['id']);
  request.state.appKeys.set(appId, [...(request.state.appKeys.get(appId) ?? []), key]);
  return created(structuredClone(key));
}

function parseValidityYears(raw: string | null): number {
  if (raw === null) {
    throw new SandboxError(400, 'E0000028', 'The request is missing a required parameter.', ['validityYears: The parameter is required.']);
  }
  const years = Number(raw);
  if (!Number.isInteger(years) || years < MIN_VALIDITY_YEARS || years > MAX_VALIDITY_YEARS) {
    throw validationFailed('validityYears', [
      `validityYears: '${raw}' is invalid; use a whole number of years from ${MIN_VALIDITY_YEARS} to ${MAX_VALIDITY_YEARS}.`,
    ]);
  }
  return years;
}

function getMetadata(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  if (app['signOnMode'] !== 'SAML_2_0') {
    throw new SandboxError(404, OKTA_ERROR.notFound, 'Not found: Resource not found: SAML metadata', [
      `The app ${String(app['id'])} does not use SAML 2.0.`,
    ]);
  }
  const keys = request.state.appKeys.get(String(app['id'])) ?? [];
  const activeKid = ((app['credentials'] as JsonObject | undefined)?.['signing'] as JsonObject | undefined)?.['kid'];
  const wantedKid = request.query.get('kid') ?? activeKid ?? keys[0]?.['kid'];
  const key = keys.find((candidate) => candidate['kid'] === wantedKid);
  if (!key) throw notFound(`${String(wantedKid)} (Application key credential)`);
  return { status: 200, rawBody: samlMetadataXml(request.baseUrl, app, key), contentType: 'text/xml; charset=utf-8' };
}
