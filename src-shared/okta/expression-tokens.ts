import { ExpressionError } from './expression-errors.js';

/** The operators and punctuation the supported subset of Okta Expression Language uses. */
export type ExpressionSymbol = '==' | '!=' | '!' | '&&' | '||' | '?' | ':' | '(' | ')' | '{' | '}' | ',' | '.';

export type Token =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'identifier'; value: string; offset: number }
  | { kind: 'symbol'; value: ExpressionSymbol; offset: number }
  | { kind: 'end'; offset: number };

const TWO_CHARACTER_SYMBOLS: readonly ExpressionSymbol[] = ['==', '!=', '&&', '||'];
const ONE_CHARACTER_SYMBOLS: readonly ExpressionSymbol[] = ['!', '?', ':', '(', ')', '{', '}', ',', '.'];
const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^[0-9]+(?:\.[0-9]+)?/;
const WHITESPACE = /\s/;
/** Characters of Okta operators outside the supported subset (arithmetic, relational, indexing). */
const UNSUPPORTED_OPERATORS = '<>+-*/%[]^';

/**
 * Splits expression text into tokens, ending with an `end` token. Strings take double or single
 * quotes, and a backslash escapes the quote or another backslash. Throws `ExpressionError`
 * (`syntax`) on a character the language does not use, an unknown escape or an open string.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    const character = text.charAt(offset);
    if (WHITESPACE.test(character)) {
      offset++;
      continue;
    }
    const token = readToken(text, offset);
    tokens.push(token.token);
    offset = token.next;
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

function readToken(text: string, offset: number): { token: Token; next: number } {
  const character = text.charAt(offset);
  if (character === '"' || character === "'") return readString(text, offset);
  if (/[0-9]/.test(character)) return readNumber(text, offset);
  if (IDENTIFIER_START.test(character)) return readIdentifier(text, offset);

  const pair = text.slice(offset, offset + 2);
  const twoCharacter = TWO_CHARACTER_SYMBOLS.find((symbol) => symbol === pair);
  if (twoCharacter) return { token: { kind: 'symbol', value: twoCharacter, offset }, next: offset + 2 };
  const oneCharacter = ONE_CHARACTER_SYMBOLS.find((symbol) => symbol === character);
  if (oneCharacter) return { token: { kind: 'symbol', value: oneCharacter, offset }, next: offset + 1 };

  if (UNSUPPORTED_OPERATORS.includes(character)) {
    throw new ExpressionError('unsupported', `Operator '${character}' is not supported`, offset);
  }
  throw new ExpressionError('syntax', `Unexpected character '${character}'`, offset);
}

function readString(text: string, start: number): { token: Token; next: number } {
  const quote = text.charAt(start);
  let value = '';
  let offset = start + 1;
  while (offset < text.length) {
    const character = text.charAt(offset);
    if (character === quote) return { token: { kind: 'string', value, offset: start }, next: offset + 1 };
    if (character === '\\') {
      const escaped = text.charAt(offset + 1);
      if (escaped !== '"' && escaped !== "'" && escaped !== '\\') {
        throw new ExpressionError('syntax', `Unknown escape '\\${escaped}' in a string literal`, offset);
      }
      value += escaped;
      offset += 2;
      continue;
    }
    value += character;
    offset++;
  }
  throw new ExpressionError('syntax', 'String literal is not closed', start);
}

function readNumber(text: string, start: number): { token: Token; next: number } {
  const digits = NUMBER.exec(text.slice(start))?.[0] ?? '';
  const next = start + digits.length;
  if (IDENTIFIER_START.test(text.charAt(next))) {
    throw new ExpressionError('syntax', `Invalid number '${text.slice(start, next + 1)}'`, start);
  }
  return { token: { kind: 'number', value: Number(digits), offset: start }, next };
}

function readIdentifier(text: string, start: number): { token: Token; next: number } {
  let next = start + 1;
  while (next < text.length && IDENTIFIER_PART.test(text.charAt(next))) next++;
  return { token: { kind: 'identifier', value: text.slice(start, next), offset: start }, next };
}
