import type { ResourceChange, Severity } from '../diff-types.js';
import type { FindingDraft, FindingRule, KindFindings } from './finding-rule.js';
import { isUnder, objectAt, pointerOf, stringAt } from './json-pointer.js';
import { capitalized, code, describeChange, quoted } from './phrases.js';
import { childId, ownerId, type ResourceLabels } from './resource-labels.js';
import { fieldRule, sameValue } from './rule-builders.js';

/** Builds a rule that gives one finding per app user attribute of the assignment profile (`profile`) that changed. */
function profileRule(ruleCode: string, severity: Severity): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: ['/profile'],
    describe: ({ subject, before, after, paths }) => {
      const was = objectAt(before, '/profile');
      const now = objectAt(after, '/profile');
      const drafts: FindingDraft[] = [];
      for (const attribute of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (sameValue(was[attribute], now[attribute])) continue;
        const pointer = pointerOf('profile', attribute);
        drafts.push({
          sentence: `${subject}: ${describeChange(code(attribute), was[attribute], now[attribute])}.`,
          claims: paths.filter((path) => isUnder(path, pointer) || isUnder(pointer, path)),
        });
      }
      return drafts;
    },
  };
}

/** Names the two ends of a group assignment: "group 'X'" (or "app group 'X'") and the app label, quoted. */
function groupAssignmentPhrase(change: ResourceChange, labels: ResourceLabels): { group: string; app: string } {
  return { group: labels.groupPhrase(childId(change.id)), app: quoted(labels.appLabel(ownerId(change.id))) };
}

/** Findings for the groups assigned to an app (`<appId>/<groupId>`): priority and assignment profile. */
export const APP_GROUP_ASSIGNMENT_FINDINGS: KindFindings = {
  subject: (change, labels) => {
    const { group, app } = groupAssignmentPhrase(change, labels);
    return `Assignment of ${group} to app ${app}`;
  },
  subjectIds: (change) => [ownerId(change.id), childId(change.id)],
  rules: [
    {
      code: 'app-group-assignment-removed',
      severity: 'critical',
      on: 'removed',
      describe: ({ change, labels }) => {
        const { group, app } = groupAssignmentPhrase(change, labels);
        return { sentence: `${capitalized(group)} is no longer assigned to app ${app}.` };
      },
    },
    {
      code: 'app-group-assignment-added',
      severity: 'medium',
      on: 'added',
      describe: ({ change, labels }) => {
        const { group, app } = groupAssignmentPhrase(change, labels);
        return { sentence: `${capitalized(group)} was assigned to app ${app}.` };
      },
    },
    fieldRule('app-group-assignment-priority-changed', 'high', '/priority', 'assignment priority'),
    profileRule('app-group-assignment-profile-changed', 'high'),
  ],
};

/** Returns the user an app user record is about: the app username, else a login from either side, else the id. */
function userOf(change: ResourceChange, labels: ResourceLabels): string {
  const body = change.after?.body ?? change.before?.body;
  return stringAt(body, '/credentials/userName') ?? labels.userLogin(childId(change.id));
}

/** Findings for users assigned to an app directly rather than through a group (`<appId>/<userId>`). */
export const APP_USER_ASSIGNMENT_FINDINGS: KindFindings = {
  subject: (change, labels) => `Direct assignment of user ${userOf(change, labels)} to app ${quoted(labels.appLabel(ownerId(change.id)))}`,
  subjectIds: (change) => [ownerId(change.id)],
  rules: [
    {
      code: 'app-user-assignment-removed',
      severity: 'high',
      on: 'removed',
      describe: ({ change, labels }) => ({
        sentence: `User ${userOf(change, labels)} is no longer assigned directly to app ${quoted(labels.appLabel(ownerId(change.id)))}.`,
      }),
    },
    {
      code: 'app-user-assignment-added',
      severity: 'medium',
      on: 'added',
      describe: ({ change, labels }) => ({
        sentence: `User ${userOf(change, labels)} was assigned directly to app ${quoted(labels.appLabel(ownerId(change.id)))}.`,
      }),
    },
    fieldRule('app-user-assignment-username-changed', 'high', '/credentials/userName', 'app username'),
    profileRule('app-user-assignment-profile-changed', 'high'),
  ],
};
