import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, prettyCanonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';

/** fast-check's JSON values typed as Butterfly's: its array type is read-only. */
const anyJson = (maxDepth: number): fc.Arbitrary<JsonValue> => fc.jsonValue({ maxDepth }) as unknown as fc.Arbitrary<JsonValue>;

describe('prettyCanonicalJson', () => {
  it('sorts keys and indents by two', () => {
    expect(prettyCanonicalJson({ b: [1, { d: true, c: null }], a: 'x' })).toBe('{\n  "a": "x",\n  "b": [\n    1,\n    {\n      "c": null,\n      "d": true\n    }\n  ]\n}');
  });

  it('keeps empty containers on one line', () => {
    expect(prettyCanonicalJson({ a: [], b: {} })).toBe('{\n  "a": [],\n  "b": {}\n}');
  });

  it('writes primitives like canonicalJson', () => {
    for (const value of ['text', 1.5, 0, true, null]) expect(prettyCanonicalJson(value)).toBe(canonicalJson(value));
  });

  it('sorts array-index keys as text', () => {
    expect(prettyCanonicalJson({ b: 1, 10: 1, 9: 1 })).toBe('{\n  "10": 1,\n  "9": 1,\n  "b": 1\n}');
  });

  it('keeps a __proto__ member', () => {
    expect(prettyCanonicalJson(JSON.parse('{"__proto__":{"x":1}}') as JsonValue)).toBe('{\n  "__proto__": {\n    "x": 1\n  }\n}');
  });

  it('rejects non-finite numbers', () => {
    expect(() => prettyCanonicalJson({ a: Number.NaN })).toThrow('Cannot write a non-finite number (NaN) as JSON.');
  });

  it('matches canonicalJson without whitespace', () => {
    fc.assert(
      fc.property(anyJson(4), (value) => {
        expect(JSON.stringify(JSON.parse(prettyCanonicalJson(value)))).toBe(JSON.stringify(JSON.parse(canonicalJson(value))));
        expect(prettyCanonicalJson(value).replace(/\n */g, '').replaceAll('": ', '":')).toBe(canonicalJson(value).replaceAll('": ', '":'));
      }),
    );
  });
});
