/**
 * Parses and evaluates the subset of the Okta Expression Language that group rules and profile
 * mappings use:
 * - `user.attr` and `appuser.attr`;
 * - string, number, boolean and null literals, and array literals `{"a","b"}`;
 * - `==`, `!=`, `!`, `&&`/`AND`, `||`/`OR`, `? :` and parentheses;
 * - `isMemberOfGroup`, `isMemberOfAnyGroup`, `String.startsWith`, `String.stringContains`,
 *   `String.toLowerCase`, `String.toUpperCase` and `Arrays.contains`.
 *
 * Anything else (arithmetic, relational operators, other functions, method calls on values) is
 * an `ExpressionError` with code `unsupported`, never a guess. Evaluation recurses only as deep
 * as the parser allows (`MAX_EXPRESSION_DEPTH`).
 */
import type { JsonValue } from '../json/json-types.js';
import { ExpressionError } from './expression-errors.js';
import { callFunction, typeName, valuesEqual, type ExpressionValue, type GroupMembershipLookup } from './expression-functions.js';
import { parseExpression, type ExpressionNode } from './expression-parser.js';

export { ExpressionError, type ExpressionErrorCode } from './expression-errors.js';
export type { ExpressionValue, GroupMembershipLookup } from './expression-functions.js';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression, type ExpressionNode } from './expression-parser.js';

/** Inputs of an expression. A missing attribute reads as null, as in Okta. */
export interface ExpressionContext {
  /** The Okta user's profile attributes, for `user.attr`. */
  user?: Readonly<Record<string, JsonValue>>;
  /** The app user's profile attributes, for `appuser.attr`; absent when there is no app user. */
  appUser?: Readonly<Record<string, JsonValue>>;
  isMemberOfGroup?: GroupMembershipLookup;
}

/** Parses and evaluates expression text. Throws `ExpressionError` when it cannot. */
export function evaluateExpressionText(text: string, context: ExpressionContext): ExpressionValue {
  return evaluateExpression(parseExpression(text), context);
}

/** Evaluates a parsed expression. Throws `ExpressionError` on a type error or a value the context lacks. */
export function evaluateExpression(node: ExpressionNode, context: ExpressionContext): ExpressionValue {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'array':
      return node.items.map((item) => evaluateExpression(item, context));
    case 'attribute':
      return readAttribute(node, context);
    case 'not':
      return !requireBoolean(evaluateExpression(node.operand, context), '!', node.offset);
    case 'and':
      return node.operands.every((operand) => requireBoolean(evaluateExpression(operand, context), '&&', node.offset));
    case 'or':
      return node.operands.some((operand) => requireBoolean(evaluateExpression(operand, context), '||', node.offset));
    case 'equals':
      return valuesEqual(evaluateExpression(node.left, context), evaluateExpression(node.right, context));
    case 'not-equals':
      return !valuesEqual(evaluateExpression(node.left, context), evaluateExpression(node.right, context));
    case 'conditional': {
      const condition = requireBoolean(evaluateExpression(node.condition, context), '? :', node.offset);
      return evaluateExpression(condition ? node.whenTrue : node.whenFalse, context);
    }
    case 'call': {
      const args = node.args.map((arg) => evaluateExpression(arg, context));
      return callFunction(node.name, args, context.isMemberOfGroup, node.offset);
    }
  }
}

function readAttribute(node: Extract<ExpressionNode, { type: 'attribute' }>, context: ExpressionContext): ExpressionValue {
  const profile = node.scope === 'user' ? context.user : context.appUser;
  if (profile === undefined) {
    throw new ExpressionError('unknown-value', `${node.scope}.${node.name} cannot be read here: there is no ${node.scope} profile`, node.offset);
  }
  const value = Object.hasOwn(profile, node.name) ? profile[node.name] : undefined;
  return toExpressionValue(value ?? null, `${node.scope}.${node.name}`, node.offset);
}

function toExpressionValue(value: JsonValue, name: string, offset: number): ExpressionValue {
  if (Array.isArray(value)) return value.map((item) => toExpressionValue(item, name, offset));
  if (typeof value === 'object' && value !== null) {
    throw new ExpressionError('unsupported', `${name} is an object, which expressions here cannot read`, offset);
  }
  return value;
}

function requireBoolean(value: ExpressionValue, operator: string, offset: number): boolean {
  if (typeof value !== 'boolean') throw new ExpressionError('type', `${operator} expects a boolean, not ${typeName(value)}`, offset);
  return value;
}
