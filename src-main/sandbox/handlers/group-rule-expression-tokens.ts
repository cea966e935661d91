import { ExpressionSyntaxError } from './group-rule-expression-errors.js';

/** One token of an Okta Expression Language text, with its offset for error messages. */
export type Token =
  | { kind: 'literal'; value: string | number | boolean | null; offset: number }
  | { kind: 'name'; text: string; offset: number }
  | { kind: 'symbol'; text: string; offset: number };

/** Operator and punctuation symbols, longest first so that `==` is not read as `=`. */
const SYMBOLS = ['?:', '==', '!=', '<=', '>=', '&&', '||', '!', '<', '>', '+', '-', '*', '/', '%', '?', ':', '(', ')', '[', ']', '{', '}', ',', '.'];

/**
 * Word operators of the Spring Expression Language, on which Okta's expression language is
 * built. They are matched without regard to case and read as the symbol they stand for.
 */
const WORD_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['and', '&&'],
  ['or', '||'],
  ['not', '!'],
  ['eq', '=='],
  ['ne', '!='],
  ['lt', '<'],
  ['le', '<='],
  ['gt', '>'],
  ['ge', '>='],
  ['matches', 'matches'],
]);

const SPACE = /\s+/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const NAME = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/y;

/** Splits an expression into tokens, or throws `ExpressionSyntaxError` at the first character that starts none. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    const space = matchAt(SPACE, text, offset);
    if (space !== undefined) {
      offset += space.length;
      continue;
    }
    const [token, length] = readToken(text, offset);
    tokens.push(token);
    offset += length;
  }
  return tokens;
}

/** Reads the token that starts at `offset` and returns it with its length in characters. */
function readToken(text: string, offset: number): [Token, number] {
  const char = text[offset] ?? '';
  if (char === '"' || char === "'") return readQuoted(text, offset);

  const number = matchAt(NUMBER, text, offset);
  if (number !== undefined) return [{ kind: 'literal', value: Number(number), offset }, number.length];

  const name = matchAt(NAME, text, offset);
  if (name !== undefined) return [wordToken(name, offset), name.length];

  const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, offset));
  if (symbol !== undefined) return [{ kind: 'symbol', text: symbol, offset }, symbol.length];
  throw new ExpressionSyntaxError(`unexpected character '${char}'`, offset);
}

/**
 * Reads a string literal in single or double quotes. A backslash escapes the next character,
 * and a doubled quote stands for one quote, as in the Spring Expression Language.
 */
function readQuoted(text: string, start: number): [Token, number] {
  const quote = text[start];
  let value = '';
  let offset = start + 1;
  while (offset < text.length) {
    const char = text[offset] ?? '';
    if (char === '\\' && offset + 1 < text.length) {
      value += text[offset + 1];
      offset += 2;
    } else if (char === quote && text[offset + 1] === quote) {
      value += quote;
      offset += 2;
    } else if (char === quote) {
      return [{ kind: 'literal', value, offset: start }, offset + 1 - start];
    } else {
      value += char;
      offset++;
    }
  }
  throw new ExpressionSyntaxError('a string has no closing quote', start);
}

function wordToken(word: string, offset: number): Token {
  if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', offset };
  if (word === 'null') return { kind: 'literal', value: null, offset };
  const operator = WORD_OPERATORS.get(word.toLowerCase());
  if (operator !== undefined) return { kind: 'symbol', text: operator, offset };
  return { kind: 'name', text: word, offset };
}

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}
