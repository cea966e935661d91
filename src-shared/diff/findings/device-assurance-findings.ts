import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange, Severity } from '../diff-types.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { pointerOf, pointerTokens, stringAt, stringsAt, valueAt } from './json-pointer.js';
import { code, describeChange, nameList, quoted } from './phrases.js';
import { lifecycleRule, renameRule, sameValue } from './rule-builders.js';

/** Fields that record the policy's name, author and write times; none of them changes what a device must meet. */
const BOOKKEEPING_FIELDS = new Set(['id', 'name', 'createdBy', 'createdDate', 'lastUpdate', 'lastUpdatedBy', '_links']);

/** Fields holding `{ include: [...] }`, the values a device may have: fewer values is stricter. */
const ACCEPTED_VALUE_FIELDS: Readonly<Record<string, string>> = {
  diskEncryptionType: 'disk encryption types',
  screenLockType: 'screen lock types',
};

type Direction = 'tighter' | 'looser' | 'changed';

interface RequirementChange {
  field: string;
  direction: Direction;
  phrase: string;
}

/** Compares dotted version numbers part by part; returns undefined when either is not numeric. */
function compareVersions(a: string, b: string): number | undefined {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  if ([...left, ...right].some((part) => !Number.isInteger(part))) return undefined;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function osVersionChange(before: JsonValue | undefined, after: JsonValue | undefined): RequirementChange {
  const was = stringAt(before, '/osVersion/minimum');
  const now = stringAt(after, '/osVersion/minimum');
  const field = 'osVersion';
  if (was === now) return { field, direction: 'changed', phrase: describeChange('OS version requirement', valueAt(before, '/osVersion'), valueAt(after, '/osVersion')) };
  if (was === undefined) return { field, direction: 'tighter', phrase: describeChange('minimum OS version', was, now) };
  if (now === undefined) return { field, direction: 'looser', phrase: describeChange('minimum OS version', was, now) };

  const order = compareVersions(now, was);
  if (order === undefined) return { field, direction: 'changed', phrase: describeChange('minimum OS version', was, now) };
  return { field, direction: order > 0 ? 'tighter' : 'looser', phrase: `minimum OS version ${order > 0 ? 'raised' : 'lowered'} from ${was} to ${now}` };
}

function acceptedValuesChange(field: string, before: JsonValue | undefined, after: JsonValue | undefined): RequirementChange {
  const pointer = pointerOf(field, 'include');
  const was = stringsAt(before, pointer);
  const now = stringsAt(after, pointer);
  const phrase = describeChange(ACCEPTED_VALUE_FIELDS[field] ?? field, valueAt(before, pointer), valueAt(after, pointer));

  const nowWithinWas = now.every((value) => was.includes(value));
  const wasWithinNow = was.every((value) => now.includes(value));
  if (was.length === 0 && now.length > 0) return { field, direction: 'tighter', phrase };
  if (now.length === 0 && was.length > 0) return { field, direction: 'looser', phrase };
  if (nowWithinWas && !wasWithinNow) return { field, direction: 'tighter', phrase };
  if (wasWithinNow && !nowWithinWas) return { field, direction: 'looser', phrase };
  return { field, direction: 'changed', phrase };
}

/**
 * Classifies the change of one top-level field. Fields this build does not know count as
 * `changed`, and the tightened rule reports them, because a stricter requirement is the safer guess.
 */
function requirementChange(field: string, before: JsonValue | undefined, after: JsonValue | undefined): RequirementChange {
  if (field === 'osVersion') return osVersionChange(before, after);
  if (field in ACCEPTED_VALUE_FIELDS) return acceptedValuesChange(field, before, after);

  const pointer = pointerOf(field);
  const was = valueAt(before, pointer);
  const now = valueAt(after, pointer);
  if (field === 'secureHardwarePresent' && now === true) return { field, direction: 'tighter', phrase: 'secure hardware now required' };
  if (field === 'secureHardwarePresent' && was === true) return { field, direction: 'looser', phrase: 'secure hardware no longer required' };
  if (field === 'jailbreak' && now === false) return { field, direction: 'tighter', phrase: 'jailbroken devices now rejected' };
  if (field === 'jailbreak' && was === false) return { field, direction: 'looser', phrase: 'jailbroken devices no longer rejected' };
  return { field, direction: 'changed', phrase: describeChange(code(field), was, now) };
}

function requirementChanges(before: JsonValue | undefined, after: JsonValue | undefined, paths: string[]): RequirementChange[] {
  const fields = new Set(paths.map((path) => pointerTokens(path)[0] ?? '').filter((field) => field !== '' && !BOOKKEEPING_FIELDS.has(field)));
  return [...fields]
    .filter((field) => !sameValue(valueAt(before, pointerOf(field)), valueAt(after, pointerOf(field))))
    .map((field) => requirementChange(field, before, after));
}

/** Builds a rule that reports the requirements that became stricter (`tighter` true) or looser. */
function requirementsRule(ruleCode: string, severity: Severity, tighter: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [''],
    catchAll: true,
    describe: ({ subject, before, after, paths }) => {
      const changes = requirementChanges(before, after, paths).filter((change) => (change.direction === 'looser') !== tighter);
      if (changes.length === 0) return undefined;
      const fields = new Set(changes.map((change) => change.field));
      return {
        sentence: `${subject}: ${nameList(changes.map((change) => change.phrase), changes.length)}.`,
        claims: paths.filter((path) => fields.has(pointerTokens(path)[0] ?? '')),
      };
    },
  };
}

/** Findings for device assurance policies: what a device must meet to pass a rule that names them. */
export const DEVICE_ASSURANCE_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `Device assurance policy ${quoted(change.name)}`,
  rules: [
    lifecycleRule('device-assurance-deleted', 'high', 'removed', 'was deleted'),
    lifecycleRule('device-assurance-added', 'medium', 'added', 'was added'),
    renameRule('device-assurance-renamed', '/name', (name) => `Device assurance policy ${quoted(name)}`),
    requirementsRule('device-assurance-tightened', 'high', true),
    requirementsRule('device-assurance-loosened', 'medium', false),
  ],
};
