import type { ResourceChange } from '../diff-types.js';
import type { FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { nameList, quoted } from './phrases.js';
import { childId, ownerId } from './resource-labels.js';
import { fieldRule, lifecycleRule, renameRule } from './rule-builders.js';

/** The apps that assigned or pushed a group on the before side, by id. */
interface GroupUse {
  assignedBy: string[];
  pushedBy: string[];
}

function groupUse({ change, labels }: RuleInput): GroupUse {
  const assignedBy = labels
    .beforeOfKind('app-group-assignment')
    .filter((assignment) => childId(assignment.id) === change.id)
    .map((assignment) => ownerId(assignment.id));
  const pushedBy = labels
    .beforeOfKind('group-push-mapping')
    .filter((mapping) => stringAt(mapping.body, '/sourceGroupId') === change.id)
    .map((mapping) => ownerId(mapping.id));
  return { assignedBy: [...new Set(assignedBy)], pushedBy: [...new Set(pushedBy)] };
}

function appsPhrase(appIds: string[], input: RuleInput): string {
  const labels = appIds.map((id) => quoted(input.labels.appLabel(id)));
  return `${appIds.length === 1 ? 'app' : 'apps'} ${nameList(labels, labels.length)}`;
}

/** A deleted group that an app assigned or pushed: its members lose that app's access at once. */
const usedGroupDeleted: FindingRule = {
  code: 'assigned-group-deleted',
  severity: 'critical',
  on: 'removed',
  describe: (input) => {
    const { assignedBy, pushedBy } = groupUse(input);
    if (assignedBy.length === 0 && pushedBy.length === 0) return undefined;

    const uses: string[] = [];
    if (assignedBy.length > 0) uses.push(`assigned to ${appsPhrase(assignedBy, input)}`);
    if (pushedBy.length > 0) uses.push(`pushed by ${appsPhrase(pushedBy, input)}`);
    return { sentence: `${input.subject} was deleted while ${uses.join(' and ')}.`, relatedIds: [...assignedBy, ...pushedBy] };
  },
};

const unusedGroupDeleted: FindingRule = {
  code: 'group-deleted',
  severity: 'high',
  on: 'removed',
  describe: (input) => {
    const { assignedBy, pushedBy } = groupUse(input);
    return assignedBy.length === 0 && pushedBy.length === 0 ? { sentence: `${input.subject} was deleted.` } : undefined;
  },
};

/** Findings for the Okta groups that assignments, group push, group rules and policies name. */
export const GROUP_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `Group ${quoted(change.name)}`,
  rules: [
    usedGroupDeleted,
    unusedGroupDeleted,
    lifecycleRule('group-added', 'medium', 'added', 'was added'),
    renameRule('group-renamed', '/profile/name', (name) => `Group ${quoted(name)}`),
    fieldRule('group-description-changed', 'low', '/profile/description', 'description', 'text'),
  ],
};
