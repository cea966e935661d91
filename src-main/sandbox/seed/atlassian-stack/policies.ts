import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { PROD_APP_ID, SANDBOX_APP_ID } from './apps.js';
import { GROUP, departmentGroupName, groupId } from './group-names.js';
import { isoTime, seedId } from './org-facts.js';

/**
 * Sign-in policies and what their rules refer to: two IP network zones, two device assurance
 * policies, the production app's sign-in (ACCESS_POLICY) policy, the default app sign-in
 * policy that the sandbox-site app uses, and three global session (OKTA_SIGN_ON) policies.
 *
 * Priorities follow Okta: policies and global session rules count from 1, app sign-in rules
 * count from 0 and the catch-all rule of an app sign-in policy sits at 99.
 */

export interface PolicySection {
  policies: JsonObject[];
  policyRules: Record<string, JsonObject[]>;
  appAccessPolicies: Record<string, string>;
  networkZones: JsonObject[];
  deviceAssurances: JsonObject[];
}

const OFFICE_ZONE_ID = seedId('networkZone', 'offices-and-vpn');
const AGENCY_ZONE_ID = seedId('networkZone', 'contractor-agencies');
const MACOS_ASSURANCE_ID = seedId('deviceAssurance', 'macos-baseline');
const WINDOWS_ASSURANCE_ID = seedId('deviceAssurance', 'windows-baseline');

const PROD_ACCESS_POLICY_ID = seedId('accessPolicy', 'atlassian-prod-sign-in');
const DEFAULT_ACCESS_POLICY_ID = seedId('accessPolicy', 'default');
const ENGINEERING_SESSION_POLICY_ID = seedId('policy', 'engineering-sessions');
const CONTRACTOR_SESSION_POLICY_ID = seedId('policy', 'contractor-sessions');
const DEFAULT_SESSION_POLICY_ID = seedId('policy', 'default');

/** Builds policies, rules, zones and device assurances. `adminUserId` is the admin recorded on device assurances. */
export function buildPolicySection(adminUserId: string): PolicySection {
  return {
    policies: [
      accessPolicy(PROD_ACCESS_POLICY_ID, 'Atlassian Cloud sign-in', 'Production Atlassian site: managed devices and office networks', 1, false, '2025-03-03T12:10:44.000Z'),
      accessPolicy(DEFAULT_ACCESS_POLICY_ID, 'Default Policy', 'Default app sign-in policy for apps without their own', 2, true, '2025-01-06T15:04:12.000Z'),
      sessionPolicy(ENGINEERING_SESSION_POLICY_ID, 'Engineering sessions', 'Global session rules for the Engineering department', 1, false,
        [groupId(departmentGroupName('Engineering'))], '2025-03-10T09:31:02.000Z'),
      sessionPolicy(CONTRACTOR_SESSION_POLICY_ID, 'Contractor sessions', 'Global session rules for contractors', 2, false,
        [groupId(GROUP.contractors)], '2025-03-10T09:48:55.000Z'),
      sessionPolicy(DEFAULT_SESSION_POLICY_ID, 'Default Policy', 'Default global session policy for everyone', 3, true,
        [groupId(GROUP.everyone)], '2025-01-06T15:04:12.000Z'),
    ],
    policyRules: {
      [PROD_ACCESS_POLICY_ID]: prodAccessRules(),
      [DEFAULT_ACCESS_POLICY_ID]: [
        catchAllRule('default-access/catch-all', '2025-01-06T15:04:12.000Z', { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT12H', []) }),
      ],
      [ENGINEERING_SESSION_POLICY_ID]: engineeringSessionRules(),
      [CONTRACTOR_SESSION_POLICY_ID]: contractorSessionRules(),
      [DEFAULT_SESSION_POLICY_ID]: [defaultSessionRule()],
    },
    // The sandbox-site app has no policy of its own, so Okta applies the default app sign-in policy.
    appAccessPolicies: { [PROD_APP_ID]: PROD_ACCESS_POLICY_ID, [SANDBOX_APP_ID]: DEFAULT_ACCESS_POLICY_ID },
    networkZones: buildNetworkZones(),
    deviceAssurances: buildDeviceAssurances(adminUserId),
  };
}

/** Both zones use documentation address ranges (RFC 5737), which no real network routes. */
function buildNetworkZones(): JsonObject[] {
  return [
    {
      type: 'IP',
      id: OFFICE_ZONE_ID,
      name: 'Northwind Quanta offices and VPN',
      status: 'ACTIVE',
      usage: 'POLICY',
      created: isoTime(Date.parse('2025-02-11T10:05:31.000Z')),
      lastUpdated: isoTime(Date.parse('2025-10-14T08:22:10.000Z')),
      system: false,
      gateways: [
        { type: 'CIDR', value: '198.51.100.0/24' },
        { type: 'CIDR', value: '203.0.113.64/26' },
        { type: 'RANGE', value: '192.0.2.10-192.0.2.40' },
      ],
      proxies: null,
    },
    {
      type: 'IP',
      id: AGENCY_ZONE_ID,
      name: 'Contractor agency networks',
      status: 'ACTIVE',
      usage: 'POLICY',
      created: isoTime(Date.parse('2025-03-10T09:40:17.000Z')),
      lastUpdated: isoTime(Date.parse('2025-03-10T09:40:17.000Z')),
      system: false,
      gateways: [
        { type: 'CIDR', value: '203.0.113.128/27' },
        { type: 'RANGE', value: '192.0.2.200-192.0.2.220' },
      ],
      proxies: null,
    },
  ];
}

function buildDeviceAssurances(adminUserId: string): JsonObject[] {
  const audit = (created: string, updated: string): JsonObject => ({
    createdBy: adminUserId,
    createdDate: isoTime(Date.parse(created)),
    lastUpdatedBy: adminUserId,
    lastUpdate: isoTime(Date.parse(updated)),
  });
  const diskAndLock: JsonObject = {
    diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] },
    screenLockType: { include: ['PASSCODE', 'BIOMETRIC'] },
    secureHardwarePresent: true,
  };
  return [
    {
      id: MACOS_ASSURANCE_ID,
      name: 'macOS managed baseline',
      platform: 'MACOS',
      osVersion: { minimum: '14.7.0' },
      ...diskAndLock,
      ...audit('2025-03-03T11:58:40.000Z', '2026-02-09T16:30:05.000Z'),
    },
    {
      id: WINDOWS_ASSURANCE_ID,
      name: 'Windows managed baseline',
      platform: 'WINDOWS',
      osVersion: { minimum: '10.0.22631.4460' },
      ...diskAndLock,
      ...audit('2025-03-03T12:02:13.000Z', '2026-02-09T16:33:41.000Z'),
    },
  ];
}

function accessPolicy(id: string, name: string, description: string, priority: number, system: boolean, created: string): JsonObject {
  const timestamp = isoTime(Date.parse(created));
  return {
    type: 'ACCESS_POLICY', id, status: 'ACTIVE', name, description, priority, system, conditions: null, created: timestamp, lastUpdated: timestamp,
  };
}

function sessionPolicy(
  id: string, name: string, description: string, priority: number, system: boolean, groupIds: string[], created: string,
): JsonObject {
  const timestamp = isoTime(Date.parse(created));
  return {
    type: 'OKTA_SIGN_ON',
    id,
    status: 'ACTIVE',
    name,
    description,
    priority,
    system,
    conditions: { people: { groups: { include: groupIds } } },
    created: timestamp,
    lastUpdated: timestamp,
  };
}

/** An app sign-in verification method: the factor mode, how often to ask again, and the authenticator constraints. */
function assurance(factorMode: '1FA' | '2FA', reauthenticateIn: string, constraints: JsonObject[]): JsonObject {
  return { type: 'ASSURANCE', factorMode, reauthenticateIn, constraints };
}

const MANAGED_DEVICE: JsonObject = {
  registered: true,
  managed: true,
  assurance: { include: [MACOS_ASSURANCE_ID, WINDOWS_ASSURANCE_ID] },
};

function accessRule(key: string, name: string, priority: number, created: string, conditions: JsonObject, appSignOn: JsonObject): JsonObject {
  const timestamp = isoTime(Date.parse(created));
  return {
    id: seedId('accessPolicyRule', key),
    status: 'ACTIVE',
    name,
    priority,
    created: timestamp,
    lastUpdated: timestamp,
    system: false,
    conditions: { ...conditions, riskScore: { level: 'ANY' } },
    actions: { appSignOn },
    type: 'ACCESS_POLICY',
  };
}

/**
 * Builds the catch-all rule of an app sign-in policy. Okta returns `conditions: null` for it,
 * but the spec's AccessPolicyRuleConditions does not allow null, so the seed leaves it out.
 */
function catchAllRule(key: string, created: string, appSignOn: JsonObject): JsonObject {
  const timestamp = isoTime(Date.parse(created));
  return {
    id: seedId('accessPolicyRule', key),
    status: 'ACTIVE',
    name: 'Catch-all Rule',
    priority: 99,
    created: timestamp,
    lastUpdated: timestamp,
    system: true,
    actions: { appSignOn },
    type: 'ACCESS_POLICY',
  };
}

function prodAccessRules(): JsonObject[] {
  const engineering = { groups: { include: [groupId(departmentGroupName('Engineering'))] } };
  const contractors = { groups: { include: [groupId(GROUP.contractors)] } };
  const approvedNetworks = [OFFICE_ZONE_ID, AGENCY_ZONE_ID];
  return [
    accessRule('prod/engineering-in-office', 'Engineering in the office', 0, '2025-03-03T12:14:09.000Z',
      { people: engineering, network: { connection: 'ZONE', include: [OFFICE_ZONE_ID] }, device: MANAGED_DEVICE },
      { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT12H', [{ possession: { deviceBound: 'REQUIRED' } }]) }),
    accessRule('prod/engineering-remote', 'Engineering elsewhere', 1, '2025-03-03T12:16:51.000Z',
      { people: engineering, network: { connection: 'ZONE', exclude: [OFFICE_ZONE_ID] }, device: MANAGED_DEVICE },
      { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT4H', [{ possession: { deviceBound: 'REQUIRED', phishingResistant: 'REQUIRED' } }]) }),
    accessRule('prod/contractors-approved-networks', 'Contractors on approved networks', 2, '2025-03-10T09:52:30.000Z',
      {
        people: contractors,
        network: { connection: 'ZONE', include: approvedNetworks },
        device: { registered: true, assurance: { include: [MACOS_ASSURANCE_ID, WINDOWS_ASSURANCE_ID] } },
      },
      { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT2H', [{ possession: { phishingResistant: 'REQUIRED' } }]) }),
    accessRule('prod/contractors-elsewhere', 'Contractors elsewhere', 3, '2025-03-10T09:53:12.000Z',
      { people: contractors, network: { connection: 'ZONE', exclude: approvedNetworks } },
      { access: 'DENY' }),
    accessRule('prod/legacy-device-exceptions', 'Legacy device exceptions', 4, '2025-09-22T14:07:45.000Z',
      { people: { groups: { include: [groupId(GROUP.legacyDeviceExceptions)] } }, network: { connection: 'ANYWHERE' } },
      { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT8H', []) }),
    accessRule('prod/staff-registered-devices', 'Staff on registered devices', 5, '2025-03-03T12:20:02.000Z',
      { network: { connection: 'ANYWHERE' }, device: { registered: true, assurance: { include: [MACOS_ASSURANCE_ID, WINDOWS_ASSURANCE_ID] } } },
      { access: 'ALLOW', verificationMethod: assurance('2FA', 'PT12H', []) }),
    catchAllRule('prod/catch-all', '2025-03-03T12:10:44.000Z', { access: 'DENY' }),
  ];
}

interface SessionSettings {
  access: 'ALLOW' | 'DENY';
  requireFactor: boolean;
  factorPromptMode?: 'ALWAYS' | 'DEVICE' | 'SESSION';
  idleMinutes: number;
  lifetimeMinutes: number;
}

function sessionRule(
  key: string, name: string, priority: number, system: boolean, created: string, network: JsonObject, settings: SessionSettings,
): JsonObject {
  const timestamp = isoTime(Date.parse(created));
  const signon: JsonObject = {
    access: settings.access,
    requireFactor: settings.requireFactor,
    ...(settings.factorPromptMode === undefined ? {} : { factorPromptMode: settings.factorPromptMode }),
    primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
    rememberDeviceByDefault: false,
    session: {
      usePersistentCookie: false,
      maxSessionIdleMinutes: settings.idleMinutes,
      maxSessionLifetimeMinutes: settings.lifetimeMinutes,
    },
  };
  return {
    id: seedId('policyRule', key),
    status: 'ACTIVE',
    name,
    priority,
    created: timestamp,
    lastUpdated: timestamp,
    system,
    conditions: { people: { users: { exclude: [] } }, network, authContext: { authType: 'ANY' } },
    actions: { signon },
    type: 'SIGN_ON',
  };
}

function engineeringSessionRules(): JsonObject[] {
  return [
    sessionRule('engineering/office', 'Engineering in the office', 1, false, '2025-03-10T09:33:27.000Z',
      { connection: 'ZONE', include: [OFFICE_ZONE_ID] },
      { access: 'ALLOW', requireFactor: true, factorPromptMode: 'SESSION', idleMinutes: 120, lifetimeMinutes: 720 }),
    sessionRule('engineering/anywhere', 'Engineering anywhere', 2, false, '2025-03-10T09:35:02.000Z',
      { connection: 'ANYWHERE' },
      { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS', idleMinutes: 60, lifetimeMinutes: 480 }),
  ];
}

function contractorSessionRules(): JsonObject[] {
  const approvedNetworks = [OFFICE_ZONE_ID, AGENCY_ZONE_ID];
  return [
    sessionRule('contractors/elsewhere', 'Contractors elsewhere', 1, false, '2025-03-10T09:50:11.000Z',
      { connection: 'ZONE', exclude: approvedNetworks },
      { access: 'DENY', requireFactor: false, idleMinutes: 120, lifetimeMinutes: 0 }),
    sessionRule('contractors/approved-networks', 'Contractors on approved networks', 2, false, '2025-03-10T09:51:06.000Z',
      { connection: 'ZONE', include: approvedNetworks },
      { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS', idleMinutes: 30, lifetimeMinutes: 480 }),
  ];
}

/** Builds the default rule of the default global session policy, the last rule, which Okta creates with the org. */
function defaultSessionRule(): JsonObject {
  return sessionRule('default/default-rule', 'Default Rule', 1, true, '2025-01-06T15:04:12.000Z',
    { connection: 'ANYWHERE' },
    { access: 'ALLOW', requireFactor: false, idleMinutes: 120, lifetimeMinutes: 0 });
}
