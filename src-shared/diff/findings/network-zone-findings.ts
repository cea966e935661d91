import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange, Severity } from '../diff-types.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { objectsAt } from './json-pointer.js';
import { listChanges, missingFrom, quoted } from './phrases.js';
import { lifecycleRule, renameRule, settingsRule, statusRule } from './rule-builders.js';

/** Returns the `value` of each entry of an IP list (`gateways`, `proxies`): a CIDR block or an address range. */
function addressesAt(body: JsonValue | undefined, pointer: string): string[] {
  return objectsAt(body, pointer).map((entry) => String(entry['value'] ?? entry['type'] ?? ''));
}

/** Builds a rule for an IP list of the zone: "Network zone 'Z': gateways changed: removed 198.51.100.0/24, added 198.51.100.0/25." */
function addressListRule(ruleCode: string, severity: Severity, pointer: string, term: string): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [pointer],
    describe: ({ subject, before, after }) => {
      const was = addressesAt(before, pointer);
      const now = addressesAt(after, pointer);
      const changes = listChanges({ removed: missingFrom(was, now), added: missingFrom(now, was) });
      if (changes === '') return undefined;
      return { sentence: `${subject}: ${term} changed: ${changes}.` };
    },
  };
}

/** Findings for the network zones that policy rules name: which addresses count as "in the zone". */
export const NETWORK_ZONE_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `Network zone ${quoted(change.name)}`,
  rules: [
    lifecycleRule('network-zone-deleted', 'high', 'removed', 'was deleted'),
    lifecycleRule('network-zone-added', 'medium', 'added', 'was added'),
    statusRule('network-zone-deactivated', 'high', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('network-zone-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    addressListRule('network-zone-gateways-changed', 'high', '/gateways', 'gateways'),
    addressListRule('network-zone-proxies-changed', 'high', '/proxies', 'trusted proxies'),
    settingsRule('network-zone-definition-changed', 'high', '', {
      type: 'zone type',
      usage: 'usage',
      locations: 'locations',
      asns: 'ASNs',
      ipServiceCategories: 'IP service categories',
    }),
    renameRule('network-zone-renamed', '/name', (name) => `Network zone ${quoted(name)}`),
  ],
};
