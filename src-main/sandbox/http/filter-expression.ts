import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { SandboxError } from './sandbox-error.js';

/**
 * Okta's error code for a `search` or `filter` expression it cannot parse or does not support.
 * The OpenAPI spec has no example of it, so the code is the one Okta's error-code list gives
 * for "Invalid search criteria".
 */
const INVALID_SEARCH_CODE = OKTA_ERROR.invalidSearch;

/** Rules for the `search` or `filter` parameter of one list endpoint. */
export interface FilterRules {
  /** Tells whether the expression may use this attribute with this operator. */
  allows: (attribute: string, operator: FilterOperator) => boolean;
  /** Whether string values compare without regard to case, as in Okta's `search`. */
  caseInsensitive: boolean;
}

export type FilterOperator = 'eq' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';

/** Tells whether one stored object matches a parsed expression. */
export type FilterPredicate = (item: JsonObject) => boolean;

/**
 * Parses the subset of Okta's filter syntax (SCIM 2.0 filtering) that the sandbox supports:
 * `attribute op "value"` and `attribute pr`, joined with `and` and `or`, grouped with
 * parentheses. Values are strings, numbers, `true`, `false` or `null`. An attribute is a dotted
 * path such as `profile.name`, and when it leads to an array, any element may match.
 * Throws Okta's 400 `E0000031` for a syntax error or an attribute the rules do not allow.
 */
export function parseFilter(text: string, rules: FilterRules): FilterPredicate {
  const parser = new FilterParser(tokenize(text), text, rules);
  const predicate = parser.parseExpression();
  parser.expectEnd();
  return predicate;
}

/** Returns the value at a dotted path such as `profile.department`, or undefined. */
export function valueAtPath(item: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = item;
  for (const segment of path.split('.')) {
    if (!isJsonObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Returns Okta's 400 for a `search`, `filter` or `q` value it does not accept. */
export function invalidSearch(cause: string): SandboxError {
  return new SandboxError(400, INVALID_SEARCH_CODE, 'Invalid search criteria.', [cause]);
}

function invalidExpression(text: string, detail: string): SandboxError {
  return invalidSearch(`${detail} Expression: ${text}`);
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'open' }
  | { kind: 'close' };

const OPERATORS: ReadonlySet<string> = new Set(['eq', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close' });
      index++;
    } else if (char === '"') {
      const [value, end] = readQuoted(text, index);
      tokens.push({ kind: 'string', value });
      index = end;
    } else {
      const word = /^[^\s()"]+/.exec(text.slice(index))?.[0] ?? char;
      const number = Number(word);
      tokens.push(/^-?\d+(\.\d+)?$/.test(word) ? { kind: 'number', value: number } : { kind: 'word', text: word });
      index += word.length;
    }
  }
  return tokens;
}

/** Reads a double-quoted string starting at `start`, where a backslash escapes the next character. */
function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') return [value, index + 1];
    if (char === '\\') index++;
    value += text[index] ?? '';
    index++;
  }
  throw invalidExpression(text, 'A quoted value has no closing quote.');
}

class FilterParser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly rules: FilterRules,
  ) {}

  parseExpression(): FilterPredicate {
    const terms = [this.parseConjunction()];
    while (this.nextWordIs('or')) {
      this.position++;
      terms.push(this.parseConjunction());
    }
    return terms.length === 1 ? (terms[0] as FilterPredicate) : (item) => terms.some((term) => term(item));
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) throw invalidExpression(this.text, 'Unexpected text after the end of the expression.');
  }

  private parseConjunction(): FilterPredicate {
    const terms = [this.parsePrimary()];
    while (this.nextWordIs('and')) {
      this.position++;
      terms.push(this.parsePrimary());
    }
    return terms.length === 1 ? (terms[0] as FilterPredicate) : (item) => terms.every((term) => term(item));
  }

  private parsePrimary(): FilterPredicate {
    const token = this.tokens[this.position++];
    if (token?.kind === 'open') {
      const inner = this.parseExpression();
      if (this.tokens[this.position++]?.kind !== 'close') throw invalidExpression(this.text, 'A parenthesis is not closed.');
      return inner;
    }
    if (token?.kind !== 'word') throw invalidExpression(this.text, 'An attribute name is missing.');
    return this.parseComparison(token.text);
  }

  private parseComparison(attribute: string): FilterPredicate {
    const operatorToken = this.tokens[this.position++];
    const operator = operatorToken?.kind === 'word' ? operatorToken.text.toLowerCase() : '';
    if (!OPERATORS.has(operator)) throw invalidExpression(this.text, `'${attribute}' is not followed by a supported operator.`);
    if (!this.rules.allows(attribute, operator as FilterOperator)) {
      throw invalidExpression(this.text, `The operator '${operator}' is not supported on '${attribute}'.`);
    }
    if (operator === 'pr') return (item) => valueAtPath(item, attribute) !== undefined && valueAtPath(item, attribute) !== null;

    const expected = this.parseValue();
    const compare = comparison(operator as FilterOperator, this.rules.caseInsensitive);
    return (item) => {
      const actual = valueAtPath(item, attribute);
      const candidates = Array.isArray(actual) ? actual : [actual];
      return candidates.some((candidate) => compare(candidate, expected));
    };
  }

  private parseValue(): JsonValue {
    const token = this.tokens[this.position++];
    if (token?.kind === 'string' || token?.kind === 'number') return token.value;
    if (token?.kind === 'word' && ['true', 'false', 'null'].includes(token.text)) return JSON.parse(token.text) as JsonValue;
    throw invalidExpression(this.text, 'A value must be a quoted string, a number, true, false or null.');
  }

  private nextWordIs(word: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }
}

function comparison(operator: FilterOperator, caseInsensitive: boolean): (actual: JsonValue | undefined, expected: JsonValue) => boolean {
  const normalize = (value: JsonValue | undefined): JsonValue | undefined =>
    caseInsensitive && typeof value === 'string' ? value.toLowerCase() : value;
  return (rawActual, rawExpected) => {
    const actual = normalize(rawActual);
    const expected = normalize(rawExpected);
    switch (operator) {
      case 'eq':
        return actual === expected;
      case 'sw':
        return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
      case 'co':
        return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
      default:
        return compareOrdered(operator, actual, expected);
    }
  };
}

/** Orders strings (ISO 8601 timestamps sort as text) and numbers. Values of other types never match. */
function compareOrdered(operator: FilterOperator, actual: JsonValue | undefined, expected: JsonValue | undefined): boolean {
  const sameType = (typeof actual === 'string' && typeof expected === 'string') || (typeof actual === 'number' && typeof expected === 'number');
  if (!sameType) return false;
  const a = actual as string | number;
  const b = expected as string | number;
  if (operator === 'gt') return a > b;
  if (operator === 'ge') return a >= b;
  if (operator === 'lt') return a < b;
  return a <= b;
}
