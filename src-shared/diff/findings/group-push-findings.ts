import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange } from '../diff-types.js';
import type { KindFindings } from './finding-rule.js';
import { stringAt } from './json-pointer.js';
import { describeChange, quoted } from './phrases.js';
import { ownerId, type ResourceLabels } from './resource-labels.js';
import { lifecycleRule, statusRule } from './rule-builders.js';

function sourceGroupId(change: ResourceChange): string {
  return stringAt(change.after?.body ?? change.before?.body, '/sourceGroupId') ?? '';
}

function targetGroupPhrase(body: JsonValue | undefined, labels: ResourceLabels): string | undefined {
  const id = stringAt(body, '/targetGroupId');
  return id === undefined ? undefined : labels.groupPhrase(id);
}

/**
 * Findings for an app's Push Groups mappings (`<appId>/<mappingId>`): the Okta groups pushed to
 * Atlassian, where group membership grants product access.
 */
export const GROUP_PUSH_MAPPING_FINDINGS: KindFindings = {
  subject: (change, labels) => `Push Groups mapping of ${labels.groupPhrase(sourceGroupId(change))} in app ${quoted(labels.appLabel(ownerId(change.id)))}`,
  subjectIds: (change) => [ownerId(change.id), sourceGroupId(change)],
  rules: [
    lifecycleRule('group-push-removed', 'critical', 'removed', 'was removed'),
    lifecycleRule('group-push-added', 'medium', 'added', 'was added'),
    statusRule('group-push-deactivated', 'critical', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('group-push-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    {
      code: 'group-push-target-changed',
      severity: 'high',
      on: 'changed',
      paths: ['/targetGroupId'],
      describe: ({ subject, before, after, labels }) => {
        const was = stringAt(before, '/targetGroupId');
        const now = stringAt(after, '/targetGroupId');
        if (was === now) return undefined;
        return {
          sentence: `${subject}: ${describeChange('target', targetGroupPhrase(before, labels), targetGroupPhrase(after, labels))}.`,
          relatedIds: [was, now].filter((id): id is string => id !== undefined),
        };
      },
    },
  ],
};
