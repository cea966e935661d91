import { canonicalJson } from '../../json/canonical-json.js';
import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { capitalized, countOf, nameList } from './phrases.js';
import type { ResourceLabels } from './resource-labels.js';

/** A member record reduced to what the findings compare: the login to name and the whole record. */
interface Member {
  login: string;
  record: string;
}

function membersOf(body: JsonValue | undefined, labels: ResourceLabels): Map<string, Member> {
  const members = new Map<string, Member>();
  if (!Array.isArray(body)) return members;
  for (const record of body) {
    if (!isJsonObject(record) || typeof record['id'] !== 'string') continue;
    const login = stringAt(record, '/profile/login') ?? labels.userLogin(record['id']);
    members.set(record['id'], { login, record: canonicalJson(record) });
  }
  return members;
}

/** Logins of the members who left, who joined and whose record changed, each list sorted. */
interface MembershipChange {
  removed: string[];
  added: string[];
  updated: string[];
}

function membershipChange({ before, after, labels }: RuleInput): MembershipChange {
  const was = membersOf(before, labels);
  const now = membersOf(after, labels);
  const result: MembershipChange = { removed: [], added: [], updated: [] };
  for (const [id, member] of was) {
    const current = now.get(id);
    if (current === undefined) result.removed.push(member.login);
    else if (current.record !== member.record) result.updated.push(member.login);
  }
  for (const [id, member] of now) if (!was.has(id)) result.added.push(member.login);

  for (const logins of Object.values(result)) logins.sort();
  return result;
}

function groupOf({ change, labels }: RuleInput): string {
  return capitalized(labels.groupPhrase(change.id));
}

const membersRemoved: FindingRule = {
  code: 'group-members-removed',
  severity: 'high',
  on: 'changed',
  paths: [''],
  describe: (input) => {
    const { removed, added } = membershipChange(input);
    if (removed.length === 0) return undefined;
    const gained = added.length === 0 ? '' : ` and gained ${added.length} (${nameList(added)})`;
    return { sentence: `${groupOf(input)} lost ${countOf(removed.length, 'member')} (${nameList(removed)})${gained}.` };
  },
};

const membersAdded: FindingRule = {
  code: 'group-members-added',
  severity: 'medium',
  on: 'changed',
  paths: [''],
  describe: (input) => {
    const { removed, added } = membershipChange(input);
    if (removed.length > 0 || added.length === 0) return undefined;
    return { sentence: `${groupOf(input)} gained ${countOf(added.length, 'member')} (${nameList(added)}).` };
  },
};

const membersUpdated: FindingRule = {
  code: 'group-members-updated',
  severity: 'low',
  on: 'changed',
  paths: [''],
  describe: (input) => {
    const { updated } = membershipChange(input);
    if (updated.length === 0) return undefined;
    return { sentence: `${groupOf(input)}: status or profile of ${countOf(updated.length, 'member')} changed (${nameList(updated)}).` };
  },
};

/** Writes "3 members (a, b and c)", or "no members" for an empty list. */
function listed(input: RuleInput, body: JsonValue | undefined): string {
  const logins = [...membersOf(body, input.labels).values()].map((member) => member.login).sort();
  return logins.length === 0 ? 'no members' : `${countOf(logins.length, 'member')} (${nameList(logins)})`;
}

/**
 * Tells whether the member list is gone because its group left the captured scope: the group
 * is gone from the after side too, and nothing there names it. The group's own finding
 * (`group-out-of-scope`) reports that, so the member list gets only a low note.
 */
function groupLeftScope({ change, labels }: RuleInput): boolean {
  return !labels.isOnAfterSide('group', change.id) && !labels.isGroupReferencedAfter(change.id);
}

/**
 * Findings for a group's member list (id is the group id). Members are matched by user id and
 * named by login; a sentence names the first few logins and counts the rest. A member list that
 * left the snapshot with its group is a low note, any other removed member list is high.
 */
export const GROUP_MEMBERS_FINDINGS: KindFindings = {
  subject: (change, labels) => `Members of ${labels.groupPhrase(change.id)}`,
  rules: [
    {
      code: 'group-members-removed',
      severity: 'high',
      on: 'removed',
      describe: (input) => (groupLeftScope(input) ? undefined : { sentence: `${groupOf(input)}, which had ${listed(input, input.before)}, is no longer captured.` }),
    },
    {
      code: 'group-members-out-of-scope',
      severity: 'low',
      on: 'removed',
      describe: (input) => (groupLeftScope(input) ? { sentence: `${groupOf(input)} had ${listed(input, input.before)} when it was last captured.` } : undefined),
    },
    {
      code: 'group-members-added',
      severity: 'medium',
      on: 'added',
      describe: (input) => ({ sentence: `${groupOf(input)} is now captured with ${listed(input, input.after)}.` }),
    },
    membersRemoved,
    membersAdded,
    membersUpdated,
  ],
};
