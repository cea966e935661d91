/**
 * A small evaluator for the Okta Expression Language as group rules use it, enough for the
 * sandbox to add members when a rule is activated. It supports:
 * - string, number, `true`, `false` and `null` literals, and `user.<attribute>` (a profile attribute);
 * - `==`, `!=`, `!`, `&&` / `AND`, `||` / `OR` and parentheses;
 * - `isMemberOfGroup`, `isMemberOfAnyGroup`, `isMemberOfGroupName`, `isMemberOfGroupNameStartsWith`,
 *   `isMemberOfGroupNameContains`, `String.startsWith`, `String.stringContains`,
 *   `String.toLowerCase` and `String.toUpperCase`.
 * Anything else makes `parseRuleExpression` throw `UnsupportedExpressionError`.
 */

/** The user an expression is evaluated for, seen through the questions an expression can ask. */
export interface RuleSubject {
  profileValue(attribute: string): unknown;
  /** Group ids of the user's current memberships. */
  groupIds: ReadonlySet<string>;
  groupName(groupId: string): string | undefined;
}

export type RuleExpression = (subject: RuleSubject) => unknown;

export class UnsupportedExpressionError extends Error {
  constructor(expression: string, detail: string) {
    super(`The sandbox cannot evaluate the group rule expression '${expression}': ${detail}`);
    this.name = 'UnsupportedExpressionError';
  }
}

/** Parses an expression, or throws `UnsupportedExpressionError` naming what it cannot evaluate. */
export function parseRuleExpression(text: string): RuleExpression {
  const parser = new ExpressionParser(tokenize(text), text);
  const expression = parser.parseOr();
  parser.expectEnd();
  return expression;
}

type Token = { kind: 'literal'; value: unknown } | { kind: 'name'; text: string } | { kind: 'symbol'; text: string };

const SYMBOLS = ['==', '!=', '&&', '||', '!', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }

    const [token, length] = readToken(rest, text);
    tokens.push(token);
    index += length;
  }
  return tokens;
}

/** Reads the token at the start of `rest` and returns it with its length in characters. */
function readToken(rest: string, text: string): [Token, number] {
  const quoted = /^(["'])((?:\\.|(?!\1).)*)\1/.exec(rest);
  if (quoted) return [{ kind: 'literal', value: (quoted[2] ?? '').replace(/\\(.)/g, '$1') }, quoted[0].length];

  const number = /^\d+(\.\d+)?/.exec(rest);
  if (number) return [{ kind: 'literal', value: Number(number[0]) }, number[0].length];

  const name = /^[A-Za-z_][\w.]*/.exec(rest);
  if (name) return [nameToken(name[0]), name[0].length];

  const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
  if (symbol) return [{ kind: 'symbol', text: symbol }, symbol.length];
  throw new UnsupportedExpressionError(text, `unexpected character '${rest[0] ?? ''}'`);
}

function nameToken(text: string): Token {
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (text === 'null') return { kind: 'literal', value: null };
  if (text === 'AND') return { kind: 'symbol', text: '&&' };
  if (text === 'OR') return { kind: 'symbol', text: '||' };
  return { kind: 'name', text };
}

type Call = (subject: RuleSubject, args: unknown[]) => unknown;

const FUNCTIONS: Record<string, Call> = {
  isMemberOfGroup: (subject, [groupId]) => subject.groupIds.has(String(groupId)),
  isMemberOfAnyGroup: (subject, groupIds) => groupIds.some((groupId) => subject.groupIds.has(String(groupId))),
  isMemberOfGroupName: (subject, [name]) => groupNames(subject).some((groupName) => groupName === name),
  isMemberOfGroupNameStartsWith: (subject, [prefix]) => groupNames(subject).some((groupName) => groupName.startsWith(String(prefix))),
  isMemberOfGroupNameContains: (subject, [part]) => groupNames(subject).some((groupName) => groupName.includes(String(part))),
  'String.startsWith': (_subject, [text, prefix]) => typeof text === 'string' && text.startsWith(String(prefix)),
  'String.stringContains': (_subject, [text, part]) => typeof text === 'string' && text.includes(String(part)),
  'String.toLowerCase': (_subject, [text]) => (typeof text === 'string' ? text.toLowerCase() : text),
  'String.toUpperCase': (_subject, [text]) => (typeof text === 'string' ? text.toUpperCase() : text),
};

function groupNames(subject: RuleSubject): string[] {
  return [...subject.groupIds].map((groupId) => subject.groupName(groupId)).filter((name): name is string => name !== undefined);
}

class ExpressionParser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parseOr(): RuleExpression {
    let left = this.parseAnd();
    while (this.takeSymbol('||')) {
      const [first, second] = [left, this.parseAnd()];
      left = (subject) => first(subject) === true || second(subject) === true;
    }
    return left;
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) throw new UnsupportedExpressionError(this.text, 'unexpected text after the end');
  }

  private parseAnd(): RuleExpression {
    let left = this.parseNot();
    while (this.takeSymbol('&&')) {
      const [first, second] = [left, this.parseNot()];
      left = (subject) => first(subject) === true && second(subject) === true;
    }
    return left;
  }

  private parseNot(): RuleExpression {
    if (!this.takeSymbol('!')) return this.parseComparison();
    const inner = this.parseNot();
    return (subject) => inner(subject) !== true;
  }

  private parseComparison(): RuleExpression {
    const left = this.parsePrimary();
    const equal = this.takeSymbol('==');
    if (!equal && !this.takeSymbol('!=')) return left;
    const right = this.parsePrimary();
    return (subject) => (left(subject) === right(subject)) === equal;
  }

  private parsePrimary(): RuleExpression {
    const token = this.tokens[this.position++];
    if (token?.kind === 'literal') return () => token.value;
    if (token?.kind === 'symbol' && token.text === '(') {
      const inner = this.parseOr();
      this.requireSymbol(')');
      return inner;
    }
    if (token?.kind !== 'name') throw new UnsupportedExpressionError(this.text, 'a value is missing');
    if (this.takeSymbol('(')) return this.parseCall(token.text);
    if (token.text.startsWith('user.')) {
      const attribute = token.text.slice('user.'.length);
      return (subject) => subject.profileValue(attribute) ?? null;
    }
    throw new UnsupportedExpressionError(this.text, `'${token.text}' is not supported`);
  }

  private parseCall(name: string): RuleExpression {
    const call = FUNCTIONS[name];
    if (!call) throw new UnsupportedExpressionError(this.text, `the function '${name}' is not supported`);

    const args: RuleExpression[] = [];
    if (!this.takeSymbol(')')) {
      do args.push(this.parseOr());
      while (this.takeSymbol(','));
      this.requireSymbol(')');
    }
    return (subject) => call(subject, args.map((arg) => arg(subject)));
  }

  private takeSymbol(symbol: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind !== 'symbol' || token.text !== symbol) return false;
    this.position++;
    return true;
  }

  private requireSymbol(symbol: string): void {
    if (!this.takeSymbol(symbol)) throw new UnsupportedExpressionError(this.text, `'${symbol}' is missing`);
  }
}
