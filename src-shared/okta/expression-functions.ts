import { ExpressionError } from './expression-errors.js';

/** A value an expression produces: a JSON primitive or an array of values. */
export type ExpressionValue = string | number | boolean | null | ExpressionValue[];

/** Tells whether a user is a member of a group; `undefined` when the snapshot does not hold the group's members. */
export type GroupMembershipLookup = (groupId: string) => boolean | undefined;

interface FunctionDefinition {
  minArgs: number;
  /** Highest argument count; `Infinity` for a variadic function. */
  maxArgs: number;
  call(args: ExpressionValue[], membership: GroupMembershipLookup | undefined, offset: number): ExpressionValue;
}

/**
 * The Okta Expression Language functions this evaluator implements. A null string makes
 * `String.startsWith` and `String.stringContains` false and the case functions null, and a null
 * array makes `Arrays.contains` false, so a user without the attribute does not match.
 */
const FUNCTIONS: Record<string, FunctionDefinition> = {
  isMemberOfGroup: { minArgs: 1, maxArgs: 1, call: (args, membership, offset) => anyMember(args, membership, offset) },
  isMemberOfAnyGroup: { minArgs: 1, maxArgs: Infinity, call: (args, membership, offset) => anyMember(args, membership, offset) },
  'String.startsWith': {
    minArgs: 2,
    maxArgs: 2,
    call: ([text, prefix], _membership, offset) => {
      const required = requireString(prefix, 'String.startsWith', offset);
      const value = optionalString(text, 'String.startsWith', offset);
      return value !== null && value.startsWith(required);
    },
  },
  'String.stringContains': {
    minArgs: 2,
    maxArgs: 2,
    call: ([text, part], _membership, offset) => {
      const required = requireString(part, 'String.stringContains', offset);
      const value = optionalString(text, 'String.stringContains', offset);
      return value !== null && value.includes(required);
    },
  },
  'String.toLowerCase': {
    minArgs: 1,
    maxArgs: 1,
    call: ([text], _membership, offset) => optionalString(text, 'String.toLowerCase', offset)?.toLowerCase() ?? null,
  },
  'String.toUpperCase': {
    minArgs: 1,
    maxArgs: 1,
    call: ([text], _membership, offset) => optionalString(text, 'String.toUpperCase', offset)?.toUpperCase() ?? null,
  },
  'Arrays.contains': {
    minArgs: 2,
    maxArgs: 2,
    call: ([array, value], _membership, offset) => {
      if (array === null || array === undefined) return false;
      if (!Array.isArray(array)) throw new ExpressionError('type', `Arrays.contains expects an array first, not ${typeName(array)}`, offset);
      return array.some((item) => valuesEqual(item, value ?? null));
    },
  },
};

/** Checks that a function exists and takes this many arguments; throws `ExpressionError` otherwise. */
export function checkCall(name: string, argCount: number, offset: number): void {
  const definition = FUNCTIONS[name];
  if (!definition) throw new ExpressionError('unsupported', `Function '${name}' is not supported`, offset);
  if (argCount < definition.minArgs || argCount > definition.maxArgs) {
    const expected = definition.maxArgs === Infinity ? `at least ${definition.minArgs}` : String(definition.minArgs);
    throw new ExpressionError('syntax', `${name} takes ${expected} argument(s), not ${argCount}`, offset);
  }
}

/** Calls a function that `checkCall` accepted. */
export function callFunction(name: string, args: ExpressionValue[], membership: GroupMembershipLookup | undefined, offset: number): ExpressionValue {
  const definition = FUNCTIONS[name];
  if (!definition) throw new ExpressionError('unsupported', `Function '${name}' is not supported`, offset);
  return definition.call(args, membership, offset);
}

/** Compares two values as Okta's `==` does: same type and same value, arrays item by item. */
export function valuesEqual(left: ExpressionValue, right: ExpressionValue): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => valuesEqual(item, right[index] as ExpressionValue));
  }
  return left === right;
}

export function typeName(value: ExpressionValue): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Tells whether the user is in any of the groups. A group whose members the snapshot lacks
 * makes the result unknown, unless another group already matches.
 */
function anyMember(groupIds: ExpressionValue[], membership: GroupMembershipLookup | undefined, offset: number): boolean {
  let unknownGroup: string | undefined;
  for (const groupId of groupIds) {
    const id = requireString(groupId, 'isMemberOfGroup', offset);
    const member = membership?.(id);
    if (member === true) return true;
    if (member === undefined) unknownGroup ??= id;
  }
  if (unknownGroup !== undefined) {
    throw new ExpressionError('unknown-value', `The members of group ${unknownGroup} are not known`, offset);
  }
  return false;
}

function requireString(value: ExpressionValue | undefined, functionName: string, offset: number): string {
  if (typeof value !== 'string') throw new ExpressionError('type', `${functionName} expects a string, not ${typeName(value ?? null)}`, offset);
  return value;
}

function optionalString(value: ExpressionValue | undefined, functionName: string, offset: number): string | null {
  if (value === null || value === undefined) return null;
  return requireString(value, functionName, offset);
}
