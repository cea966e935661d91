import type { JsonValue } from '../../json/json-types.js';
import type { FindingRule, RuleInput } from './finding-rule.js';
import { stringAt, stringsAt, valueAt } from './json-pointer.js';
import { alternativeList, missingFrom, nameList, quoted } from './phrases.js';
import type { ResourceLabels } from './resource-labels.js';

/** Pointers of the ALLOW or DENY decision in an authentication policy rule and in a global session policy rule. */
const ACCESS_PATHS = ['/actions/appSignOn/access', '/actions/signon/access'] as const;
const DEVICE = '/conditions/device';
const NETWORK = '/conditions/network';

/** Okta's id for "every network zone" in a rule's network condition. */
const ALL_ZONES = 'ALL_ZONES';

/** Returns the rule's access decision, ALLOW or DENY, whichever kind of rule it is. */
export function accessOf(body: JsonValue | undefined): string | undefined {
  return stringAt(body, ACCESS_PATHS[0]) ?? stringAt(body, ACCESS_PATHS[1]);
}

/** Builds a rule for an access decision that changed to `access`: "Sign-on rule 'X' in policy 'Y' now denies access." */
export function accessRule(ruleCode: string, severity: FindingRule['severity'], access: 'ALLOW' | 'DENY'): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: ACCESS_PATHS,
    describe: ({ subject, before, after }) => {
      if (accessOf(after) !== access || accessOf(before) === access) return undefined;
      return { sentence: `${subject} now ${access === 'DENY' ? 'denies' : 'allows'} access.` };
    },
  };
}

/** Requirements of a rule's device condition. */
interface DeviceRequirements {
  registered: boolean;
  managed: boolean;
  /** Device assurance policy ids of `assurance.include`, empty when the rule names none. */
  assurance: string[];
}

function deviceRequirements(body: JsonValue | undefined): DeviceRequirements {
  return {
    registered: valueAt(body, `${DEVICE}/registered`) === true,
    managed: valueAt(body, `${DEVICE}/managed`) === true,
    assurance: stringsAt(body, `${DEVICE}/assurance/include`),
  };
}

/** Names device assurance policies as alternatives, because a device must meet only the one for its platform: "'A' or 'B'". */
function assuranceNames(ids: string[], labels: ResourceLabels): string {
  return alternativeList(ids.map((id) => quoted(labels.nameOf('device-assurance', id))));
}

/**
 * Returns what `to` requires that `from` did not, as phrases, and the device assurance policy ids
 * among them. Device assurance counts only when `from` named no policy, because a list that
 * changed from one set of policies to another is for `deviceAssuranceRule` to report.
 */
function requirementsGained(from: DeviceRequirements, to: DeviceRequirements, labels: ResourceLabels): { phrases: string[]; ids: string[] } {
  const phrases: string[] = [];
  if (to.registered && !from.registered) phrases.push('a registered device');
  if (to.managed && !from.managed) phrases.push('a managed device');
  if (from.assurance.length > 0 || to.assurance.length === 0) return { phrases, ids: [] };

  phrases.push(`device assurance policy ${assuranceNames(to.assurance, labels)}`);
  return { phrases, ids: to.assurance };
}

/**
 * Builds a rule for the device condition: `tighter` true reports requirements the rule gained
 * ("now requires a managed device"), false those it dropped ("no longer requires …"). A device
 * assurance list is gained when it appears where there was none and dropped when it becomes empty.
 */
export function deviceRule(ruleCode: string, severity: FindingRule['severity'], tighter: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [`${DEVICE}/registered`, `${DEVICE}/managed`, `${DEVICE}/assurance`],
    describe: ({ subject, before, after, labels }: RuleInput) => {
      const [from, to] = tighter ? [before, after] : [after, before];
      const { phrases, ids } = requirementsGained(deviceRequirements(from), deviceRequirements(to), labels);
      if (phrases.length === 0) return undefined;
      return { sentence: `${subject} ${tighter ? 'now requires' : 'no longer requires'} ${nameList(phrases, phrases.length)}.`, relatedIds: ids };
    },
  };
}

/**
 * Builds a rule for a device assurance list that changed from one non-empty set of policies to
 * another. A device must meet the listed policy for its platform, and a device of a platform
 * the list does not cover does not match, so dropping a policy shuts that platform out and
 * adding one lets it in. Either way the whole list is reported once, as it is now and as it was.
 */
export function deviceAssuranceRule(ruleCode: string, severity: FindingRule['severity']): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [`${DEVICE}/assurance`],
    describe: ({ subject, before, after, labels }: RuleInput) => {
      const was = deviceRequirements(before).assurance;
      const now = deviceRequirements(after).assurance;
      if (was.length === 0 || now.length === 0) return undefined;
      if (missingFrom(was, now).length === 0 && missingFrom(now, was).length === 0) return undefined;
      return {
        sentence: `${subject} now requires device assurance policy ${assuranceNames(now, labels)} (was ${assuranceNames(was, labels)}).`,
        relatedIds: [...now, ...was],
      };
    },
  };
}

/** Names network zones: "any network zone" for ALL_ZONES, else "zone 'A' or 'B'" (`or`) or "zones 'A' and 'B'" (`and`). */
function zonesPhrase(ids: string[], labels: ResourceLabels, conjunction: 'or' | 'and'): string {
  if (ids.includes(ALL_ZONES)) return 'any network zone';
  const names = ids.map((id) => quoted(labels.nameOf('network-zone', id)));
  if (conjunction === 'or') return `zone ${alternativeList(names)}`;
  return `${ids.length === 1 ? 'zone' : 'zones'} ${nameList(names, names.length)}`;
}

/**
 * Describes a network condition: "anywhere", "in zone 'A' or 'B'" (a request from any listed
 * zone matches), "outside zones 'A' and 'B'" (it must come from none of them).
 */
function networkPhrase(body: JsonValue | undefined, labels: ResourceLabels): string {
  const include = stringsAt(body, `${NETWORK}/include`);
  const exclude = stringsAt(body, `${NETWORK}/exclude`);
  const parts: string[] = [];
  if (include.length > 0) parts.push(`in ${zonesPhrase(include, labels, 'or')}`);
  if (exclude.length > 0) parts.push(`outside ${zonesPhrase(exclude, labels, 'and')}`);
  return parts.length === 0 ? 'anywhere' : parts.join(' and ');
}

function zoneIds(body: JsonValue | undefined): string[] {
  return [...stringsAt(body, `${NETWORK}/include`), ...stringsAt(body, `${NETWORK}/exclude`)].filter((id) => id !== ALL_ZONES);
}

/**
 * Builds a rule for the network condition. `toAnywhere` true reports a condition that now admits every
 * network (a loosening); false reports every other change of zones.
 */
export function networkRule(ruleCode: string, severity: FindingRule['severity'], toAnywhere: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [NETWORK],
    describe: ({ subject, before, after, labels }) => {
      const was = networkPhrase(before, labels);
      const now = networkPhrase(after, labels);
      if (was === now || (now === 'anywhere') !== toAnywhere) return undefined;
      return {
        sentence: `${subject}: network condition changed from ${was} to ${now}.`,
        relatedIds: [...new Set([...zoneIds(before), ...zoneIds(after)])],
      };
    },
  };
}
