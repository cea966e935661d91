import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange } from '../diff-types.js';
import type { FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { capitalized, nameList, quoted } from './phrases.js';
import { childId, groupNoun, ownerId } from './resource-labels.js';
import { fieldRule, lifecycleRule, renameRule } from './rule-builders.js';

/** The apps that assigned a group, pushed it (as source) or pushed into it (as target) on the before side, by id. */
interface GroupUse {
  assignedBy: string[];
  pushedBy: string[];
  pushTargetOf: string[];
}

function groupUse({ change, labels }: RuleInput): GroupUse {
  const assignedBy = labels
    .beforeOfKind('app-group-assignment')
    .filter((assignment) => childId(assignment.id) === change.id)
    .map((assignment) => ownerId(assignment.id));
  const mappings = labels.beforeOfKind('group-push-mapping');
  const appsOfMappings = (pointer: string): string[] =>
    mappings.filter((mapping) => stringAt(mapping.body, pointer) === change.id).map((mapping) => ownerId(mapping.id));
  return {
    assignedBy: [...new Set(assignedBy)],
    pushedBy: [...new Set(appsOfMappings('/sourceGroupId'))],
    pushTargetOf: [...new Set(appsOfMappings('/targetGroupId'))],
  };
}

function appsPhrase(appIds: string[], input: RuleInput): string {
  const labels = appIds.map((id) => quoted(input.labels.appLabel(id)));
  return `${appIds.length === 1 ? 'app' : 'apps'} ${nameList(labels, labels.length)}`;
}

/**
 * Tells whether a removed group only left the captured scope. A snapshot contains just the groups
 * that its other resources name, so a group that nothing on the after side names any more is
 * gone from the snapshot whether or not Okta still has it. A group that the after side still
 * names (a dangling reference) was deleted.
 */
function leftScope({ change, labels }: RuleInput): boolean {
  return !labels.isGroupReferencedAfter(change.id);
}

/** A deleted group that an app assigned or pushed: its members lose that app's access at once. */
const usedGroupDeleted: FindingRule = {
  code: 'assigned-group-deleted',
  severity: 'critical',
  on: 'removed',
  describe: (input) => {
    if (leftScope(input)) return undefined;
    const { assignedBy, pushedBy, pushTargetOf } = groupUse(input);
    const uses: string[] = [];
    if (assignedBy.length > 0) uses.push(`assigned to ${appsPhrase(assignedBy, input)}`);
    if (pushedBy.length > 0) uses.push(`pushed by ${appsPhrase(pushedBy, input)}`);
    if (pushTargetOf.length > 0) uses.push(`the Push Groups target of ${appsPhrase(pushTargetOf, input)}`);
    if (uses.length === 0) return undefined;
    return { sentence: `${input.subject} was deleted while ${uses.join(' and ')}.`, relatedIds: [...assignedBy, ...pushedBy, ...pushTargetOf] };
  },
};

const unusedGroupDeleted: FindingRule = {
  code: 'group-deleted',
  severity: 'high',
  on: 'removed',
  describe: (input) => {
    if (leftScope(input)) return undefined;
    const { assignedBy, pushedBy, pushTargetOf } = groupUse(input);
    return assignedBy.length + pushedBy.length + pushTargetOf.length === 0 ? { sentence: `${input.subject} was deleted.` } : undefined;
  },
};

const groupOutOfScope: FindingRule = {
  code: 'group-out-of-scope',
  severity: 'low',
  on: 'removed',
  describe: (input) =>
    leftScope(input)
      ? { sentence: `${input.subject} is no longer captured: nothing in the Atlassian configuration names it any more (it may still exist in Okta).` }
      : undefined,
};

/** Names a group by its type and a name: "Group 'X'", or "App group 'X'" for an APP_GROUP. */
function groupSubject(name: string, change: ResourceChange): string {
  const body: JsonValue | undefined = change.after?.body ?? change.before?.body;
  return `${capitalized(groupNoun(body))} ${quoted(name)}`;
}

/**
 * Findings for the groups that assignments, group push, group rules and policies name: Okta
 * groups, and the app groups (APP_GROUP) that Push Groups mappings push into.
 */
export const GROUP_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => groupSubject(change.name, change),
  rules: [
    usedGroupDeleted,
    unusedGroupDeleted,
    groupOutOfScope,
    // NOTE: an added group may be new in Okta or only newly named by the configuration. The
    // snapshots cannot tell the two apart, so "was added" covers both.
    lifecycleRule('group-added', 'medium', 'added', 'was added'),
    renameRule('group-renamed', '/profile/name', (name, { change }) => groupSubject(name, change)),
    fieldRule('group-description-changed', 'low', '/profile/description', 'description', 'text'),
  ],
};
