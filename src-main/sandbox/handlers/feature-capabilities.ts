import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { BOOLEAN_SHAPE, checkShape, enumShape, objectShape, type Shape } from '../http/shape-checks.js';

/**
 * The request bodies of `PUT /api/v1/apps/{appId}/features/{name}`, from the spec's
 * `CapabilitiesObject` (USER_PROVISIONING) and `CapabilitiesInboundProvisioningObject`
 * (INBOUND_PROVISIONING), release 2026.06.3. Every field is optional, because the endpoint
 * takes partial updates.
 */
const ENABLED_STATUS = enumShape('ENABLED', 'DISABLED');
const STATUS_ONLY = objectShape({ status: ENABLED_STATUS });

const USER_PROVISIONING_CAPABILITIES = objectShape({
  create: objectShape({ lifecycleCreate: STATUS_ONLY }),
  update: objectShape({
    lifecycleDeactivate: STATUS_ONLY,
    password: objectShape({ change: enumShape('CHANGE', 'KEEP_EXISTING'), seed: enumShape('OKTA', 'RANDOM'), status: ENABLED_STATUS }),
    profile: STATUS_ONLY,
  }),
});

const IMPORT_SCHEDULE = objectShape({ expression: { kind: 'string' }, timezone: { kind: 'string', minLength: 1, maxLength: 64 } });

const INBOUND_PROVISIONING_CAPABILITIES = objectShape({
  importRules: objectShape({
    userCreateAndMatch: objectShape({
      allowPartialMatch: BOOLEAN_SHAPE,
      autoActivateNewUsers: BOOLEAN_SHAPE,
      autoConfirmExactMatch: BOOLEAN_SHAPE,
      autoConfirmNewUsers: BOOLEAN_SHAPE,
      autoConfirmPartialMatch: BOOLEAN_SHAPE,
      exactMatchCriteria: enumShape('EMAIL', 'USERNAME'),
    }),
  }),
  importSettings: objectShape({
    schedule: objectShape({ fullImport: IMPORT_SCHEDULE, incrementalImport: IMPORT_SCHEDULE, status: ENABLED_STATUS }),
    username: objectShape({ userNameExpression: { kind: 'string' }, usernameFormat: enumShape('EMAIL', 'CUSTOM') }),
  }),
});

const CAPABILITIES: ReadonlyMap<string, Shape> = new Map([
  ['USER_PROVISIONING', USER_PROVISIONING_CAPABILITIES],
  ['INBOUND_PROVISIONING', INBOUND_PROVISIONING_CAPABILITIES],
]);

/** Throws Okta's 400 `E0000001` naming the first field of a feature update that the spec does not allow. */
export function checkCapabilities(featureName: string, changes: JsonObject): void {
  const shape = CAPABILITIES.get(featureName);
  if (shape !== undefined) checkShape(changes, shape, 'capabilities');
}
