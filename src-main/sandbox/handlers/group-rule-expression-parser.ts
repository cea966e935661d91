import { ExpressionSyntaxError } from './group-rule-expression-errors.js';
import { tokenize, type Token } from './group-rule-expression-tokens.js';

/**
 * Maximum length of an expression the sandbox parses, in characters.
 * NOTE: Okta documents no maximum. This limit is the sandbox's own, far above the length of a
 * hand-written rule, so that a huge expression is rejected before it is parsed.
 */
export const MAX_EXPRESSION_LENGTH = 8192;

/**
 * Maximum nesting depth of parentheses, brackets, braces, function arguments and conditional
 * branches that the sandbox parses.
 * NOTE: Okta documents no maximum. This limit is the sandbox's own, and it keeps the parser
 * and the evaluator, which recurse once per level, far from the end of Node's call stack.
 */
export const MAX_NESTING_DEPTH = 100;

/**
 * The syntax tree of an expression. Chains of `&&`, `||`, `+` and `*` are flat lists and a run
 * of prefix operators is one node, so that only nesting, which `MAX_NESTING_DEPTH` bounds,
 * makes the tree deeper.
 */
export type ExpressionNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'name'; path: string }
  | { kind: 'member'; target: ExpressionNode; name: string }
  | { kind: 'call'; target: ExpressionNode | undefined; name: string; args: ExpressionNode[] }
  | { kind: 'index'; target: ExpressionNode; index: ExpressionNode }
  | { kind: 'list'; items: ExpressionNode[] }
  | { kind: 'map'; entries: Array<[ExpressionNode, ExpressionNode]> }
  | { kind: 'prefix'; operators: string[]; operand: ExpressionNode }
  | { kind: 'logical'; operator: '&&' | '||'; terms: ExpressionNode[] }
  | { kind: 'comparison'; operator: string; left: ExpressionNode; right: ExpressionNode }
  | { kind: 'arithmetic'; first: ExpressionNode; rest: Array<{ operator: string; operand: ExpressionNode }> }
  | { kind: 'conditional'; test: ExpressionNode; then: ExpressionNode; otherwise: ExpressionNode }
  | { kind: 'elvis'; value: ExpressionNode; fallback: ExpressionNode };

const COMPARISON_OPERATORS = ['==', '!=', '<=', '>=', '<', '>', 'matches'];

/**
 * Parses the syntax of the Okta Expression Language as group rules use it. The syntax covers
 * literals, dotted names, function and method calls, indexing, `{…}` lists and maps, prefix
 * `!` and `-`, arithmetic, comparisons, `&&` and `||` (also written AND and OR), `?:` and
 * `a ? b : c`. Operators bind as in the Spring Expression Language, on which Okta's is built,
 * so `!a == b` reads as `(!a) == b`, and `a == b == c` is rejected.
 * Throws `ExpressionSyntaxError` for text that does not parse, is longer than
 * `MAX_EXPRESSION_LENGTH` or nests deeper than `MAX_NESTING_DEPTH`.
 */
export function parseExpressionSyntax(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`the expression is ${text.length} characters long, but the maximum is ${MAX_EXPRESSION_LENGTH}`, MAX_EXPRESSION_LENGTH);
  }
  const parser = new ExpressionParser(tokenize(text), text.length);
  const tree = parser.parseTopLevel();
  parser.expectEnd();
  return tree;
}

class ExpressionParser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly textLength: number,
  ) {}

  parseTopLevel(): ExpressionNode {
    return this.parseConditional();
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token !== undefined) throw new ExpressionSyntaxError(`unexpected ${describe(token)} after the end of the expression`, token.offset);
  }

  /** Parses an expression nested one level deeper than the caller's: inside brackets, in an argument or in a branch. */
  private parseExpression(): ExpressionNode {
    this.depth++;
    try {
      this.checkDepth(0);
      return this.parseConditional();
    } finally {
      this.depth--;
    }
  }

  private parseConditional(): ExpressionNode {
    const value = this.parseOr();
    if (this.takeSymbol('?:')) return { kind: 'elvis', value, fallback: this.parseExpression() };
    if (!this.takeSymbol('?')) return value;

    const then = this.parseExpression();
    this.requireSymbol(':');
    return { kind: 'conditional', test: value, then, otherwise: this.parseExpression() };
  }

  private parseOr(): ExpressionNode {
    const terms = [this.parseAnd()];
    while (this.takeSymbol('||')) terms.push(this.parseAnd());
    return terms.length === 1 ? (terms[0] as ExpressionNode) : { kind: 'logical', operator: '||', terms };
  }

  private parseAnd(): ExpressionNode {
    const terms = [this.parseComparison()];
    while (this.takeSymbol('&&')) terms.push(this.parseComparison());
    return terms.length === 1 ? (terms[0] as ExpressionNode) : { kind: 'logical', operator: '&&', terms };
  }

  private parseComparison(): ExpressionNode {
    const left = this.parseArithmetic(['+', '-'], () => this.parseArithmetic(['*', '/', '%'], () => this.parsePrefix()));
    const operator = COMPARISON_OPERATORS.find((candidate) => this.takeSymbol(candidate));
    if (operator === undefined) return left;
    const right = this.parseArithmetic(['+', '-'], () => this.parseArithmetic(['*', '/', '%'], () => this.parsePrefix()));
    return { kind: 'comparison', operator, left, right };
  }

  private parseArithmetic(operators: string[], parseOperand: () => ExpressionNode): ExpressionNode {
    const first = parseOperand();
    const rest: Array<{ operator: string; operand: ExpressionNode }> = [];
    for (;;) {
      const operator = operators.find((candidate) => this.takeSymbol(candidate));
      if (operator === undefined) break;
      rest.push({ operator, operand: parseOperand() });
    }
    return rest.length === 0 ? first : { kind: 'arithmetic', first, rest };
  }

  private parsePrefix(): ExpressionNode {
    const operators: string[] = [];
    for (;;) {
      const operator = ['!', '-'].find((candidate) => this.takeSymbol(candidate));
      if (operator === undefined) break;
      operators.push(operator);
    }
    const operand = this.parsePostfix();
    return operators.length === 0 ? operand : { kind: 'prefix', operators, operand };
  }

  /** Parses a value followed by member accesses, method calls and indexes, each of which counts as one level of nesting. */
  private parsePostfix(): ExpressionNode {
    let node = this.parsePrimary();
    for (let links = 1; ; links++) {
      if (this.nextIsSymbol('.') || this.nextIsSymbol('[')) this.checkDepth(links);
      if (this.takeSymbol('.')) {
        const name = this.requireName();
        node = this.takeSymbol('(') ? { kind: 'call', target: node, name, args: this.parseList(')') } : { kind: 'member', target: node, name };
      } else if (this.takeSymbol('[')) {
        node = { kind: 'index', target: node, index: this.parseExpression() };
        this.requireSymbol(']');
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): ExpressionNode {
    const token = this.tokens[this.position];
    if (token === undefined) throw new ExpressionSyntaxError('a value is missing at the end of the expression', this.textLength);
    this.position++;

    if (token.kind === 'literal') return { kind: 'literal', value: token.value };
    if (token.kind === 'name') {
      return this.takeSymbol('(') ? { kind: 'call', target: undefined, name: token.text, args: this.parseList(')') } : { kind: 'name', path: token.text };
    }
    if (token.text === '(') {
      const inner = this.parseExpression();
      this.requireSymbol(')');
      return inner;
    }
    if (token.text === '{') return this.parseBraces();
    throw new ExpressionSyntaxError(`a value is missing before ${describe(token)}`, token.offset);
  }

  /** Parses the items of a `{…}` literal: a list such as `{'a', 'b'}` or a map such as `{'key': 'value'}`. */
  private parseBraces(): ExpressionNode {
    if (this.takeSymbol('}')) return { kind: 'list', items: [] };
    const first = this.parseExpression();
    if (!this.takeSymbol(':')) {
      const items = [first];
      while (this.takeSymbol(',')) items.push(this.parseExpression());
      this.requireSymbol('}');
      return { kind: 'list', items };
    }

    const entries: Array<[ExpressionNode, ExpressionNode]> = [[first, this.parseExpression()]];
    while (this.takeSymbol(',')) {
      const key = this.parseExpression();
      this.requireSymbol(':');
      entries.push([key, this.parseExpression()]);
    }
    this.requireSymbol('}');
    return { kind: 'map', entries };
  }

  /** Parses comma-separated expressions up to `closing`, which the caller's opening symbol expects. */
  private parseList(closing: string): ExpressionNode[] {
    if (this.takeSymbol(closing)) return [];
    const items = [this.parseExpression()];
    while (this.takeSymbol(',')) items.push(this.parseExpression());
    this.requireSymbol(closing);
    return items;
  }

  private checkDepth(extraLevels: number): void {
    if (this.depth + extraLevels <= MAX_NESTING_DEPTH) return;
    throw new ExpressionSyntaxError(`the expression nests deeper than ${MAX_NESTING_DEPTH} levels`, this.offset());
  }

  private nextIsSymbol(symbol: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'symbol' && token.text === symbol;
  }

  private takeSymbol(symbol: string): boolean {
    if (!this.nextIsSymbol(symbol)) return false;
    this.position++;
    return true;
  }

  private requireSymbol(symbol: string): void {
    if (this.takeSymbol(symbol)) return;
    const token = this.tokens[this.position];
    const found = token === undefined ? 'the end of the expression' : describe(token);
    throw new ExpressionSyntaxError(`'${symbol}' is missing before ${found}`, this.offset());
  }

  private requireName(): string {
    const token = this.tokens[this.position];
    if (token?.kind !== 'name') throw new ExpressionSyntaxError("a name is missing after '.'", this.offset());
    this.position++;
    return token.text;
  }

  private offset(): number {
    return this.tokens[this.position]?.offset ?? this.textLength;
  }
}

function describe(token: Token): string {
  if (token.kind === 'literal') return `the value ${JSON.stringify(token.value)}`;
  return `'${token.text}'`;
}
