import type { FindingRule, RuleInput } from './finding-rule.js';
import { stringsAt } from './json-pointer.js';
import { missingFrom, nameList } from './phrases.js';

const PEOPLE = '/conditions/people';

/** Ids that one include or exclude list of a people condition gained and lost. */
interface ListChange {
  added: string[];
  removed: string[];
}

function listChange(input: RuleInput, pointer: string): ListChange {
  const was = stringsAt(input.before, pointer);
  const now = stringsAt(input.after, pointer);
  return { added: missingFrom(now, was), removed: missingFrom(was, now) };
}

function namesOf(input: RuleInput, groupIds: string[], userIds: string[]): string {
  const names = [
    ...groupIds.map((id) => input.labels.groupPhrase(id)),
    ...userIds.map((id) => `user ${input.labels.userLogin(id)}`),
  ];
  return nameList(names, names.length);
}

/** Describes the include lists. An empty list means everyone, so a list that becomes empty, or stops being empty, is reported that way. */
function includePhrases(input: RuleInput): string[] {
  const groupsBefore = stringsAt(input.before, `${PEOPLE}/groups/include`);
  const usersBefore = stringsAt(input.before, `${PEOPLE}/users/include`);
  const groupsAfter = stringsAt(input.after, `${PEOPLE}/groups/include`);
  const usersAfter = stringsAt(input.after, `${PEOPLE}/users/include`);
  const everyoneBefore = groupsBefore.length === 0 && usersBefore.length === 0;
  const everyoneAfter = groupsAfter.length === 0 && usersAfter.length === 0;

  if (everyoneBefore && everyoneAfter) return [];
  if (everyoneBefore) return [`now applies only to ${namesOf(input, groupsAfter, usersAfter)} (was everyone)`];
  if (everyoneAfter) return [`now applies to everyone (was ${namesOf(input, groupsBefore, usersBefore)})`];

  const groups = listChange(input, `${PEOPLE}/groups/include`);
  const users = listChange(input, `${PEOPLE}/users/include`);
  const phrases: string[] = [];
  if (groups.removed.length + users.removed.length > 0) phrases.push(`no longer applies to ${namesOf(input, groups.removed, users.removed)}`);
  if (groups.added.length + users.added.length > 0) phrases.push(`now also applies to ${namesOf(input, groups.added, users.added)}`);
  return phrases;
}

function excludePhrases(input: RuleInput): string[] {
  const groups = listChange(input, `${PEOPLE}/groups/exclude`);
  const users = listChange(input, `${PEOPLE}/users/exclude`);
  const phrases: string[] = [];
  if (groups.added.length + users.added.length > 0) phrases.push(`now excludes ${namesOf(input, groups.added, users.added)}`);
  if (groups.removed.length + users.removed.length > 0) phrases.push(`no longer excludes ${namesOf(input, groups.removed, users.removed)}`);
  return phrases;
}

function groupIdsChanged(input: RuleInput): string[] {
  const ids = new Set<string>();
  for (const list of ['include', 'exclude']) {
    const { added, removed } = listChange(input, `${PEOPLE}/groups/${list}`);
    for (const id of [...removed, ...added]) ids.add(id);
  }
  return [...ids];
}

/**
 * Builds a rule for the people a policy or policy rule applies to (`conditions.people`): groups and users
 * included and excluded. Any such change can shut some users out, so the severity is the
 * caller's to choose.
 */
export function peopleConditionRule(ruleCode: string, severity: FindingRule['severity']): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: [PEOPLE],
    describe: (input) => {
      const phrases = [...includePhrases(input), ...excludePhrases(input)];
      if (phrases.length === 0) return undefined;
      return { sentence: `${input.subject} ${phrases.join(' and ')}.`, relatedIds: groupIdsChanged(input) };
    },
  };
}
