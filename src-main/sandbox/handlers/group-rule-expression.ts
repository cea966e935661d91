import { UnsupportedExpressionError } from './group-rule-expression-errors.js';
import type { ExpressionNode } from './group-rule-expression-parser.js';

/**
 * A small evaluator for the Okta Expression Language as group rules use it, enough for the
 * sandbox to add members when a rule is activated. It evaluates:
 * - string, number, `true`, `false` and `null` literals, and `user.<attribute>` (a profile attribute);
 * - `==`, `!=`, `!`, `&&` / `AND`, `||` / `OR` and parentheses;
 * - `isMemberOfGroup`, `isMemberOfAnyGroup`, `isMemberOfGroupName`, `isMemberOfGroupNameStartsWith`,
 *   `isMemberOfGroupNameContains`, `String.startsWith`, `String.stringContains`,
 *   `String.toLowerCase` and `String.toUpperCase`.
 * Anything else that parses makes `compileRuleExpression` throw `UnsupportedExpressionError`.
 * NOTE: src-shared/okta/expression-language.ts implements an overlapping subset for the impact
 * engine; the two parsers differ in details (word operators, group-name functions) and should
 * become one.
 */

/** The user an expression is evaluated for, seen through the questions an expression can ask. */
export interface RuleSubject {
  profileValue(attribute: string): unknown;
  /** Group ids of the user's current memberships. */
  groupIds: ReadonlySet<string>;
  groupName(groupId: string): string | undefined;
}

export type RuleExpression = (subject: RuleSubject) => unknown;

type Call = (subject: RuleSubject, args: unknown[]) => unknown;

const FUNCTIONS: ReadonlyMap<string, Call> = new Map<string, Call>([
  ['isMemberOfGroup', (subject, [groupId]) => subject.groupIds.has(String(groupId))],
  ['isMemberOfAnyGroup', (subject, groupIds) => groupIds.some((groupId) => subject.groupIds.has(String(groupId)))],
  ['isMemberOfGroupName', (subject, [name]) => groupNames(subject).some((groupName) => groupName === name)],
  ['isMemberOfGroupNameStartsWith', (subject, [prefix]) => groupNames(subject).some((groupName) => groupName.startsWith(String(prefix)))],
  ['isMemberOfGroupNameContains', (subject, [part]) => groupNames(subject).some((groupName) => groupName.includes(String(part)))],
  ['String.startsWith', (_subject, [text, prefix]) => typeof text === 'string' && text.startsWith(String(prefix))],
  ['String.stringContains', (_subject, [text, part]) => typeof text === 'string' && text.includes(String(part))],
  ['String.toLowerCase', (_subject, [text]) => (typeof text === 'string' ? text.toLowerCase() : text)],
  ['String.toUpperCase', (_subject, [text]) => (typeof text === 'string' ? text.toUpperCase() : text)],
]);

/**
 * Turns a parsed expression into a function of the user, or throws `UnsupportedExpressionError`
 * naming the first part the sandbox cannot evaluate. It recurses once per tree level, and the
 * parser bounds the depth.
 */
export function compileRuleExpression(node: ExpressionNode): RuleExpression {
  switch (node.kind) {
    case 'literal':
      return () => node.value;
    case 'name':
      return compileName(node.path);
    case 'call':
      return compileCall(node);
    case 'prefix':
      return compileNegation(node.operators, compileRuleExpression(node.operand));
    case 'logical':
      return compileLogical(node.operator, node.terms.map(compileRuleExpression));
    case 'comparison':
      return compileComparison(node.operator, compileRuleExpression(node.left), compileRuleExpression(node.right));
    default:
      throw new UnsupportedExpressionError(`${describeKind(node)} is not supported`);
  }
}

function compileName(path: string): RuleExpression {
  if (!path.startsWith('user.')) throw new UnsupportedExpressionError(`'${path}' is not supported`);
  const attribute = path.slice('user.'.length);
  return (subject) => subject.profileValue(attribute) ?? null;
}

function compileCall(node: Extract<ExpressionNode, { kind: 'call' }>): RuleExpression {
  const call = node.target === undefined ? FUNCTIONS.get(node.name) : undefined;
  if (!call) throw new UnsupportedExpressionError(`the function '${node.name}' is not supported`);
  const args = node.args.map(compileRuleExpression);
  return (subject) => call(subject, args.map((arg) => arg(subject)));
}

/** Applies a run of `!` operators from the innermost out. A value that is not `true` counts as false. */
function compileNegation(operators: string[], operand: RuleExpression): RuleExpression {
  if (operators.some((operator) => operator !== '!')) throw new UnsupportedExpressionError('the prefix operator - is not supported');
  return (subject) => {
    let value = operand(subject);
    for (let index = 0; index < operators.length; index++) value = value !== true;
    return value;
  };
}

function compileLogical(operator: '&&' | '||', terms: RuleExpression[]): RuleExpression {
  if (operator === '&&') return (subject) => terms.every((term) => term(subject) === true);
  return (subject) => terms.some((term) => term(subject) === true);
}

function compileComparison(operator: string, left: RuleExpression, right: RuleExpression): RuleExpression {
  if (operator !== '==' && operator !== '!=') throw new UnsupportedExpressionError(`the operator ${operator} is not supported`);
  const equal = operator === '==';
  return (subject) => (left(subject) === right(subject)) === equal;
}

function groupNames(subject: RuleSubject): string[] {
  return [...subject.groupIds].map((groupId) => subject.groupName(groupId)).filter((name): name is string => name !== undefined);
}

function describeKind(node: ExpressionNode): string {
  switch (node.kind) {
    case 'member':
      return `the member access '.${node.name}'`;
    case 'index':
      return 'indexing with [ ]';
    case 'list':
    case 'map':
      return 'a { } literal';
    case 'arithmetic':
      return 'arithmetic';
    case 'conditional':
    case 'elvis':
      return 'a conditional (?:)';
    default:
      return `'${node.kind}'`;
  }
}
