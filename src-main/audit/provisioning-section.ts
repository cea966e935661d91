import type { ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Draws how each app grants and removes access: SCIM, features, mappings, assignments, pushes. */
export function drawProvisioning(writer: PackWriter, evidence: ConnectionEvidence): void {
  if (evidence.end === undefined) {
    writer.paragraph('No snapshot to read provisioning from.', { tone: 'muted' });
    return;
  }
  writer.paragraph(`As captured in snapshot ${evidence.end.id} at the end of the period. Users lose an Atlassian product when they leave the groups below or the app; with deactivation on, Okta also deactivates their Atlassian account.`, { tone: 'muted' });

  for (const app of evidence.provisioning) {
    writer.heading(`${app.label} (${app.status}, ${app.signOnMode})`);
    writer.fields([
      ['Provisioning', app.connection],
      ['Features', app.features.length > 0 ? app.features.join('; ') : 'none captured'],
      ['Direct user assignments', String(app.directUserAssignments)],
    ], { size: 9 });
    listBlock(writer, 'Profile mappings into the app user', app.mappings);
    listBlock(writer, 'Group push (Okta group → Atlassian group)', app.pushes);
    listBlock(writer, 'Assigned groups, by priority', app.groupAssignments);
  }
}

/** Draws the group rules that fill groups automatically. */
export function drawGroupRules(writer: PackWriter, evidence: ConnectionEvidence): void {
  if (evidence.end === undefined) {
    writer.paragraph('No snapshot to read group rules from.', { tone: 'muted' });
    return;
  }
  writer.paragraph(`As captured in snapshot ${evidence.end.id}. A rule adds users to its target groups while its expression holds; a user who no longer matches is removed.`, { tone: 'muted' });
  if (evidence.groupRules.length === 0) {
    writer.paragraph('No group rule targets a group in scope.');
    return;
  }
  writer.table(
    ['Rule', 'Status', 'Condition', 'Adds users to'],
    evidence.groupRules.map((rule) => [rule.name, rule.status, `${rule.expression}${rule.excludedUsers > 0 ? ` (${rule.excludedUsers} user(s) excluded)` : ''}`, rule.targets]),
  );
}

/** Items of a list kept in the body before the rest is counted. */
const LIST_LIMIT = 40;

function listBlock(writer: PackWriter, title: string, items: readonly string[]): void {
  writer.paragraph(`${title}: ${items.length}`, { bold: true, size: 9, indent: 10 });
  if (items.length === 0) return;
  const shown = items.slice(0, LIST_LIMIT);
  if (items.length > LIST_LIMIT) shown.push(`and ${items.length - LIST_LIMIT} more, in the attached end-of-period snapshot`);
  writer.bullets(shown, { size: 8.5, indent: 10 });
}
