import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange, Severity } from '../diff-types.js';
import type { FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { stringsAt } from './json-pointer.js';
import { missingFrom, nameList, quoted } from './phrases.js';
import { fieldRule, lifecycleRule, renameRule, statusRule } from './rule-builders.js';

const TARGET_GROUPS = '/actions/assignUserToGroups/groupIds';
const EXCLUDED_GROUPS = '/conditions/people/groups/exclude';
const EXCLUDED_USERS = '/conditions/people/users/exclude';

function groupPhrases(ids: string[], input: RuleInput): string {
  return nameList(ids.map((id) => input.labels.groupPhrase(id)), ids.length);
}

const targetsChanged: FindingRule = {
  code: 'group-rule-targets-changed',
  severity: 'critical',
  on: 'changed',
  paths: [TARGET_GROUPS],
  describe: (input) => {
    const was = stringsAt(input.before, TARGET_GROUPS);
    const now = stringsAt(input.after, TARGET_GROUPS);
    const dropped = missingFrom(was, now);
    const added = missingFrom(now, was);
    if (dropped.length === 0 && added.length === 0) return undefined;

    const parts: string[] = [];
    if (dropped.length > 0) parts.push(`no longer assigns users to ${groupPhrases(dropped, input)}`);
    if (added.length > 0) parts.push(`now also assigns users to ${groupPhrases(added, input)}`);
    return { sentence: `${input.subject} ${parts.join(' and ')}.`, relatedIds: [...dropped, ...added] };
  },
};

/** Groups and users named in a group rule's exclusions. */
interface ExcludedIds {
  groups: string[];
  users: string[];
}

/** Returns the exclusions that `to` has and `from` has not. */
function exclusionsGained(from: JsonValue | undefined, to: JsonValue | undefined): ExcludedIds {
  return {
    groups: missingFrom(stringsAt(to, EXCLUDED_GROUPS), stringsAt(from, EXCLUDED_GROUPS)),
    users: missingFrom(stringsAt(to, EXCLUDED_USERS), stringsAt(from, EXCLUDED_USERS)),
  };
}

function excludedPhrase(input: RuleInput, { groups, users }: ExcludedIds): string {
  const names = [...groups.map((id) => input.labels.groupPhrase(id)), ...users.map((id) => `user ${input.labels.userLogin(id)}`)];
  return nameList(names, names.length);
}

/**
 * Builds a rule for the people a group rule leaves out. `newly` true reports exclusions that were
 * added (some users stop being assigned) and, in the same sentence, any that were lifted, so a
 * replaced exclusion list gives one finding. False reports lifted exclusions when none was added.
 */
function exclusionsRule(ruleCode: string, severity: Severity, newly: boolean): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [EXCLUDED_GROUPS, EXCLUDED_USERS],
    describe: (input) => {
      const added = exclusionsGained(input.before, input.after);
      const lifted = exclusionsGained(input.after, input.before);
      const anyAdded = added.groups.length + added.users.length > 0;
      const anyLifted = lifted.groups.length + lifted.users.length > 0;
      const reported = newly ? anyAdded : anyLifted && !anyAdded;
      if (!reported) return undefined;

      const parts: string[] = [];
      if (anyAdded) parts.push(`now excludes ${excludedPhrase(input, added)}`);
      if (anyLifted) parts.push(`no longer excludes ${excludedPhrase(input, lifted)}`);
      return { sentence: `${input.subject} ${parts.join(' and ')}.`, relatedIds: [...added.groups, ...lifted.groups] };
    },
  };
}

/** Findings for group rules, which put users into the groups that grant Atlassian access. */
export const GROUP_RULE_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `Group rule ${quoted(change.name)}`,
  rules: [
    lifecycleRule('group-rule-deleted', 'critical', 'removed', 'was deleted'),
    lifecycleRule('group-rule-added', 'medium', 'added', 'was added'),
    statusRule('group-rule-deactivated', 'critical', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('group-rule-invalid', 'critical', '/status', ['INVALID'], 'is now invalid'),
    statusRule('group-rule-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    fieldRule('group-rule-expression-changed', 'critical', '/conditions/expression/value', 'expression', 'code'),
    targetsChanged,
    exclusionsRule('group-rule-exclusions-added', 'high', true),
    exclusionsRule('group-rule-exclusions-removed', 'medium', false),
    renameRule('group-rule-renamed', '/name', (name) => `Group rule ${quoted(name)}`),
  ],
};
