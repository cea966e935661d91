import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';
import type { ResourceChange, Severity } from '../diff-types.js';
import type { FindingDraft, FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { isUnder, objectAt, pointerOf, stringAt, valueAt } from './json-pointer.js';
import { code, quoted, shortValue } from './phrases.js';
import type { ResourceLabels } from './resource-labels.js';
import { lifecycleRule, sameValue } from './rule-builders.js';

/** Admin Console wording ("Apply on") of each `pushStatus`: when Okta applies a mapping. */
const APPLY_ON: Readonly<Record<string, string>> = {
  PUSH: 'user create and update',
  DONT_PUSH: 'user create only',
};

/** Names one end of a mapping: "Okta user" for the default user type, else the user type or the app by label. */
function endName(end: JsonValue | undefined, labels: ResourceLabels): string {
  const id = stringAt(end, '/id') ?? '';
  if (stringAt(end, '/type') === 'appuser') return quoted(labels.find('app', id)?.name ?? stringAt(end, '/name') ?? id);

  const userType = labels.find('user-type', id);
  if (userType === undefined || objectAt(userType.body, '')['default'] === true) return 'Okta user';
  return `Okta user type ${quoted(userType.name)}`;
}

function mappingBody(change: ResourceChange): JsonValue | undefined {
  return change.after?.body ?? change.before?.body;
}

function appIdsOf(change: ResourceChange): string[] {
  const body = mappingBody(change);
  return ['/source', '/target']
    .filter((pointer) => stringAt(body, `${pointer}/type`) === 'appuser')
    .map((pointer) => stringAt(body, `${pointer}/id`) ?? '');
}

type Direction = 'added' | 'removed' | 'changed';

/** Returns the mapped attributes (keys of `properties`) that differ, with how, in the order of the after side. */
function attributeChanges(before: JsonValue | undefined, after: JsonValue | undefined): Array<{ attribute: string; direction: Direction }> {
  const was = objectAt(before, '/properties');
  const now = objectAt(after, '/properties');
  const changes: Array<{ attribute: string; direction: Direction }> = [];
  for (const attribute of new Set([...Object.keys(now), ...Object.keys(was)])) {
    if (!(attribute in was)) changes.push({ attribute, direction: 'added' });
    else if (!(attribute in now)) changes.push({ attribute, direction: 'removed' });
    else if (!sameValue(was[attribute], now[attribute])) changes.push({ attribute, direction: 'changed' });
  }
  return changes;
}

/** Writes an expression in backticks, or undefined when it is too long to quote. */
function expressionOf(mapping: JsonValue | undefined): string | undefined {
  return shortValue(isJsonObject(mapping) ? mapping['expression'] : undefined, 'code');
}

/** Writes the sentences for one mapped attribute: its expression and, separately, when Okta applies it. */
function attributeSentences(subject: string, attribute: string, direction: Direction, was: JsonObject, now: JsonObject): string[] {
  const name = code(attribute);
  const oldExpression = expressionOf(was[attribute]);
  const newExpression = expressionOf(now[attribute]);

  if (direction === 'added') return [newExpression === undefined ? `${subject}: ${name} is now mapped.` : `${subject}: ${name} now maps from ${newExpression}.`];
  if (direction === 'removed') return [oldExpression === undefined ? `${subject}: ${name} is no longer mapped.` : `${subject}: ${name} is no longer mapped (was ${oldExpression}).`];

  const sentences: string[] = [];
  if (!sameValue(valueAt(was, pointerOf(attribute, 'expression')), valueAt(now, pointerOf(attribute, 'expression')))) {
    sentences.push(oldExpression === undefined || newExpression === undefined
      ? `${subject}: the mapping expression of ${name} changed.`
      : `${subject}: ${name} now maps from ${newExpression} (was ${oldExpression}).`);
  }
  const oldApply = stringAt(was, pointerOf(attribute, 'pushStatus'));
  const newApply = stringAt(now, pointerOf(attribute, 'pushStatus'));
  if (oldApply !== newApply) {
    sentences.push(`${subject}: ${name} is now applied on ${applyOn(newApply)} (was ${applyOn(oldApply)}).`);
  }
  return sentences;
}

function applyOn(pushStatus: string | undefined): string {
  if (pushStatus === undefined) return 'no setting';
  return APPLY_ON[pushStatus] ?? pushStatus;
}

/**
 * Builds a rule for mapped attributes that changed in one direction, either the product attribute
 * (`product` true) or every other attribute. Each finding claims the paths of its attribute.
 */
function attributeRule(ruleCode: string, severity: Severity, direction: Direction, product: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: ['/properties'],
    describe: ({ subject, before, after, paths, productAttribute }: RuleInput) => {
      const drafts: FindingDraft[] = [];
      for (const change of attributeChanges(before, after)) {
        if (change.direction !== direction || (change.attribute === productAttribute) !== product) continue;
        const pointer = pointerOf('properties', change.attribute);
        const claims = paths.filter((path) => isUnder(path, pointer) || isUnder(pointer, path));
        const sentences = attributeSentences(subject, change.attribute, direction, objectAt(before, '/properties'), objectAt(after, '/properties'));
        for (const sentence of sentences) drafts.push({ sentence, claims });
      }
      return drafts;
    },
  };
}

/** Builds a rule for a deleted mapping, split by whether it mapped the product attribute. */
function deletedMappingRule(ruleCode: string, severity: Severity, product: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'removed',
    describe: ({ subject, before, productAttribute }) => {
      const mapsProduct = productAttribute in objectAt(before, '/properties');
      if (mapsProduct !== product) return undefined;
      const consequence = product ? `, so ${code(productAttribute)} is no longer mapped` : '';
      return { sentence: `${subject} was deleted${consequence}.` };
    },
  };
}

/**
 * Findings for profile mappings between Okta users and an app's users. The attribute that
 * decides Atlassian products is critical when its mapping changes or goes; other attributes
 * are medium.
 */
export const PROFILE_MAPPING_FINDINGS: KindFindings = {
  subject: (change: ResourceChange, labels: ResourceLabels) => {
    const body = mappingBody(change);
    return `Profile mapping ${endName(objectAt(body, '/source'), labels)} → ${endName(objectAt(body, '/target'), labels)}`;
  },
  subjectIds: appIdsOf,
  rules: [
    deletedMappingRule('product-mapping-removed', 'critical', true),
    deletedMappingRule('profile-mapping-removed', 'medium', false),
    lifecycleRule('profile-mapping-added', 'medium', 'added', 'was added'),
    attributeRule('product-mapping-changed', 'critical', 'changed', true),
    attributeRule('product-mapping-removed', 'critical', 'removed', true),
    attributeRule('product-mapping-added', 'medium', 'added', true),
    attributeRule('profile-mapping-attribute-changed', 'medium', 'changed', false),
    attributeRule('profile-mapping-attribute-removed', 'medium', 'removed', false),
    attributeRule('profile-mapping-attribute-added', 'medium', 'added', false),
  ],
};
