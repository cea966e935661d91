import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange } from '../diff-types.js';
import type { KindFindings } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { peopleConditionRule } from './people-condition.js';
import { quoted } from './phrases.js';
import { fieldRule, lifecycleRule, priorityRule, renameRule, statusRule } from './rule-builders.js';

/** Admin Console names of the policy types Butterfly captures. */
const POLICY_NOUNS: Readonly<Record<string, string>> = {
  ACCESS_POLICY: 'Authentication policy',
  OKTA_SIGN_ON: 'Global session policy',
};

/** Names a policy with the noun for its type: "Authentication policy 'Atlassian Cloud sign-in'". */
export function policyNoun(body: JsonValue | undefined): string {
  return POLICY_NOUNS[stringAt(body, '/type') ?? ''] ?? 'Policy';
}

function policyBody(change: ResourceChange): JsonValue | undefined {
  return change.after?.body ?? change.before?.body;
}

/** Findings for app sign-in (authentication) policies and global session policies. */
export const POLICY_FINDINGS: KindFindings = {
  subject: (change) => `${policyNoun(policyBody(change))} ${quoted(change.name)}`,
  rules: [
    lifecycleRule('policy-deleted', 'high', 'removed', 'was deleted'),
    lifecycleRule('policy-added', 'medium', 'added', 'was added'),
    statusRule('policy-deactivated', 'high', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('policy-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    priorityRule('policy-priority-changed', 'high'),
    peopleConditionRule('policy-people-changed', 'high'),
    renameRule('policy-renamed', '/name', (name, { change }) => `${policyNoun(policyBody(change))} ${quoted(name)}`),
    fieldRule('policy-description-changed', 'low', '/description', 'description', 'text'),
  ],
};
