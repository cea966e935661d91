import { ExpressionError } from './expression-errors.js';
import { checkCall } from './expression-functions.js';
import { tokenize, type ExpressionSymbol, type Token } from './expression-tokens.js';

/** Maximum length of expression text, in characters. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** Maximum nesting depth: parentheses, array literals, calls, ternary branches and `!` each add a level. */
export const MAX_EXPRESSION_DEPTH = 100;

export type LiteralValue = string | number | boolean | null;

/** A parsed expression. `and`/`or` chains are flat, so a long chain adds no depth. */
export type ExpressionNode =
  | { type: 'literal'; value: LiteralValue }
  | { type: 'array'; items: ExpressionNode[] }
  | { type: 'attribute'; scope: 'user' | 'appuser'; name: string; offset: number }
  | { type: 'not'; operand: ExpressionNode; offset: number }
  | { type: 'and' | 'or'; operands: ExpressionNode[]; offset: number }
  | { type: 'equals' | 'not-equals'; left: ExpressionNode; right: ExpressionNode }
  | { type: 'conditional'; condition: ExpressionNode; whenTrue: ExpressionNode; whenFalse: ExpressionNode; offset: number }
  | { type: 'call'; name: string; args: ExpressionNode[]; offset: number };

/** SpEL word operators that Okta accepts but this parser does not implement. */
const UNSUPPORTED_WORDS = new Set(['not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'div', 'mod', 'instanceof', 'matches', 'between']);

/**
 * Parses expression text into a tree. Throws `ExpressionError`: `too-long` past
 * `MAX_EXPRESSION_LENGTH`, `too-deep` past `MAX_EXPRESSION_DEPTH`, `syntax` for invalid text and
 * `unsupported` for Okta syntax outside the supported subset.
 */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('too-long', `Expression is ${text.length} characters long; the maximum is ${MAX_EXPRESSION_LENGTH}`);
  }
  const parser = new Parser(tokenize(text));
  const tree = parser.parseExpression();
  parser.expectEnd();
  return tree;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  /** expression := or ( '?' expression ':' expression )? */
  parseExpression(): ExpressionNode {
    const start = this.peek().offset;
    this.enter(start);
    const condition = this.parseOr();
    let node = condition;
    if (this.acceptSymbol('?')) {
      const whenTrue = this.parseExpression();
      this.expectSymbol(':');
      const whenFalse = this.parseExpression();
      node = { type: 'conditional', condition, whenTrue, whenFalse, offset: start };
    }
    this.depth--;
    return node;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw unexpected(token, `Unexpected ${describe(token)} after the end of the expression`);
  }

  private parseOr(): ExpressionNode {
    return this.parseChain('or', '||', 'OR', () => this.parseAnd());
  }

  private parseAnd(): ExpressionNode {
    return this.parseChain('and', '&&', 'AND', () => this.parseEquality());
  }

  /** Parses `operand (operator operand)*` into one flat node; a single operand is returned as it is. */
  private parseChain(type: 'and' | 'or', symbol: ExpressionSymbol, word: string, parseOperand: () => ExpressionNode): ExpressionNode {
    const offset = this.peek().offset;
    const operands = [parseOperand()];
    while (this.acceptSymbol(symbol) || this.acceptWord(word)) operands.push(parseOperand());
    return operands.length === 1 ? (operands[0] as ExpressionNode) : { type, operands, offset };
  }

  /** equality := unary ( ('==' | '!=') unary )?, with no chaining: `a == b == c` is rejected. */
  private parseEquality(): ExpressionNode {
    const left = this.parseUnary();
    const operator = this.peek();
    if (!this.acceptSymbol('==') && !this.acceptSymbol('!=')) return left;

    const right = this.parseUnary();
    const next = this.peek();
    if (next.kind === 'symbol' && (next.value === '==' || next.value === '!=')) {
      throw new ExpressionError('unsupported', 'Chained == or != is not supported; add parentheses', next.offset);
    }
    const type = operator.kind === 'symbol' && operator.value === '==' ? 'equals' : 'not-equals';
    return { type, left, right };
  }

  private parseUnary(): ExpressionNode {
    const token = this.peek();
    if (!this.acceptSymbol('!')) return this.parsePrimary();
    this.enter(token.offset);
    const operand = this.parseUnary();
    this.depth--;
    return { type: 'not', operand, offset: token.offset };
  }

  private parsePrimary(): ExpressionNode {
    const token = this.next();
    switch (token.kind) {
      case 'string':
      case 'number':
        return { type: 'literal', value: token.value };
      case 'identifier':
        return this.parseName(token.value, token.offset);
      case 'symbol':
        return this.parseBracketed(token);
      case 'end':
        throw new ExpressionError('syntax', 'Expression ends where a value is expected', token.offset);
    }
  }

  private parseBracketed(token: Extract<Token, { kind: 'symbol' }>): ExpressionNode {
    if (token.value === '(') {
      const inner = this.parseExpression();
      this.expectSymbol(')');
      return inner;
    }
    if (token.value === '{') return { type: 'array', items: this.parseList('}') };
    throw new ExpressionError('syntax', `Unexpected '${token.value}' where a value is expected`, token.offset);
  }

  /** Parses a dotted name: a keyword, `user.attr`, `appuser.attr` or a function call. */
  private parseName(first: string, offset: number): ExpressionNode {
    const keyword = keywordValue(first);
    if (keyword !== undefined) return { type: 'literal', value: keyword };
    if (UNSUPPORTED_WORDS.has(first.toLowerCase())) {
      throw new ExpressionError('unsupported', `Operator '${first}' is not supported`, offset);
    }

    const parts = [first];
    while (this.acceptSymbol('.')) parts.push(this.expectIdentifier());
    const name = parts.join('.');

    if (this.acceptSymbol('(')) {
      const args = this.parseList(')');
      checkCall(name, args.length, offset);
      return { type: 'call', name, args, offset };
    }
    if ((first === 'user' || first === 'appuser') && parts.length === 2) {
      return { type: 'attribute', scope: first, name: parts[1] as string, offset };
    }
    throw new ExpressionError('unsupported', `'${name}' is not a supported value; only user.<attribute> and appuser.<attribute> are`, offset);
  }

  /** Parses comma-separated expressions up to the closing symbol, which is consumed. */
  private parseList(close: ')' | '}'): ExpressionNode[] {
    const items: ExpressionNode[] = [];
    if (this.acceptSymbol(close)) return items;
    do items.push(this.parseExpression());
    while (this.acceptSymbol(','));
    this.expectSymbol(close);
    return items;
  }

  private enter(offset: number): void {
    this.depth++;
    if (this.depth > MAX_EXPRESSION_DEPTH) {
      throw new ExpressionError('too-deep', `Expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep`, offset);
    }
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private acceptSymbol(symbol: ExpressionSymbol): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.value !== symbol) return false;
    this.index++;
    return true;
  }

  /** Accepts a word operator such as `AND`, in any letter case, as SpEL does. */
  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'identifier' || token.value.toUpperCase() !== word) return false;
    this.index++;
    return true;
  }

  private expectSymbol(symbol: ExpressionSymbol): void {
    const token = this.peek();
    if (!this.acceptSymbol(symbol)) throw unexpected(token, `Expected '${symbol}' but found ${describe(token)}`);
  }

  private expectIdentifier(): string {
    const token = this.next();
    if (token.kind !== 'identifier') throw new ExpressionError('syntax', `Expected a name after '.' but found ${describe(token)}`, token.offset);
    return token.value;
  }
}

/** Builds the error for a token out of place: `unsupported` for a SpEL word operator, `syntax` otherwise. */
function unexpected(token: Token, message: string): ExpressionError {
  if (token.kind === 'identifier' && UNSUPPORTED_WORDS.has(token.value.toLowerCase())) {
    return new ExpressionError('unsupported', `Operator '${token.value}' is not supported`, token.offset);
  }
  return new ExpressionError('syntax', message, token.offset);
}

function keywordValue(word: string): LiteralValue | undefined {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  return undefined;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return `the string "${token.value}"`;
    default:
      return `'${String(token.value)}'`;
  }
}
