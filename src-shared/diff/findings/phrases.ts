import type { JsonValue } from '../../json/json-types.js';

/** Longest value, in characters, that a sentence quotes; a longer one is only reported as changed. */
export const MAX_QUOTED_LENGTH = 120;

/** How many names a list spells out before it ends with "and N more". */
export const MAX_LISTED_NAMES = 3;

/** Value formats: as it is (URLs, enum values), in backticks (expressions) or in double quotes (free text). */
export type ValueStyle = 'plain' | 'code' | 'text';

/** Wraps a label in single quotes, the way findings name a resource. */
export function quoted(label: string): string {
  return `'${label}'`;
}

/** Capitalizes the first letter, for a phrase that starts a sentence: "app group 'X'" becomes "App group 'X'". */
export function capitalized(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** Wraps text in backticks, the way findings show expressions and attribute names. */
export function code(text: string): string {
  return `\`${text}\``;
}

/**
 * Writes a scalar or a list of scalars as it reads in a sentence. Returns undefined for objects,
 * for lists holding objects and for text longer than MAX_QUOTED_LENGTH.
 */
export function shortValue(value: JsonValue | undefined, style: ValueStyle = 'plain'): string | undefined {
  const text = valueText(value);
  if (text === undefined || text.length > MAX_QUOTED_LENGTH) return undefined;
  if (style === 'code') return code(text);
  return style === 'text' ? `"${text}"` : text;
}

function valueText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!Array.isArray(value)) return undefined;

  const items: string[] = [];
  for (const item of value) {
    if (Array.isArray(item) || (typeof item === 'object' && item !== null)) return undefined;
    items.push(String(item));
  }
  return `[${items.join(', ')}]`;
}

/** Tells whether a field has a value. Okta marks an unset field by leaving it out, by `null` or by `""`, so none of them counts. */
export function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Writes how one field changed, without the subject or the full stop: "ACS URL changed from A to
 * B", "ACS URL set to B", "ACS URL cleared (was A)". Values too long to quote are left out.
 */
export function describeChange(field: string, before: JsonValue | undefined, after: JsonValue | undefined, style: ValueStyle = 'plain'): string {
  const was = shortValue(before, style);
  const now = shortValue(after, style);

  if (!isSet(before)) return now === undefined ? `${field} was set` : `${field} set to ${now}`;
  if (!isSet(after)) return was === undefined ? `${field} was cleared` : `${field} cleared (was ${was})`;
  if (was === undefined || now === undefined) return `${field} changed`;
  return `${field} changed from ${was} to ${now}`;
}

/** Joins names as a sentence lists them: "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function nameList(names: readonly string[], max: number = MAX_LISTED_NAMES): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** Joins names as alternatives, naming every one: "a", "a or b", "a, b or c". */
export function alternativeList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

/** Writes how a set-like list changed, verb first, naming every item: "removed a and b, added c". */
export function listChanges(changes: { removed?: readonly string[]; added?: readonly string[]; changed?: readonly string[] }): string {
  const parts: string[] = [];
  for (const verb of ['removed', 'added', 'changed'] as const) {
    const items = changes[verb] ?? [];
    if (items.length > 0) parts.push(`${verb} ${nameList(items, items.length)}`);
  }
  return parts.join(', ');
}

/** Writes a count with its noun: "1 member", "3 members". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Returns the items of `next` missing from `previous`, in the order of `next`. */
export function missingFrom<T>(next: readonly T[], previous: readonly T[]): T[] {
  const known = new Set(previous);
  return next.filter((item) => !known.has(item));
}
