import type { ResourceChange } from '../diff-types.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { describeChange, nameList, quoted } from './phrases.js';
import { childId, ownerId, type ResourceLabels } from './resource-labels.js';
import { fieldRule, lifecycleRule, statusRule } from './rule-builders.js';

/** Pointer of the "Deactivate Users" setting of a provisioning feature: whether Okta deactivates users in the app. */
const DEACTIVATE_USERS = '/capabilities/update/lifecycleDeactivate';
const DEACTIVATE_USERS_STATUS = `${DEACTIVATE_USERS}/status`;

const authenticationModeChanged: FindingRule = {
  code: 'provisioning-auth-changed',
  severity: 'high',
  on: 'changed',
  paths: ['/authScheme', '/profile/authScheme'],
  describe: ({ subject, before, after, paths }) => {
    const pointer = paths.includes('/authScheme') ? '/authScheme' : '/profile/authScheme';
    return { sentence: `${subject}: ${describeChange('authentication mode', stringAt(before, pointer), stringAt(after, pointer))}.` };
  },
};

/** Findings for an app's SCIM provisioning connection (id is the app id). */
export const APP_PROVISIONING_FINDINGS: KindFindings = {
  subject: (change: ResourceChange, labels: ResourceLabels) => `Provisioning connection of app ${quoted(labels.appLabel(change.id))}`,
  rules: [
    lifecycleRule('provisioning-removed', 'critical', 'removed', 'was removed'),
    lifecycleRule('provisioning-added', 'medium', 'added', 'was set up'),
    statusRule('provisioning-disabled', 'critical', '/status', ['DISABLED'], 'was disabled'),
    statusRule('provisioning-enabled', 'medium', '/status', ['ENABLED'], 'was enabled'),
    fieldRule('provisioning-base-url-changed', 'high', '/baseUrl', 'SCIM connector base URL'),
    authenticationModeChanged,
  ],
};

const deprovisioningRemoved: FindingRule = {
  code: 'deprovisioning-changed',
  severity: 'critical',
  on: 'removed',
  describe: ({ subject, before }) =>
    stringAt(before, DEACTIVATE_USERS_STATUS) === 'ENABLED' ? { sentence: `${subject} was removed, which turns off Deactivate Users.` } : undefined,
};

const otherFeatureSettingChanged: FindingRule = {
  code: 'app-feature-changed',
  severity: 'medium',
  on: 'changed',
  paths: [''],
  catchAll: true,
  describe: ({ subject, paths }) => ({ sentence: `${subject}: settings changed: ${nameList(paths, paths.length)}.` }),
};

/**
 * Findings for an app's provisioning features (`<appId>/<feature name>`), the "To App" settings
 * of the Admin Console. Only a change to Deactivate Users is critical: it decides whether
 * leavers lose their Atlassian accounts.
 */
export const APP_FEATURE_FINDINGS: KindFindings = {
  subject: (change: ResourceChange, labels: ResourceLabels) => `Provisioning feature ${childId(change.id)} of app ${quoted(labels.appLabel(ownerId(change.id)))}`,
  subjectIds: (change: ResourceChange) => [ownerId(change.id)],
  rules: [
    deprovisioningRemoved,
    lifecycleRule('app-feature-removed', 'medium', 'removed', 'was removed'),
    lifecycleRule('app-feature-added', 'medium', 'added', 'was added'),
    fieldRule('deprovisioning-changed', 'critical', DEACTIVATE_USERS_STATUS, 'Deactivate Users'),
    fieldRule('app-feature-changed', 'medium', '/status', 'status'),
    fieldRule('app-feature-changed', 'medium', '/capabilities/create/lifecycleCreate/status', 'Create Users'),
    fieldRule('app-feature-changed', 'medium', '/capabilities/update/profile/status', 'Update User Attributes'),
    fieldRule('app-feature-changed', 'medium', '/capabilities/update/password/status', 'Sync Password'),
    otherFeatureSettingChanged,
  ],
};
