import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import { jsonEqual } from '../../src-shared/json/json-equal.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';

/** fast-check's JSON values typed as Butterfly's: its array type is read-only. */
const anyJson = (maxDepth: number): fc.Arbitrary<JsonValue> => fc.jsonValue({ maxDepth }) as unknown as fc.Arbitrary<JsonValue>;

describe('jsonEqual', () => {
  it('ignores member order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
  });

  it('keeps array order', () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('tells null from absent', () => {
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });

  it('tells array from object', () => {
    expect(jsonEqual([], {})).toBe(false);
  });

  it('agrees with canonical JSON', () => {
    fc.assert(
      fc.property(anyJson(3), anyJson(3), (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
      }),
    );
  });
});
