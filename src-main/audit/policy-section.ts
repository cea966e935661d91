import type { ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Draws the global session and app sign-in policies at the end of the period, rule by rule. */
export function drawPolicies(writer: PackWriter, evidence: ConnectionEvidence): void {
  if (evidence.end === undefined) {
    writer.paragraph('No snapshot to read policies from.', { tone: 'muted' });
    return;
  }
  writer.paragraph(`As captured in snapshot ${evidence.end.id} at the end of the period. Changes during the period are in "Changes during the period". Rules are listed in the order Okta evaluates them.`, { tone: 'muted' });
  if (evidence.policies.length === 0) writer.paragraph('The snapshot holds no sign-on policy.');

  for (const policy of evidence.policies) {
    writer.heading(`${policy.type}: ${policy.name}`);
    writer.fields([
      ['Status, priority', `${policy.status}, ${policy.priority}`],
      ['Applies to', policy.appliesTo],
    ], { size: 9 });
    for (const rule of policy.rules) {
      writer.paragraph(`Rule ${rule.priority}: ${rule.name} (${rule.status}) ${rule.access}`, { bold: true, indent: 10, size: 9 });
      const rows: Array<[string, string]> = [
        ['People', rule.people],
        ['Authentication', rule.authentication],
        ['Device', rule.device],
        ['Network', rule.network],
      ];
      if (rule.session !== '') rows.push(['Session', rule.session]);
      writer.fields(rows, { indent: 20, size: 8.5, labelWidth: 90 });
    }
  }
}
