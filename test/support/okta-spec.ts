/**
 * Validation of requests and responses against Okta's published Management API OpenAPI spec
 * (`management-minimal.yaml`, OpenAPI 3.0.3), for tests only.
 *
 * The spec lives outside the repository, in `shared/okta-openapi/` beside the clone, and the
 * product never reads it. Schemas run on Ajv with the OpenAPI 3.0 semantics that Ajv lacks
 * added by the modules under `okta-spec/`: discriminator mappings, readOnly/writeOnly and a
 * short list of fixes for spots in the spec that no validator can run as written.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { CORE_SCHEMA, load } from 'js-yaml';
import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import {
  indexOperations,
  isJsonMediaType,
  isXmlMediaType,
  normalizeMediaType,
  type MediaTypes,
  type SpecOperation,
} from './okta-spec/operations.js';
import { matchPathTemplate, requestPathOnly } from './okta-spec/path-templates.js';
import type { SchemaDirection } from './okta-spec/read-write-only.js';
import { escapePointerToken } from './okta-spec/schema-walk.js';
import { SchemaValidators, componentPointer, requestBodyPointer, responsePointer } from './okta-spec/schema-validators.js';

export type { SchemaDirection } from './okta-spec/read-write-only.js';

/** The repository root, two levels above this file. */
const REPOSITORY_ROOT = new URL('../../', import.meta.url);

/** Absolute path of the spec: `<repository>/../shared/okta-openapi/management-minimal.yaml`. */
export const OKTA_SPEC_PATH = fileURLToPath(new URL('../shared/okta-openapi/management-minimal.yaml', REPOSITORY_ROOT));

/** A response to check. `path` is the concrete request path or a full URL, and its query string is ignored. */
export interface ResponseToValidate {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON, or the raw text of a non-JSON body. */
  body: unknown;
  /** The Content-Type header; `application/json` when omitted. */
  contentType?: string;
}

/** A request body to check against the operation that `method` and `path` select. */
export interface RequestBodyToValidate {
  method: string;
  path: string;
  /** Parsed JSON, or undefined when the request has no body. */
  body: unknown;
  /** The Content-Type header; `application/json` when omitted. */
  contentType?: string;
  /** Whether readOnly properties may appear in the body; `allow` when omitted. */
  readOnlyProperties?: 'allow' | 'reject';
}

export interface SpecValidationError {
  /** JSON pointer into the body (`/settings/signOn/ssoAcsUrl`), empty for the body itself and for routing errors. */
  pointer: string;
  message: string;
  /** Where in the schema the check failed, relative to the schema that failed. */
  schemaPath?: string;
}

/** The operation, status and media type that a request or response was matched to. */
export interface MatchedOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** Status key as written in the spec (`200`, `4XX`, `default`), for responses. */
  status?: string;
  mediaType?: string;
}

export interface SpecValidationResult {
  valid: boolean;
  /** The matched operation, or undefined when routing failed and for `validateSchema`. */
  operation: MatchedOperation | undefined;
  /**
   * The check that ran. `schema`: the body ran through a JSON schema. `content-type`: only the
   * media type was checked, for XML or a media type without a schema in the spec. `no-body`:
   * the spec documents no body and none was given. `nothing`: routing or status lookup failed.
   */
  checked: 'schema' | 'content-type' | 'no-body' | 'nothing';
  errors: SpecValidationError[];
}

/** The loaded spec with its validators. */
export interface OktaSpec {
  /** The spec's `info.version`, for example `2026.06.3`. */
  readonly version: string;
  /** The parsed spec as published, without the harness's fixes. Callers must not modify it. */
  readonly document: JsonObject;
  /** Milliseconds that reading, parsing and preparing the response schemas took. */
  readonly loadTimeMs: number;
  validateResponse(response: ResponseToValidate): SpecValidationResult;
  validateRequestBody(request: RequestBodyToValidate): SpecValidationResult;
  /** Validates a body against a schema in `components.schemas`, as a response unless `direction` names another direction. */
  validateSchema(schemaName: string, body: unknown, direction?: SchemaDirection): SpecValidationResult;
}

let cachedSpec: Promise<OktaSpec> | undefined;

/**
 * Loads the spec once per process and returns the same instance on every call. Throws when
 * the file is missing, naming the path it expected.
 */
export function loadOktaSpec(): Promise<OktaSpec> {
  cachedSpec ??= readOktaSpec(OKTA_SPEC_PATH);
  return cachedSpec;
}

/** Reads, parses and prepares a spec file without caching. Tests call loadOktaSpec instead. */
export async function readOktaSpec(path: string): Promise<OktaSpec> {
  const started = performance.now();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Okta OpenAPI spec not found at ${path}. The tests expect the shared folder beside the repository clone, ` +
        'with shared/okta-openapi/management-minimal.yaml in it.',
      { cause: error },
    );
  }

  const document = load(text, { schema: CORE_SCHEMA });
  if (!isJsonObject(document)) throw new Error(`Invalid OpenAPI document at ${path}: the root is not an object.`);
  const info = document['info'];
  const version = isJsonObject(info) && typeof info['version'] === 'string' ? info['version'] : 'unknown';

  const spec = new LoadedOktaSpec(document, version);
  spec.prepare();
  spec.loadTimeMs = performance.now() - started;
  return spec;
}

class LoadedOktaSpec implements OktaSpec {
  loadTimeMs = 0;
  private readonly operations: SpecOperation[];
  private readonly validators: SchemaValidators;

  constructor(
    readonly document: JsonObject,
    readonly version: string,
  ) {
    this.operations = indexOperations(document);
    this.validators = new SchemaValidators(document, this.operations);
  }

  /** Builds the response schema document now, so that the first validation is not the slow one. */
  prepare(): void {
    this.validators.validatorFor('response', componentPointer('Error'));
  }

  validateResponse(response: ResponseToValidate): SpecValidationResult {
    const routed = this.route(response.method, response.path);
    if ('error' in routed) return failure(undefined, routed.error);
    const { operation } = routed;
    const matched = matchedOperation(operation);

    const status = findStatusKey(operation.responses, response.status);
    if (status === undefined) {
      const documented = [...operation.responses.keys()].join(', ');
      return failure(matched, `status ${response.status} is not documented for ${label(operation)} (documented: ${documented})`);
    }
    matched.status = status;
    const content = operation.responses.get(status) ?? new Map();

    return this.checkBody(matched, content, {
      body: response.body,
      contentType: response.contentType,
      direction: 'response',
      pointer: (mediaType) => responsePointer(operation.operationId, status, mediaType),
      what: `response ${status} of ${label(operation)}`,
    });
  }

  validateRequestBody(request: RequestBodyToValidate): SpecValidationResult {
    const routed = this.route(request.method, request.path);
    if ('error' in routed) return failure(undefined, routed.error);
    const { operation } = routed;
    const matched = matchedOperation(operation);

    const requestBody = operation.requestBody;
    if (request.body === undefined) {
      if (requestBody?.required === true) return failure(matched, `${label(operation)} requires a request body`);
      return { valid: true, operation: matched, checked: 'no-body', errors: [] };
    }
    if (requestBody === undefined) return failure(matched, `the spec documents no request body for ${label(operation)}`);

    return this.checkBody(matched, requestBody.content, {
      body: request.body,
      contentType: request.contentType,
      direction: request.readOnlyProperties === 'reject' ? 'request-rejecting-read-only' : 'request',
      pointer: (mediaType) => requestBodyPointer(operation.operationId, mediaType),
      what: `the request body of ${label(operation)}`,
    });
  }

  validateSchema(schemaName: string, body: unknown, direction: SchemaDirection = 'response'): SpecValidationResult {
    const schemas = isJsonObject(this.document['components']) ? this.document['components']['schemas'] : undefined;
    if (!isJsonObject(schemas) || schemas[schemaName] === undefined) {
      return failure(undefined, `the spec has no schema named '${schemaName}' in components.schemas`);
    }
    const validate = this.validators.validatorFor(direction, componentPointer(schemaName));
    const errors = validate(body) ? [] : convertAjvErrors(validate.errors ?? []);
    return { valid: errors.length === 0, operation: undefined, checked: 'schema', errors };
  }

  private route(method: string, path: string): { operation: SpecOperation } | { error: string } {
    const upperMethod = method.toUpperCase();
    const requestPath = requestPathOnly(path);
    const candidates = this.operations.filter((operation) => operation.method === upperMethod);
    const match = matchPathTemplate(candidates.map((operation) => operation.path), requestPath);
    const operation = candidates.find((candidate) => candidate.path === match?.template);
    if (operation !== undefined) return { operation };

    const otherMethods = this.operations.filter((candidate) => matchPathTemplate([candidate.path], requestPath) !== undefined);
    if (otherMethods.length > 0) {
      const methods = otherMethods.map((candidate) => `${candidate.method} ${candidate.path.template}`).join(', ');
      return { error: `the spec documents no ${upperMethod} operation for ${requestPath} (it has ${methods})` };
    }
    return { error: `no path in the spec matches ${upperMethod} ${requestPath}` };
  }

  private checkBody(
    matched: MatchedOperation,
    content: MediaTypes,
    check: { body: unknown; contentType: string | undefined; direction: SchemaDirection; pointer: (mediaType: string) => string; what: string },
  ): SpecValidationResult {
    if (content.size === 0) {
      if (check.body === undefined || check.body === null || check.body === '') {
        return { valid: true, operation: matched, checked: 'no-body', errors: [] };
      }
      return failure(matched, `the spec documents no body for ${check.what}, but one was given`);
    }

    const mediaType = findMediaType(content, normalizeMediaType(check.contentType ?? 'application/json'));
    if (mediaType === undefined) {
      const documented = [...content.keys()].join(', ');
      return failure(matched, `content type ${check.contentType ?? 'application/json'} is not documented for ${check.what} (documented: ${documented})`);
    }
    matched.mediaType = mediaType;

    if (!isJsonMediaType(mediaType) || content.get(mediaType) === undefined) {
      return { valid: true, operation: matched, checked: 'content-type', errors: [] };
    }
    if (check.body === undefined) return failure(matched, `${check.what} needs a ${mediaType} body, but none was given`);

    const validate = this.validators.validatorFor(check.direction, check.pointer(mediaType));
    const errors = validate(check.body) ? [] : convertAjvErrors(validate.errors ?? []);
    return { valid: errors.length === 0, operation: matched, checked: 'schema', errors };
  }
}

/**
 * Picks the documented status key for a status code: the exact code, then its range (`4XX`),
 * then `default` when the operation has one.
 */
export function findStatusKey(responses: ReadonlyMap<string, unknown>, status: number): string | undefined {
  const candidates = [String(status), `${Math.floor(status / 100)}XX`, 'default'];
  return candidates.find((key) => responses.has(key));
}

/**
 * Picks the documented media type for a Content-Type. `text/xml` and `application/xml` count
 * as the same type (RFC 7303 gives them the same meaning), because the spec documents SAML
 * metadata as `text/xml` while Okta serves it as `application/xml`.
 */
function findMediaType(content: MediaTypes, mediaType: string): string | undefined {
  if (content.has(mediaType)) return mediaType;
  if (!isXmlMediaType(mediaType)) return undefined;
  return [...content.keys()].find((documented) => isXmlMediaType(documented));
}

/** Turns Ajv errors into pointer and message pairs, one per distinct problem. */
function convertAjvErrors(errors: readonly ErrorObject[]): SpecValidationError[] {
  const converted: SpecValidationError[] = [];
  const seen = new Set<string>();

  for (const error of errors) {
    // An `if` error only reports that the `then` or `else` branch failed, and that branch's
    // own errors are in the list too.
    if (error.keyword === 'if') continue;

    const { pointer, message } = describeAjvError(error);
    const key = `${pointer}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    converted.push({ pointer, message, schemaPath: error.schemaPath });
  }
  return converted;
}

function describeAjvError(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${error.instancePath}/${escapePointerToken(String(params['missingProperty']))}`, message: 'is required but missing' };
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${escapePointerToken(String(params['additionalProperty']))}`,
        message: 'is not a property that the schema allows (additionalProperties is false)',
      };
    case 'enum':
      return { pointer: error.instancePath, message: `must be one of ${JSON.stringify(params['allowedValues'])}` };
    case 'const':
      return { pointer: error.instancePath, message: `must be ${JSON.stringify(params['allowedValue'])}` };
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails the ${error.keyword} keyword` };
  }
}

function failure(operation: MatchedOperation | undefined, message: string): SpecValidationResult {
  return { valid: false, operation, checked: 'nothing', errors: [{ pointer: '', message }] };
}

function matchedOperation(operation: SpecOperation): MatchedOperation {
  return { operationId: operation.operationId, method: operation.method, pathTemplate: operation.path.template };
}

function label(operation: SpecOperation): string {
  return `${operation.method} ${operation.path.template} (${operation.operationId})`;
}

/** Formats a result as one line per error, for assertion messages: `/label: is required but missing`. */
export function formatValidationErrors(result: SpecValidationResult): string {
  return result.errors.map((error) => `${error.pointer || '(body)'}: ${error.message}`).join('\n');
}
