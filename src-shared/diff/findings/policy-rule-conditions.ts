import type { JsonValue } from '../../json/json-types.js';
import type { FindingRule, RuleInput } from './finding-rule.js';
import { stringAt, stringsAt, valueAt } from './json-pointer.js';
import { missingFrom, nameList, quoted } from './phrases.js';
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
  assurance: string[];
}

function deviceRequirements(body: JsonValue | undefined): DeviceRequirements {
  return {
    registered: valueAt(body, `${DEVICE}/registered`) === true,
    managed: valueAt(body, `${DEVICE}/managed`) === true,
    assurance: stringsAt(body, `${DEVICE}/assurance/include`),
  };
}

/** Returns what `to` requires that `from` did not, as phrases, and the device assurance policy ids among them. */
function requirementsGained(from: DeviceRequirements, to: DeviceRequirements, labels: ResourceLabels): { phrases: string[]; ids: string[] } {
  const phrases: string[] = [];
  if (to.registered && !from.registered) phrases.push('a registered device');
  if (to.managed && !from.managed) phrases.push('a managed device');

  const ids = missingFrom(to.assurance, from.assurance);
  if (ids.length > 0) {
    const names = ids.map((id) => quoted(labels.nameOf('device-assurance', id)));
    phrases.push(`device assurance ${ids.length === 1 ? 'policy' : 'policies'} ${nameList(names, names.length)}`);
  }
  return { phrases, ids };
}

/**
 * Builds a rule for the device condition: `tighter` true reports requirements the rule gained
 * ("now requires a managed device"), false those it dropped ("no longer requires …").
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

function zonesPhrase(ids: string[], labels: ResourceLabels): string {
  if (ids.includes(ALL_ZONES)) return 'any network zone';
  const names = ids.map((id) => quoted(labels.nameOf('network-zone', id)));
  return `${ids.length === 1 ? 'zone' : 'zones'} ${nameList(names, names.length)}`;
}

/** Describes a network condition: "anywhere", "in zone 'A'", "outside zones 'A' and 'B'". */
function networkPhrase(body: JsonValue | undefined, labels: ResourceLabels): string {
  const include = stringsAt(body, `${NETWORK}/include`);
  const exclude = stringsAt(body, `${NETWORK}/exclude`);
  const parts: string[] = [];
  if (include.length > 0) parts.push(`in ${zonesPhrase(include, labels)}`);
  if (exclude.length > 0) parts.push(`outside ${zonesPhrase(exclude, labels)}`);
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
