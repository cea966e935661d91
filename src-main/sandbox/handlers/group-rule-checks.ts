import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { requireObjectBody } from '../http/body-checks.js';
import { validationFailed } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';
import { ExpressionSyntaxError } from './group-rule-expression-errors.js';
import { parseExpressionSyntax, type ExpressionNode } from './group-rule-expression-parser.js';

/** The only expression language Okta accepts in a group rule condition. */
export const RULE_EXPRESSION_TYPE = 'urn:okta:expression:1.0';

const EXPRESSION_FIELD = 'conditions.expression.value';

/** Maximum length of a group rule name, from the `GroupRule.name` schema (`maxLength: 50`). */
const MAX_RULE_NAME_LENGTH = 50;

/** The writable part of a group rule, checked and with Okta's defaults filled in. */
export interface RuleContent {
  name: string;
  conditions: JsonObject;
  actions: JsonObject;
}

/**
 * Checks the body of a create or replace request and returns its writable content, or throws
 * Okta's 400 `E0000001` naming the field. `ownId` is the id of the rule being replaced, so
 * that its own name does not count as a duplicate. On replace, a body without `actions` keeps
 * `currentActions`.
 */
export function validatedRuleContent(state: OrgState, body: unknown, ownId?: string, currentActions?: JsonObject): RuleContent {
  const request = requireObjectBody(body);
  checkType(request['type']);
  const name = checkName(state, request['name'], ownId);
  const conditions = checkConditions(request['conditions']);
  const actions = request['actions'] === undefined && currentActions ? currentActions : checkActions(state, request['actions']);
  return { name, conditions, actions };
}

/**
 * Parses a rule expression, or throws Okta's 400 `E0000001` naming what is wrong with its
 * syntax, its length or its nesting. An expression that parses is accepted even when the
 * sandbox cannot evaluate it, as Okta would accept it.
 * NOTE: Okta's own cause text for an invalid expression is not documented, so the cause is the
 * sandbox's.
 */
export function parseRuleExpressionOrReject(text: string): ExpressionNode {
  try {
    return parseExpressionSyntax(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    throw validationFailed(EXPRESSION_FIELD, [`${EXPRESSION_FIELD}: The expression is not valid Okta Expression Language: ${error.message}.`]);
  }
}

/** Returns the expression text of a stored rule's condition. */
export function expressionOf(rule: JsonObject): string {
  const value = objectAt(objectAt(rule['conditions'])['expression'])['value'];
  return typeof value === 'string' ? value : '';
}

/** Returns the users and groups a stored rule excludes. */
export function exclusionsOf(rule: JsonObject): { userIds: string[]; groupIds: string[] } {
  const people = objectAt(objectAt(rule['conditions'])['people']);
  return {
    userIds: stringsAt(objectAt(people['users'])['exclude']),
    groupIds: stringsAt(objectAt(people['groups'])['exclude']),
  };
}

function checkType(type: JsonValue | undefined): void {
  if (type === undefined || type === 'group_rule') return;
  throw validationFailed('type', [`type: '${String(type)}' is not a valid type. Only 'group_rule' is allowed.`]);
}

/**
 * Returns the checked name. Okta keeps group rule names unique in an org, and the cause text
 * for a duplicate is the one Okta returned in a public issue report.
 */
function checkName(state: OrgState, name: JsonValue | undefined, ownId: string | undefined): string {
  if (typeof name !== 'string' || name.trim() === '') throw validationFailed('name', ['name: The field cannot be left blank']);
  if (name.length > MAX_RULE_NAME_LENGTH) {
    throw validationFailed('name', [`name: The name is ${name.length} characters long, but the maximum is ${MAX_RULE_NAME_LENGTH}.`]);
  }

  const nameInUse = [...state.groupRules.values()].some((rule) => rule['id'] !== ownId && rule['name'] === name);
  if (nameInUse) throw validationFailed('name', ['name: Policy rule name already in use']);
  return name;
}

function checkConditions(conditions: JsonValue | undefined): JsonObject {
  if (!isJsonObject(conditions)) throw validationFailed('conditions', ['conditions: The field cannot be left blank']);

  const expression = conditions['expression'];
  if (!isJsonObject(expression)) throw validationFailed('conditions.expression', ['conditions.expression: The field cannot be left blank']);
  if (expression['type'] !== RULE_EXPRESSION_TYPE) {
    throw validationFailed('conditions.expression.type', [
      `conditions.expression.type: '${String(expression['type'])}' is not supported. Use '${RULE_EXPRESSION_TYPE}'.`,
    ]);
  }
  const value = expression['value'];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationFailed('conditions.expression.value', ['conditions.expression.value: The field cannot be left blank']);
  }
  parseRuleExpressionOrReject(value);

  const people = objectAt(conditions['people']);
  return {
    people: {
      users: { exclude: checkIdList(objectAt(people['users'])['exclude'], 'conditions.people.users.exclude') },
      groups: { exclude: checkIdList(objectAt(people['groups'])['exclude'], 'conditions.people.groups.exclude') },
    },
    expression: { value, type: RULE_EXPRESSION_TYPE },
  };
}

/** Target groups must exist and be of type `OKTA_GROUP`, because only those can take members. */
function checkActions(state: OrgState, actions: JsonValue | undefined): JsonObject {
  const field = 'actions.assignUserToGroups.groupIds';
  const groupIds = checkIdList(objectAt(objectAt(actions)['assignUserToGroups'])['groupIds'], field);
  if (groupIds.length === 0) throw validationFailed(field, [`${field}: The field cannot be left blank`]);

  for (const groupId of groupIds) {
    const group = state.groups.get(groupId);
    if (!group) throw validationFailed(field, [`${field}: Group ${groupId} does not exist.`]);
    if (group['type'] !== 'OKTA_GROUP') {
      throw validationFailed(field, [`${field}: Group ${groupId} has type ${String(group['type'])}, but a rule can assign users only to OKTA_GROUP groups.`]);
    }
  }
  return { assignUserToGroups: { groupIds } };
}

function checkIdList(value: JsonValue | undefined, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw validationFailed(field, [`${field}: The value must be a list of ids.`]);
  }
  return [...new Set(value as string[])];
}

function objectAt(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

function stringsAt(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
