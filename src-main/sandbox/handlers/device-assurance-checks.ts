import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { arrayShape, BOOLEAN_SHAPE, checkShape, enumShape, objectShape, type Shape } from '../http/shape-checks.js';
import { validationFailed } from '../http/sandbox-error.js';

/**
 * Checks of the platform-specific fields of a device assurance policy, from the spec's
 * `DeviceAssurance<Platform>Platform` schemas, release 2026.06.3. Fields that no platform
 * schema below lists (`thirdPartySignalProviders`, `devicePostureChecks` and others) are
 * stored as sent.
 */

/** Builds the shape of a version of one to `components` dot-separated numbers, such as `14.7.0`. */
function versionShape(components: number): Shape {
  return {
    kind: 'string',
    pattern: { regex: new RegExp(`^\\d+(\\.\\d+){0,${components - 1}}$`), description: `a version of 1 to ${components} dot-separated numbers, such as 14.7.0` },
  };
}

/** Builds the shape of the spec's `OSVersion`: a static `minimum` or a `dynamicVersionRequirement`. */
function osVersionShape(components: number): Shape {
  return objectShape({
    minimum: versionShape(components),
    dynamicVersionRequirement: objectShape({
      type: enumShape('MINIMUM', 'EXACT', 'EXACT_ANY_SUPPORTED'),
      distanceFromLatestMajor: { kind: 'integer', minimum: 0, maximum: 1 },
      latestSecurityPatch: BOOLEAN_SHAPE,
    }),
  });
}

const SCREEN_LOCK_TYPE = objectShape({ include: arrayShape(enumShape('BIOMETRIC', 'NONE', 'PASSCODE')) });
const DESKTOP_DISK_ENCRYPTION = objectShape({ include: arrayShape(enumShape('ALL_INTERNAL_VOLUMES')) });

/** The spec's `OSVersionConstraint`, one Windows major version's requirement. */
const WINDOWS_VERSION_CONSTRAINT = objectShape({
  majorVersionConstraint: enumShape('WINDOWS_11', 'WINDOWS_10'),
  minimum: versionShape(4),
  dynamicVersionRequirement: objectShape({
    type: enumShape('MINIMUM', 'EXACT', 'EXACT_ANY_SUPPORTED', 'NOT_ALLOWED'),
    distanceFromLatestMajor: { kind: 'integer', minimum: 0, maximum: 1 },
    latestSecurityPatch: BOOLEAN_SHAPE,
  }),
});

/**
 * The checked fields of each platform. The spec allows three version components on iOS and
 * macOS and four on Android and Windows.
 * NOTE: the spec's own iOS example (`DeviceAssuranceIosRequest`) has a four-component minimum,
 * so the sandbox accepts four on iOS too.
 */
const PLATFORM_FIELDS: Record<string, Record<string, Shape>> = {
  ANDROID: {
    diskEncryptionType: objectShape({ include: arrayShape(enumShape('FULL', 'USER')) }),
    jailbreak: BOOLEAN_SHAPE,
    osVersion: osVersionShape(4),
    screenLockType: SCREEN_LOCK_TYPE,
    secureHardwarePresent: BOOLEAN_SHAPE,
  },
  CHROMEOS: {},
  IOS: { jailbreak: BOOLEAN_SHAPE, osVersion: osVersionShape(4), screenLockType: SCREEN_LOCK_TYPE },
  MACOS: { diskEncryptionType: DESKTOP_DISK_ENCRYPTION, osVersion: osVersionShape(3), screenLockType: SCREEN_LOCK_TYPE, secureHardwarePresent: BOOLEAN_SHAPE },
  WINDOWS: {
    diskEncryptionType: DESKTOP_DISK_ENCRYPTION,
    osVersion: objectShape({ minimum: versionShape(4) }),
    osVersionConstraints: arrayShape(WINDOWS_VERSION_CONSTRAINT, 1, 2),
    screenLockType: SCREEN_LOCK_TYPE,
    secureHardwarePresent: BOOLEAN_SHAPE,
  },
};

/** Fields every platform shares. */
const COMMON_FIELDS: Record<string, Shape> = {
  displayRemediationMode: enumShape('HIDE', 'SHOW'),
  gracePeriod: objectShape({ type: enumShape('BY_DATE_TIME', 'BY_DURATION'), expiry: { kind: 'string' } }),
};

const CHECKED_FIELDS: ReadonlySet<string> = new Set(Object.values(PLATFORM_FIELDS).flatMap((fields) => Object.keys(fields)));

/**
 * Throws Okta's 400 `E0000001` naming the first field of a create or replace body that the
 * spec does not allow on `platform`. That is an enum value, a version or a type outside the
 * spec, a field of another platform, or both a static and a dynamic OS version requirement.
 */
export function checkPlatformFields(body: JsonObject, platform: string): void {
  const allowed = PLATFORM_FIELDS[platform] ?? {};
  for (const [field, value] of Object.entries(body)) {
    const shape = Object.hasOwn(allowed, field) ? allowed[field] : COMMON_FIELDS[field];
    if (shape !== undefined) {
      checkShape(value, shape, field);
    } else if (CHECKED_FIELDS.has(field)) {
      throw validationFailed(field, [`${field}: A ${platform} device assurance policy has no ${field}.`]);
    }
  }
  rejectTwoVersionRequirements(body);
}

/** Rejects a body with both a static minimum and a dynamic requirement, because the spec allows only one. */
function rejectTwoVersionRequirements(body: JsonObject): void {
  const osVersion = isJsonObject(body['osVersion']) ? body['osVersion'] : {};
  if (osVersion['minimum'] !== undefined && osVersion['dynamicVersionRequirement'] !== undefined) {
    throw validationFailed('osVersion', ['osVersion: Give either minimum or dynamicVersionRequirement, not both.']);
  }
  if (osVersion['minimum'] !== undefined && body['osVersionConstraints'] !== undefined) {
    throw validationFailed('osVersion', ['osVersion: Give either osVersion.minimum or osVersionConstraints, not both.']);
  }
}
