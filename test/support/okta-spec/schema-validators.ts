/**
 * Ajv validators compiled from the spec's schemas, one schema document per direction of
 * traffic (see SchemaDirection), compiled lazily and cached.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { rewriteDiscriminators } from './discriminators.js';
import { isJsonMediaType, type SpecOperation } from './operations.js';
import { FORBIDDEN_PROPERTY_KEYWORD, applyReadWriteOnly, type SchemaDirection } from './read-write-only.js';
import { escapePointerToken, sameInstanceSubschemas, walkSchema, readPointer } from './schema-walk.js';
import { applySpecQuirkFixes } from './spec-quirks.js';

/** `$id` of the schema document each Ajv instance holds; pointers below resolve against it. */
const DOCUMENT_ID = 'okta-management.json';

/** Formats that ajv-formats checks, by the name the spec uses. */
const CHECKED_FORMATS = ['date-time', 'uri', 'email', 'uuid'] as const;

/**
 * Formats with no agreed meaning that the spec uses as descriptions: OpenAPI's own `binary` and
 * `password` are hints for tools, Okta writes `regex` on strings that a `pattern` constrains
 * (names, descriptions), and the rest are prose. A format missing from every list fails
 * loading, because Ajv then rejects the schema.
 */
const ANNOTATION_ONLY_FORMATS = [
  'binary',
  'password',
  'regex',
  'utf-8',
  'boolean',
  'ISO 8601 compliant timestamp',
  'Opaque token',
  'SCIM Filter expression',
  'URL encoded string. Max length is 40 characters per keyword, with a maximum of 10 keyword filters per query (before encoding)',
  'Integer between 0 and 1000',
] as const;

/** Annotation keywords of OpenAPI 3.0 schemas that JSON Schema draft-07 does not define. */
const OPENAPI_ANNOTATION_KEYWORDS = ['example', 'xml', 'externalDocs'] as const;
/**
 * Top-level containers of the harness's schema document. Ajv compiles the document root when
 * it resolves a pointer into it, so strict mode needs them declared. Validation reaches the
 * schemas inside by pointer, never through these keywords.
 */
const CONTAINER_KEYWORDS = ['components', 'operations'] as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Compiled validators for the spec's schemas, one Ajv instance per direction. */
export class SchemaValidators {
  private readonly instances = new Map<SchemaDirection, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    private readonly spec: JsonObject,
    private readonly operations: readonly SpecOperation[],
  ) {}

  /** Returns the validator for the schema at `pointer` (see the *Pointer functions) in one direction. */
  validatorFor(direction: SchemaDirection, pointer: string): ValidateFunction {
    const key = `${direction} ${pointer}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.instance(direction).compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private instance(direction: SchemaDirection): Ajv {
    let ajv = this.instances.get(direction);
    if (ajv === undefined) {
      const document = buildSchemaDocument(this.spec, this.operations, direction);
      ajv = createAjv(collectExtensionKeywords(document));
      ajv.addSchema(document);
      this.instances.set(direction, ajv);
    }
    return ajv;
  }
}

/** Pointer to a named schema in `components.schemas`. */
export function componentPointer(name: string): string {
  return `#/components/schemas/${escapePointerToken(name)}`;
}

/** Pointer to the schema of one documented response media type. */
export function responsePointer(operationId: string, status: string, mediaType: string): string {
  return `#/operations/${escapePointerToken(operationId)}/responses/${escapePointerToken(status)}/${escapePointerToken(mediaType)}`;
}

/** Pointer to the schema of one request body media type. */
export function requestBodyPointer(operationId: string, mediaType: string): string {
  return `#/operations/${escapePointerToken(operationId)}/requestBody/${escapePointerToken(mediaType)}`;
}

/**
 * Builds the JSON Schema document for one direction: a copy of `components.schemas` with the
 * quirk fixes applied, plus the JSON schemas of every operation under `operations`, then
 * rewrites discriminators and readOnly/writeOnly.
 */
function buildSchemaDocument(spec: JsonObject, operations: readonly SpecOperation[], direction: SchemaDirection): JsonObject {
  const specComponents = spec['components'];
  const schemas = isJsonObject(specComponents) ? specComponents['schemas'] : undefined;
  if (!isJsonObject(schemas)) throw new Error('Invalid OpenAPI document: components.schemas is missing.');

  const components: JsonObject = { schemas: structuredClone(schemas) };
  const document: JsonObject = { $id: DOCUMENT_ID, components, operations: operationSchemas(operations) };
  applySpecQuirkFixes(document);

  const operationRoots = operationSchemaRoots(document['operations'] as JsonObject);
  rewriteDiscriminators(components, operationRoots.map((root) => root.schema));

  const roots = [...componentRoots(components), ...operationRoots];
  applyReadWriteOnly(document, roots, direction);

  checkNoSameInstanceCycles(document);
  return document;
}

function operationSchemas(operations: readonly SpecOperation[]): JsonObject {
  const result: JsonObject = {};
  for (const operation of operations) {
    const responses: JsonObject = {};
    for (const [status, mediaTypes] of operation.responses) {
      const byMediaType: JsonObject = {};
      for (const [mediaType, schema] of mediaTypes) {
        if (schema !== undefined && isJsonMediaType(mediaType)) byMediaType[mediaType] = structuredClone(schema);
      }
      responses[status] = byMediaType;
    }

    const requestBody: JsonObject = {};
    for (const [mediaType, schema] of operation.requestBody?.content ?? []) {
      if (schema !== undefined && isJsonMediaType(mediaType)) requestBody[mediaType] = structuredClone(schema);
    }
    result[operation.operationId] = { responses, requestBody };
  }
  return result;
}

/**
 * Throws when a `$ref` chain leads back to a schema for the same JSON value (through allOf,
 * anyOf, oneOf, not or if/then/else), because validation would then never end.
 */
function checkNoSameInstanceCycles(document: JsonObject): void {
  const state = new Map<string, 'visiting' | 'done'>();

  const visitRef = (ref: string, trail: string[]): void => {
    const seen = state.get(ref);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new Error(`The schema document has a $ref cycle on one value, which Ajv would follow forever: ${[...trail, ref].join(' → ')}`);
    }
    state.set(ref, 'visiting');
    visitNode(readPointer(document, ref), [...trail, ref]);
    state.set(ref, 'done');
  };
  const visitNode = (node: JsonValue | undefined, trail: string[]): void => {
    if (!isJsonObject(node)) return;
    if (typeof node['$ref'] === 'string') visitRef(node['$ref'], trail);
    for (const child of sameInstanceSubschemas(node)) visitNode(child, trail);
  };

  for (const root of componentRoots(document['components'] as JsonObject)) visitRef(root.pointer, []);
}

/** Lists the `x-` extension keywords used in schema positions, so that Ajv accepts them as annotations. */
function collectExtensionKeywords(document: JsonObject): string[] {
  const keywords = new Set<string>();
  const collect = (node: JsonObject): void => {
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-') && key !== FORBIDDEN_PROPERTY_KEYWORD) keywords.add(key);
    }
  };
  const roots = [...componentRoots(document['components'] as JsonObject), ...operationSchemaRoots(document['operations'] as JsonObject)];
  for (const root of roots) walkSchema(root.schema, root.pointer, collect);
  return [...keywords].sort();
}

interface SchemaRoot {
  schema: JsonValue;
  pointer: string;
}

function componentRoots(components: JsonObject): SchemaRoot[] {
  const roots: SchemaRoot[] = [];
  for (const container of ['schemas', 'discriminatorBases'] as const) {
    const schemas = components[container];
    if (!isJsonObject(schemas)) continue;
    for (const [name, schema] of Object.entries(schemas)) {
      roots.push({ schema, pointer: `#/components/${container}/${escapePointerToken(name)}` });
    }
  }
  return roots;
}

/** Lists the media type schemas under `operations`, as laid out by `operationSchemas`. */
function operationSchemaRoots(operations: JsonObject): SchemaRoot[] {
  const roots: SchemaRoot[] = [];
  const addMediaTypes = (mediaTypes: JsonValue | undefined, pointer: string): void => {
    if (!isJsonObject(mediaTypes)) return;
    for (const [mediaType, schema] of Object.entries(mediaTypes)) {
      roots.push({ schema, pointer: `${pointer}/${escapePointerToken(mediaType)}` });
    }
  };

  for (const [operationId, operation] of Object.entries(operations)) {
    if (!isJsonObject(operation)) continue;
    const pointer = `#/operations/${escapePointerToken(operationId)}`;
    const responses = operation['responses'];
    if (isJsonObject(responses)) {
      for (const [status, mediaTypes] of Object.entries(responses)) addMediaTypes(mediaTypes, `${pointer}/responses/${escapePointerToken(status)}`);
    }
    addMediaTypes(operation['requestBody'], `${pointer}/requestBody`);
  }
  return roots;
}

/**
 * Creates an Ajv instance for OpenAPI 3.0 schemas: `nullable` is on, every error is
 * collected, unknown keywords and formats fail compilation (strictSchema), and the spec's
 * style of omitting `type` next to `properties` is accepted (strictTypes off).
 */
function createAjv(extensionKeywords: readonly string[]): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: true,
  });

  // ajv-formats is CommonJS, so under NodeNext its default import is the module object.
  ajvFormats.default(ajv, [...CHECKED_FORMATS]);
  ajv.addFormat('url', ajv.formats['uri'] ?? true);
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', BASE64);
  ajv.addFormat('base64', BASE64);
  for (const format of ANNOTATION_ONLY_FORMATS) ajv.addFormat(format, true);

  for (const keyword of [...OPENAPI_ANNOTATION_KEYWORDS, ...CONTAINER_KEYWORDS, ...extensionKeywords]) ajv.addKeyword({ keyword });
  ajv.addKeyword({
    keyword: FORBIDDEN_PROPERTY_KEYWORD,
    schemaType: 'string',
    error: { message: (context) => String(context.schema) },
    code: (context) => context.fail(),
  });
  return ajv;
}
