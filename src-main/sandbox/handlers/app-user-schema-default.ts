import type { JsonObject } from '../../../src-shared/json/json-types.js';

/** Returns the app user schema Okta gives a new app: the base `userName` attribute and no custom ones. */
export function defaultAppUserSchema(app: JsonObject): JsonObject {
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: String(app['name'] ?? ''),
    title: `${String(app['label'] ?? app['name'] ?? '')} User`,
    type: 'object',
    definitions: {
      base: {
        id: '#base',
        type: 'object',
        properties: { userName: { title: 'Username', type: 'string', required: true, scope: 'NONE', maxLength: 100 } },
        required: ['userName'],
      },
      custom: { id: '#custom', type: 'object', properties: {}, required: [] },
    },
    properties: { profile: { allOf: [{ $ref: '#/definitions/base' }, { $ref: '#/definitions/custom' }] } },
  };
}
