/** The index of an OpenAPI 3.0 document's operations that the harness routes requests with. */
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { parsePathTemplate, type PathTemplate } from './path-templates.js';
import { readPointer } from './schema-walk.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** One operation: a method on a path template, with its documented responses and request body. */
export interface SpecOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  path: PathTemplate;
  /** Status key as written in the spec (`200`, `2XX`, `default`) to its media types and schemas. */
  responses: Map<string, MediaTypes>;
  requestBody: { required: boolean; content: MediaTypes } | undefined;
}

/** Media type (lower case, without parameters) to its schema, or undefined when it has none. */
export type MediaTypes = Map<string, JsonValue | undefined>;

/**
 * Lists the operations of an OpenAPI document, resolving `$ref`s to `components.responses`
 * and `components.requestBodies`. Throws when an operation has no `operationId`.
 */
export function indexOperations(document: JsonObject): SpecOperation[] {
  const paths = document['paths'];
  if (!isJsonObject(paths)) throw new Error('Invalid OpenAPI document: `paths` is missing.');

  const operations: SpecOperation[] = [];
  for (const [template, pathItem] of Object.entries(paths)) {
    if (!isJsonObject(pathItem)) continue;
    const path = parsePathTemplate(template);

    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isJsonObject(operation)) continue;
      const operationId = operation['operationId'];
      if (typeof operationId !== 'string') {
        throw new Error(`Invalid OpenAPI document: ${method.toUpperCase()} ${template} has no operationId.`);
      }
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        responses: indexResponses(document, operation),
        requestBody: indexRequestBody(document, operation),
      });
    }
  }
  return operations;
}

function indexResponses(document: JsonObject, operation: JsonObject): Map<string, MediaTypes> {
  const responses = new Map<string, MediaTypes>();
  const declared = operation['responses'];
  if (!isJsonObject(declared)) return responses;

  for (const [status, response] of Object.entries(declared)) {
    const resolved = resolveRef(document, response);
    responses.set(status, indexContent(isJsonObject(resolved) ? resolved['content'] : undefined));
  }
  return responses;
}

function indexRequestBody(document: JsonObject, operation: JsonObject): SpecOperation['requestBody'] {
  const requestBody = resolveRef(document, operation['requestBody']);
  if (!isJsonObject(requestBody)) return undefined;
  return { required: requestBody['required'] === true, content: indexContent(requestBody['content']) };
}

function indexContent(content: JsonValue | undefined): MediaTypes {
  const mediaTypes: MediaTypes = new Map();
  if (!isJsonObject(content)) return mediaTypes;
  for (const [mediaType, entry] of Object.entries(content)) {
    mediaTypes.set(normalizeMediaType(mediaType), isJsonObject(entry) ? entry['schema'] : undefined);
  }
  return mediaTypes;
}

function resolveRef(document: JsonObject, value: JsonValue | undefined): JsonValue | undefined {
  if (!isJsonObject(value) || typeof value['$ref'] !== 'string') return value;
  const target = readPointer(document, value['$ref']);
  if (target === undefined) throw new Error(`Invalid OpenAPI document: ${value['$ref']} does not resolve.`);
  return target;
}

/** Lower-cases a media type and drops its parameters: `Application/JSON; charset=UTF-8` → `application/json`. */
export function normalizeMediaType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Tells whether a media type carries JSON: `application/json` or a `+json` suffix type. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[a-z0-9.!#$&^_-]+\+)?json$/.test(mediaType);
}

/** Tells whether a media type carries XML: `application/xml`, `text/xml` or a `+xml` suffix type. */
export function isXmlMediaType(mediaType: string): boolean {
  return /^(?:application|text)\/(?:[a-z0-9.!#$&^_-]+\+)?xml$/.test(mediaType);
}
