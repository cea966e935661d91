import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { groupIdsInExpression, userAttributesInExpression } from '../../../src-shared/okta/expression-references.js';

/** Profile attributes every member record keeps, whatever rules and mappings read. */
const ALWAYS_KEPT_ATTRIBUTES = ['login', 'email', 'firstName', 'lastName'];

/**
 * What the capture has found it must follow: groups, policies, zones, device assurance
 * policies and user types named by what it captured so far, and the user profile attributes
 * that expressions read (kept on member records so impact can be worked out offline).
 */
export class CaptureScope {
  readonly groupIds = new Set<string>();
  readonly policyIds = new Set<string>();
  /** Groups followed by id for a restore; one Okta no longer has is expected, not worth a warning. */
  readonly followedGroupIds = new Set<string>();
  /** Names of Okta groups to capture even when nothing captured names their ids (a restore into another org). */
  readonly followedGroupNames = new Set<string>();
  /**
   * Names of app sign-in policies, network zones and device assurance policies to capture even
   * when nothing captured names their ids (a restore into another org, where ids differ).
   */
  readonly followedNames = { policies: new Set<string>(), zones: new Set<string>(), deviceAssurances: new Set<string>() };
  /** App sign-in policies to capture even when no captured app links to them; ids Okta lacks are skipped. */
  readonly followedPolicyIds = new Set<string>();
  readonly zoneIds = new Set<string>();
  readonly deviceAssuranceIds = new Set<string>();
  readonly userTypeIds = new Set<string>();
  readonly userAttributes = new Set<string>(ALWAYS_KEPT_ATTRIBUTES);

  /** Adds the groups and user attributes named by every expression string inside a body. */
  addExpressionsOf(body: JsonValue): void {
    for (const text of expressionStrings(body)) {
      for (const groupId of groupIdsInExpression(text)) this.groupIds.add(groupId);
      for (const attribute of userAttributesInExpression(text)) this.userAttributes.add(attribute);
    }
  }

  /** Adds the group, zone and device assurance ids that a policy or policy rule's conditions name. */
  addConditionReferencesOf(body: JsonObject): void {
    const conditions = body['conditions'];
    if (!isJsonObject(conditions)) return;
    const people = conditions['people'];
    if (isJsonObject(people)) addIds(this.groupIds, people['groups']);
    const network = conditions['network'];
    if (isJsonObject(network)) addIds(this.zoneIds, network);
    const device = conditions['device'];
    if (isJsonObject(device)) addIds(this.deviceAssuranceIds, device['assurance']);
    const userType = conditions['userType'];
    if (isJsonObject(userType)) addIds(this.userTypeIds, userType);
  }
}

/** Adds the strings of `include` and `exclude` arrays of a condition. */
function addIds(target: Set<string>, condition: JsonValue | undefined): void {
  if (!isJsonObject(condition)) return;
  for (const field of ['include', 'exclude']) {
    const ids = condition[field];
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') target.add(id);
  }
}

/** Yields every string stored under a key named `expression` or `value` of an expression object, at any depth. */
function* expressionStrings(body: JsonValue): Generator<string> {
  if (Array.isArray(body)) {
    for (const item of body) yield* expressionStrings(item);
    return;
  }
  if (!isJsonObject(body)) return;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && (key === 'expression' || (key === 'value' && body['type'] === 'urn:okta:expression:1.0'))) yield value;
    else yield* expressionStrings(value);
  }
}
