import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { APP_POLICY, ENGINEERING_SESSIONS, added, changed, checkCases, findingsOf, removed, reversed, type FindingCase } from './findings-fixtures.js';

// Findings for the app's authentication policy, a global session policy, their rules, and the
// network zones and device assurance policies those rules name.

const DEPT_ENGINEERING = '00gZHN7m7i4Qk40QoebK';
const DEPT_IT = '00gn8fg5V9QKgp38c8eP';
const CONTRACTORS = '00g9v8XiLY9ftPmiCmyA';
const OFFICES = 'nzosaEVtZTpoACKZ60wQ';
const AGENCIES = 'nzo2J5cWdCEQ68Xshh2s';
const MACOS = 'daeUCC8mXGE9p13vSgfQ';
const WINDOWS = 'daeBrJQIRmZFRjdL3co1';
const MACOS_STRICT = 'daeNEWstrictMacOS001';
const OFFICE_RULE = `${APP_POLICY}/rulXnUzwrMzCBbassgjP`;
const CONTRACTOR_RULE = `${APP_POLICY}/rulYzU8W9RCMO6GA0k0m`;
const LEGACY_RULE = `${APP_POLICY}/ruleb99q93PU4HP0IyTJ`;
const STAFF_RULE = `${APP_POLICY}/rulqXRRm34OrSWLwlm3B`;
const SESSION_RULE = `${ENGINEERING_SESSIONS}/0prBQskMnTI0uP7GdF7f`;
const LEGACY = "Sign-on rule 'Legacy device exceptions' in policy 'Atlassian Cloud sign-in'";
const OFFICE = "Sign-on rule 'Engineering in the office' in policy 'Atlassian Cloud sign-in'";
const SESSION = "Sign-on rule 'Engineering in the office' in policy 'Engineering sessions'";
const STAFF = "Sign-on rule 'Staff on registered devices' in policy 'Atlassian Cloud sign-in'";
const CONTRACTORS_RULE = "Sign-on rule 'Contractors on approved networks' in policy 'Atlassian Cloud sign-in'";

function at(body: JsonObject, ...keys: string[]): JsonObject {
  let current = body;
  for (const key of keys) current = current[key] as JsonObject;
  return current;
}

function denyLegacy(): ReturnType<typeof changed> {
  return changed('policy-rule', LEGACY_RULE, ['/actions/appSignOn/access'], (rule) => { at(rule, 'actions', 'appSignOn')['access'] = 'DENY'; });
}

function onlyMacs(): ReturnType<typeof changed> {
  return changed('policy-rule', STAFF_RULE, ['/conditions/device/assurance/include'], (rule) => { at(rule, 'conditions', 'device', 'assurance')['include'] = [MACOS]; });
}

function noAssurance(): ReturnType<typeof changed> {
  return changed('policy-rule', STAFF_RULE, ['/conditions/device/assurance'], (rule) => { delete at(rule, 'conditions', 'device')['assurance']; });
}

function dropAgencies(): ReturnType<typeof changed> {
  return changed('policy-rule', CONTRACTOR_RULE, ['/conditions/network/include'], (rule) => { at(rule, 'conditions', 'network')['include'] = [OFFICES]; });
}

const policyCases: FindingCase[] = [
  {
    name: 'session policy deleted',
    change: () => removed('policy', ENGINEERING_SESSIONS),
    code: 'policy-deleted',
    severity: 'high',
    resourceIds: [ENGINEERING_SESSIONS],
    sentence: "Global session policy 'Engineering sessions' was deleted.",
  },
  {
    name: 'authentication policy deactivated',
    change: () => changed('policy', APP_POLICY, ['/status'], (policy) => { policy['status'] = 'INACTIVE'; }),
    code: 'policy-deactivated',
    severity: 'high',
    resourceIds: [APP_POLICY],
    sentence: "Authentication policy 'Atlassian Cloud sign-in' was deactivated.",
  },
  {
    name: 'policy priority changed',
    change: () => changed('policy', ENGINEERING_SESSIONS, ['/priority'], (policy) => { policy['priority'] = 3; }),
    code: 'policy-priority-changed',
    severity: 'high',
    resourceIds: [ENGINEERING_SESSIONS],
    sentence: "Global session policy 'Engineering sessions': priority changed from 1 to 3.",
  },
  {
    name: 'policy group included',
    change: () => changed('policy', ENGINEERING_SESSIONS, ['/conditions/people/groups/include'], (policy) => { at(policy, 'conditions', 'people', 'groups')['include'] = [DEPT_ENGINEERING, DEPT_IT]; }),
    code: 'policy-people-changed',
    severity: 'high',
    resourceIds: [ENGINEERING_SESSIONS, DEPT_IT],
    sentence: "Global session policy 'Engineering sessions' now also applies to group 'dept-it'.",
  },
  {
    name: 'policy groups emptied',
    change: () => changed('policy', ENGINEERING_SESSIONS, ['/conditions/people/groups/include'], (policy) => { at(policy, 'conditions', 'people', 'groups')['include'] = []; }),
    code: 'policy-people-changed',
    severity: 'high',
    resourceIds: [ENGINEERING_SESSIONS, DEPT_ENGINEERING],
    sentence: "Global session policy 'Engineering sessions' now applies to everyone (was group 'dept-engineering').",
  },
  {
    name: 'policy renamed',
    change: () => changed('policy', APP_POLICY, ['/name'], (policy) => { policy['name'] = 'Atlassian sign-in'; }, 'Atlassian sign-in'),
    code: 'policy-renamed',
    severity: 'medium',
    resourceIds: [APP_POLICY],
    sentence: "Authentication policy 'Atlassian Cloud sign-in' was renamed to 'Atlassian sign-in'.",
  },
  {
    name: 'policy description changed',
    change: () => changed('policy', APP_POLICY, ['/description'], (policy) => { policy['description'] = 'Production site'; }),
    code: 'policy-description-changed',
    severity: 'low',
    resourceIds: [APP_POLICY],
    sentence: 'Authentication policy \'Atlassian Cloud sign-in\': description changed from "Production Atlassian site: managed devices and office networks" to "Production site".',
  },
];

const ruleCases: FindingCase[] = [
  {
    name: 'rule now denies',
    change: denyLegacy,
    code: 'policy-rule-denies',
    severity: 'critical',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} now denies access.`,
  },
  {
    name: 'rule now allows',
    change: () => reversed(denyLegacy()),
    code: 'policy-rule-allows',
    severity: 'medium',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} now allows access.`,
  },
  {
    name: 'session rule now denies',
    change: () => changed('policy-rule', SESSION_RULE, ['/actions/signon/access'], (rule) => { at(rule, 'actions', 'signon')['access'] = 'DENY'; }),
    code: 'policy-rule-denies',
    severity: 'critical',
    resourceIds: [SESSION_RULE, ENGINEERING_SESSIONS],
    sentence: `${SESSION} now denies access.`,
  },
  {
    name: 'rule requires managed device',
    change: () => changed('policy-rule', LEGACY_RULE, ['/conditions/device'], (rule) => { at(rule, 'conditions')['device'] = { registered: true, managed: true }; }),
    code: 'policy-rule-device-required',
    severity: 'critical',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} now requires a registered device and a managed device.`,
  },
  {
    name: 'rule requires device assurance',
    change: () => changed('policy-rule', LEGACY_RULE, ['/conditions/device'], (rule) => { at(rule, 'conditions')['device'] = { registered: true, assurance: { include: [MACOS] } }; }),
    code: 'policy-rule-device-required',
    severity: 'critical',
    resourceIds: [LEGACY_RULE, APP_POLICY, MACOS],
    sentence: `${LEGACY} now requires a registered device and device assurance policy 'macOS managed baseline'.`,
  },
  {
    name: 'rule assurance narrowed',
    change: onlyMacs,
    code: 'policy-rule-device-assurance-changed',
    severity: 'critical',
    resourceIds: [STAFF_RULE, APP_POLICY, MACOS, WINDOWS],
    sentence: `${STAFF} now requires device assurance policy 'macOS managed baseline' (was 'macOS managed baseline' or 'Windows managed baseline').`,
  },
  {
    name: 'rule assurance widened',
    change: () => reversed(onlyMacs()),
    code: 'policy-rule-device-assurance-changed',
    severity: 'critical',
    resourceIds: [STAFF_RULE, APP_POLICY, MACOS, WINDOWS],
    sentence: `${STAFF} now requires device assurance policy 'macOS managed baseline' or 'Windows managed baseline' (was 'macOS managed baseline').`,
  },
  {
    name: 'rule assurance emptied',
    change: noAssurance,
    code: 'policy-rule-device-loosened',
    severity: 'medium',
    resourceIds: [STAFF_RULE, APP_POLICY, MACOS, WINDOWS],
    sentence: `${STAFF} no longer requires device assurance policy 'macOS managed baseline' or 'Windows managed baseline'.`,
  },
  {
    name: 'rule assurance appears',
    change: () => reversed(noAssurance()),
    code: 'policy-rule-device-required',
    severity: 'critical',
    resourceIds: [STAFF_RULE, APP_POLICY, MACOS, WINDOWS],
    sentence: `${STAFF} now requires device assurance policy 'macOS managed baseline' or 'Windows managed baseline'.`,
  },
  {
    name: 'rule network zone swapped',
    change: () => changed('policy-rule', OFFICE_RULE, ['/conditions/network/include'], (rule) => { at(rule, 'conditions', 'network')['include'] = [AGENCIES]; }),
    code: 'policy-rule-network-changed',
    severity: 'high',
    resourceIds: [OFFICE_RULE, APP_POLICY, OFFICES, AGENCIES],
    sentence: `${OFFICE}: network condition changed from in zone 'Northwind Quanta offices and VPN' to in zone 'Contractor agency networks'.`,
  },
  {
    name: 'rule network zones narrowed',
    change: dropAgencies,
    code: 'policy-rule-network-changed',
    severity: 'high',
    resourceIds: [CONTRACTOR_RULE, APP_POLICY, OFFICES, AGENCIES],
    sentence: `${CONTRACTORS_RULE}: network condition changed from in zone 'Northwind Quanta offices and VPN' or 'Contractor agency networks' to in zone 'Northwind Quanta offices and VPN'.`,
  },
  {
    name: 'rule network opened',
    change: () => changed('policy-rule', OFFICE_RULE, ['/conditions/network/connection', '/conditions/network/include'], (rule) => { at(rule, 'conditions')['network'] = { connection: 'ANYWHERE' }; }),
    code: 'policy-rule-network-loosened',
    severity: 'medium',
    resourceIds: [OFFICE_RULE, APP_POLICY, OFFICES],
    sentence: `${OFFICE}: network condition changed from in zone 'Northwind Quanta offices and VPN' to anywhere.`,
  },
  {
    name: 'rule group included',
    change: () => changed('policy-rule', CONTRACTOR_RULE, ['/conditions/people/groups/include'], (rule) => { at(rule, 'conditions', 'people', 'groups')['include'] = [CONTRACTORS, DEPT_IT]; }),
    code: 'policy-rule-people-changed',
    severity: 'high',
    resourceIds: [CONTRACTOR_RULE, APP_POLICY, DEPT_IT],
    sentence: "Sign-on rule 'Contractors on approved networks' in policy 'Atlassian Cloud sign-in' now also applies to group 'dept-it'.",
  },
  {
    name: 'rule narrowed from everyone',
    change: () => changed('policy-rule', STAFF_RULE, ['/conditions/people'], (rule) => { at(rule, 'conditions')['people'] = { groups: { include: [CONTRACTORS] } }; }),
    code: 'policy-rule-people-changed',
    severity: 'high',
    resourceIds: [STAFF_RULE, APP_POLICY, CONTRACTORS],
    sentence: "Sign-on rule 'Staff on registered devices' in policy 'Atlassian Cloud sign-in' now applies only to group 'contractors' (was everyone).",
  },
  {
    name: 'rule authentication changed',
    change: () => changed('policy-rule', OFFICE_RULE, ['/actions/appSignOn/verificationMethod/factorMode', '/actions/appSignOn/verificationMethod/reauthenticateIn'], (rule) => {
      const method = at(rule, 'actions', 'appSignOn', 'verificationMethod');
      method['factorMode'] = '1FA';
      method['reauthenticateIn'] = 'PT1H';
    }),
    code: 'policy-rule-authentication-changed',
    severity: 'high',
    resourceIds: [OFFICE_RULE, APP_POLICY],
    sentence: `${OFFICE}: factor mode changed from 2FA to 1FA and re-authentication frequency changed from PT12H to PT1H.`,
  },
  {
    name: 'session rule MFA prompt changed',
    change: () => changed('policy-rule', SESSION_RULE, ['/actions/signon/factorPromptMode'], (rule) => { at(rule, 'actions', 'signon')['factorPromptMode'] = 'ALWAYS'; }),
    code: 'policy-rule-authentication-changed',
    severity: 'high',
    resourceIds: [SESSION_RULE, ENGINEERING_SESSIONS],
    sentence: `${SESSION}: MFA prompt changed from SESSION to ALWAYS.`,
  },
  {
    name: 'session lifetime changed',
    change: () => changed('policy-rule', SESSION_RULE, ['/actions/signon/session/maxSessionIdleMinutes'], (rule) => { at(rule, 'actions', 'signon', 'session')['maxSessionIdleMinutes'] = 30; }),
    code: 'policy-rule-session-changed',
    severity: 'medium',
    resourceIds: [SESSION_RULE, ENGINEERING_SESSIONS],
    sentence: `${SESSION}: maximum global session idle time (minutes) changed from 120 to 30.`,
  },
  {
    name: 'rule priority changed',
    change: () => changed('policy-rule', LEGACY_RULE, ['/priority'], (rule) => { rule['priority'] = 0; }),
    code: 'policy-rule-priority-changed',
    severity: 'high',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY}: priority changed from 4 to 0.`,
  },
  {
    name: 'rule moved without renumbering',
    change: () => changed('policy-rule', LEGACY_RULE, ['/priority'], () => undefined),
    code: 'policy-rule-priority-changed',
    severity: 'high',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} moved in the evaluation order (its priority is still 4).`,
  },
  {
    name: 'rule deactivated',
    change: () => changed('policy-rule', LEGACY_RULE, ['/status'], (rule) => { rule['status'] = 'INACTIVE'; }),
    code: 'policy-rule-deactivated',
    severity: 'high',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} was deactivated.`,
  },
  {
    name: 'rule deleted',
    change: () => removed('policy-rule', LEGACY_RULE),
    code: 'policy-rule-deleted',
    severity: 'high',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} was deleted.`,
  },
  {
    name: 'denying rule added',
    change: () => added('policy-rule', `${APP_POLICY}/rulNEWblockRule00001`, 'Atlassian Cloud sign-in: Block contractors', {
      id: 'rulNEWblockRule00001',
      name: 'Block contractors',
      actions: { appSignOn: { access: 'DENY' } },
    }),
    code: 'policy-rule-denies',
    severity: 'critical',
    resourceIds: [`${APP_POLICY}/rulNEWblockRule00001`, APP_POLICY],
    sentence: "Sign-on rule 'Block contractors' in policy 'Atlassian Cloud sign-in' was added and denies access.",
  },
  {
    name: 'allowing rule added',
    change: () => added('policy-rule', `${APP_POLICY}/rulNEWallowRule00001`, 'Atlassian Cloud sign-in: Interns', {
      id: 'rulNEWallowRule00001',
      name: 'Interns',
      actions: { appSignOn: { access: 'ALLOW' } },
    }),
    code: 'policy-rule-added',
    severity: 'medium',
    resourceIds: [`${APP_POLICY}/rulNEWallowRule00001`, APP_POLICY],
    sentence: "Sign-on rule 'Interns' in policy 'Atlassian Cloud sign-in' was added.",
  },
  {
    name: 'rule renamed',
    change: () => changed('policy-rule', LEGACY_RULE, ['/name'], (rule) => { rule['name'] = 'Legacy devices'; }),
    code: 'policy-rule-renamed',
    severity: 'medium',
    resourceIds: [LEGACY_RULE, APP_POLICY],
    sentence: `${LEGACY} was renamed to 'Legacy devices'.`,
  },
];

const zoneCases: FindingCase[] = [
  {
    name: 'zone gateways changed',
    change: () => changed('network-zone', OFFICES, ['/gateways'], (zone) => { at(zone, 'gateways', '1')['value'] = '203.0.113.0/24'; }),
    code: 'network-zone-gateways-changed',
    severity: 'high',
    resourceIds: [OFFICES],
    sentence: "Network zone 'Northwind Quanta offices and VPN': gateways changed: removed 203.0.113.64/26, added 203.0.113.0/24.",
  },
  {
    name: 'zone made a blocklist',
    change: () => changed('network-zone', OFFICES, ['/usage'], (zone) => { zone['usage'] = 'BLOCKLIST'; }),
    code: 'network-zone-definition-changed',
    severity: 'high',
    resourceIds: [OFFICES],
    sentence: "Network zone 'Northwind Quanta offices and VPN': usage changed from POLICY to BLOCKLIST.",
  },
  {
    name: 'zone deactivated',
    change: () => changed('network-zone', OFFICES, ['/status'], (zone) => { zone['status'] = 'INACTIVE'; }),
    code: 'network-zone-deactivated',
    severity: 'high',
    resourceIds: [OFFICES],
    sentence: "Network zone 'Northwind Quanta offices and VPN' was deactivated.",
  },
  {
    name: 'zone deleted',
    change: () => removed('network-zone', AGENCIES),
    code: 'network-zone-deleted',
    severity: 'high',
    resourceIds: [AGENCIES],
    sentence: "Network zone 'Contractor agency networks' was deleted.",
  },
];

const assuranceCases: FindingCase[] = [
  {
    name: 'minimum OS version raised',
    change: () => changed('device-assurance', MACOS, ['/osVersion/minimum'], (policy) => { at(policy, 'osVersion')['minimum'] = '15.1.0'; }),
    code: 'device-assurance-tightened',
    severity: 'high',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline': minimum OS version raised from 14.7.0 to 15.1.0.",
  },
  {
    name: 'screen lock types narrowed',
    change: () => changed('device-assurance', MACOS, ['/screenLockType/include'], (policy) => { at(policy, 'screenLockType')['include'] = ['BIOMETRIC']; }),
    code: 'device-assurance-tightened',
    severity: 'high',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline': screen lock types changed from [PASSCODE, BIOMETRIC] to [BIOMETRIC].",
  },
  {
    name: 'unknown requirement added',
    change: () => changed('device-assurance', MACOS, ['/thirdPartySignalProviders'], (policy) => { policy['thirdPartySignalProviders'] = { dtc: { browserVersion: { minimum: '120' } } }; }),
    code: 'device-assurance-tightened',
    severity: 'high',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline': `thirdPartySignalProviders` was set.",
  },
  {
    name: 'secure hardware dropped',
    change: () => changed('device-assurance', MACOS, ['/secureHardwarePresent'], (policy) => { policy['secureHardwarePresent'] = false; }),
    code: 'device-assurance-loosened',
    severity: 'medium',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline': secure hardware no longer required.",
  },
  {
    name: 'minimum OS version lowered',
    change: () => changed('device-assurance', MACOS, ['/osVersion/minimum'], (policy) => { at(policy, 'osVersion')['minimum'] = '13.0'; }),
    code: 'device-assurance-loosened',
    severity: 'medium',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline': minimum OS version lowered from 14.7.0 to 13.0.",
  },
  {
    name: 'device assurance deleted',
    change: () => removed('device-assurance', MACOS),
    code: 'device-assurance-deleted',
    severity: 'high',
    resourceIds: [MACOS],
    sentence: "Device assurance policy 'macOS managed baseline' was deleted.",
  },
];

describe('policy findings', () => checkCases(policyCases));
describe('policy rule findings', () => checkCases(ruleCases));
describe('network zone findings', () => checkCases(zoneCases));
describe('device assurance findings', () => checkCases(assuranceCases));

describe('device assurance list replaced', () => {
  // The device-trust-tightening drill: a rule that accepted the macOS and Windows baselines now
  // accepts only a new, stricter macOS policy, so Windows devices no longer qualify.
  const strictPolicy = added('device-assurance', MACOS_STRICT, 'macOS strict', { id: MACOS_STRICT, name: 'macOS strict', platform: 'MACOS', osVersion: { minimum: '26.4.0' } });
  const ruleChange = changed('policy-rule', OFFICE_RULE, ['/conditions/device/assurance/include'], (rule) => { at(rule, 'conditions', 'device', 'assurance')['include'] = [MACOS_STRICT]; });
  const ruleFindings = findingsOf([strictPolicy, ruleChange]).filter((finding) => finding.kind === 'policy-rule');

  it('gives one finding', () => {
    expect(ruleFindings).toEqual([
      {
        code: 'policy-rule-device-assurance-changed',
        severity: 'critical',
        kind: 'policy-rule',
        resourceIds: [OFFICE_RULE, APP_POLICY, MACOS_STRICT, MACOS, WINDOWS],
        sentence: `${OFFICE} now requires device assurance policy 'macOS strict' (was 'macOS managed baseline' or 'Windows managed baseline').`,
      },
    ]);
  });

  it('gives one finding for a dropped platform', () => {
    expect(findingsOf([onlyMacs()]).map((finding) => finding.code)).toEqual(['policy-rule-device-assurance-changed']);
  });
});

describe('network zone list replaced', () => {
  it('gives one finding', () => {
    expect(findingsOf([dropAgencies()]).map((finding) => finding.code)).toEqual(['policy-rule-network-changed']);
  });
});
