import { canonicalJson } from '../../json/canonical-json.js';
import type { JsonValue } from '../../json/json-types.js';
import type { ChangeType, Severity } from '../diff-types.js';
import type { FindingRule, RuleInput } from './finding-rule.js';
import { pointerOf, valueAt } from './json-pointer.js';
import { describeChange, isSet, nameList, quoted, type ValueStyle } from './phrases.js';

/** Builds a rule for a resource that was added or removed, whose sentence is the subject and a verb phrase: "App 'X' was deleted." */
export function lifecycleRule(code: string, severity: Severity, on: Exclude<ChangeType, 'changed'>, verbPhrase: string): FindingRule {
  return { code, severity, on, describe: ({ subject }) => ({ sentence: `${subject} ${verbPhrase}.` }) };
}

/** Builds a rule for one field, whose sentence gives the old and the new value: "App 'X': ACS URL changed from A to B." */
export function fieldRule(code: string, severity: Severity, path: string, field: string, style: ValueStyle = 'plain'): FindingRule {
  return {
    code,
    severity,
    on: 'changed',
    paths: [path],
    describe: ({ subject, before, after }) => {
      const was = valueAt(before, path);
      const now = valueAt(after, path);
      if (sameValue(was, now)) return undefined;
      return { sentence: `${subject}: ${describeChange(field, was, now, style)}.` };
    },
  };
}

/**
 * Builds a rule for several settings of one object, reported in one sentence in the order of `terms`:
 * "…: factor mode changed from 1FA to 2FA and re-authentication frequency changed from PT12H to
 * PT4H." Only the keys of `terms` are read, so any other key is left to the generic finding.
 */
export function settingsRule(code: string, severity: Severity, base: string, terms: Readonly<Record<string, string>>): FindingRule {
  const keys = Object.keys(terms);
  return {
    code,
    severity,
    on: 'changed',
    paths: keys.map((key) => `${base}${pointerOf(key)}`),
    describe: ({ subject, before, after }) => {
      const parts: string[] = [];
      for (const key of keys) {
        const pointer = `${base}${pointerOf(key)}`;
        const was = valueAt(before, pointer);
        const now = valueAt(after, pointer);
        if (!sameValue(was, now)) parts.push(describeChange(terms[key] ?? key, was, now));
      }
      return parts.length === 0 ? undefined : { sentence: `${subject}: ${nameList(parts, parts.length)}.` };
    },
  };
}

/**
 * Builds a rule for the priority of a policy or policy rule. The comparer reports `/priority` only when
 * the evaluation order changed, not when Okta merely renumbered, so the rule names the two
 * priorities as captured, or reports a move when the item's own number stayed the same.
 */
export function priorityRule(code: string, severity: Severity): FindingRule {
  return {
    code,
    severity,
    on: 'changed',
    paths: ['/priority'],
    describe: ({ subject, before, after }) => {
      const was = valueAt(before, '/priority');
      const now = valueAt(after, '/priority');
      if (!isSet(now)) return undefined;
      if (sameValue(was, now)) return { sentence: `${subject} moved in the evaluation order (its priority is still ${String(now)}).` };
      return { sentence: `${subject}: ${describeChange('priority', was, now)}.` };
    },
  };
}

/**
 * Builds a rule for a status field that reports only a change to one of `statuses`:
 * "Group rule 'X' was deactivated."
 */
export function statusRule(code: string, severity: Severity, path: string, statuses: readonly string[], verbPhrase: string): FindingRule {
  return {
    code,
    severity,
    on: 'changed',
    paths: [path],
    describe: ({ subject, before, after }) => {
      const status = valueAt(after, path);
      if (typeof status !== 'string' || !statuses.includes(status) || valueAt(before, path) === status) return undefined;
      return { sentence: `${subject} ${verbPhrase}.` };
    },
  };
}

/** Builds a rule for a name field: "Group rule 'Old' was renamed to 'New'." `subjectFor` names the resource by its old name. */
export function renameRule(code: string, path: string, subjectFor: (name: string, input: RuleInput) => string): FindingRule {
  return {
    code,
    severity: 'medium',
    on: 'changed',
    paths: [path],
    describe: (input) => {
      const was = valueAt(input.before, path);
      const now = valueAt(input.after, path);
      if (typeof was !== 'string' || typeof now !== 'string' || was === now) return undefined;
      return { sentence: `${subjectFor(was, input)} was renamed to ${quoted(now)}.` };
    },
  };
}

/** Tells whether two field values are equal as JSON. A missing field, `null` and `""` all count as not set, and so equal each other. */
export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (!isSet(a) || !isSet(b)) return isSet(a) === isSet(b);
  return canonicalJson(a as JsonValue) === canonicalJson(b as JsonValue);
}
