import type { ResourceChange } from '../diff-types.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { peopleConditionRule } from './people-condition.js';
import { quoted } from './phrases.js';
import { accessOf, accessRule, deviceAssuranceRule, deviceRule, networkRule } from './policy-rule-conditions.js';
import { ownerId, type ResourceLabels } from './resource-labels.js';
import { lifecycleRule, priorityRule, renameRule, settingsRule, statusRule } from './rule-builders.js';

/** Admin Console names of an authentication policy rule's "User must authenticate with" settings. */
const VERIFICATION_TERMS = {
  type: 'verification method',
  factorMode: 'factor mode',
  constraints: 'authenticator constraints',
  reauthenticateIn: 're-authentication frequency',
  inactivityPeriod: 'inactivity period',
};

/** Admin Console names of a global session policy rule's MFA settings. */
const SIGN_ON_TERMS = {
  primaryFactor: 'primary factor',
  requireFactor: 'MFA requirement',
  factorPromptMode: 'MFA prompt',
  factorLifetime: 'MFA lifetime (minutes)',
  rememberDeviceByDefault: 'remember device by default',
};

/** Admin Console names of a global session policy rule's session settings. */
const SESSION_TERMS = {
  maxSessionIdleMinutes: 'maximum global session idle time (minutes)',
  maxSessionLifetimeMinutes: 'maximum global session lifetime (minutes)',
  usePersistentCookie: 'persistent global session cookie',
};

function ruleSubject(ruleName: string, change: ResourceChange, labels: ResourceLabels): string {
  return `Sign-on rule ${quoted(ruleName)} in policy ${quoted(labels.policyName(ownerId(change.id)))}`;
}

function ruleName(change: ResourceChange): string {
  return stringAt(change.after?.body ?? change.before?.body, '/name') ?? change.name;
}

const addedDenyRule: FindingRule = {
  code: 'policy-rule-denies',
  severity: 'critical',
  on: 'added',
  describe: ({ subject, after }) => (accessOf(after) === 'DENY' ? { sentence: `${subject} was added and denies access.` } : undefined),
};

const addedAllowRule: FindingRule = {
  code: 'policy-rule-added',
  severity: 'medium',
  on: 'added',
  describe: ({ subject, after }) => (accessOf(after) === 'DENY' ? undefined : { sentence: `${subject} was added.` }),
};

/**
 * Findings for the rules of authentication policies and global session policies
 * (`<policyId>/<ruleId>`). A rule that now denies, newly requires a device, or requires other
 * device assurance policies, is critical.
 */
export const POLICY_RULE_FINDINGS: KindFindings = {
  subject: (change, labels) => ruleSubject(ruleName(change), change, labels),
  subjectIds: (change) => [ownerId(change.id)],
  rules: [
    lifecycleRule('policy-rule-deleted', 'high', 'removed', 'was deleted'),
    addedDenyRule,
    addedAllowRule,
    accessRule('policy-rule-denies', 'critical', 'DENY'),
    accessRule('policy-rule-allows', 'medium', 'ALLOW'),
    deviceRule('policy-rule-device-required', 'critical', true),
    deviceRule('policy-rule-device-loosened', 'medium', false),
    deviceAssuranceRule('policy-rule-device-assurance-changed', 'critical'),
    networkRule('policy-rule-network-changed', 'high', false),
    networkRule('policy-rule-network-loosened', 'medium', true),
    peopleConditionRule('policy-rule-people-changed', 'high'),
    settingsRule('policy-rule-authentication-changed', 'high', '/actions/appSignOn/verificationMethod', VERIFICATION_TERMS),
    settingsRule('policy-rule-authentication-changed', 'high', '/actions/signon', SIGN_ON_TERMS),
    settingsRule('policy-rule-session-changed', 'medium', '/actions/signon/session', SESSION_TERMS),
    priorityRule('policy-rule-priority-changed', 'high'),
    statusRule('policy-rule-deactivated', 'high', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('policy-rule-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    renameRule('policy-rule-renamed', '/name', (name, { change, labels }) => ruleSubject(name, change, labels)),
  ],
};
