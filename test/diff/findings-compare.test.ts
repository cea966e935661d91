import { describe, expect, it } from 'vitest';
import { compareResources } from '../../src-shared/diff/compare-resources.js';
import { findingsFor } from '../../src-shared/diff/findings/findings.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { PROD_APP, SEED_RESOURCES } from './findings-fixtures.js';

// Findings from changes that the real comparer produced, so the rules meet its JSON pointers
// (arrays reported at the array, member lists keyed by user id) rather than hand-written ones.

const JIRA_USERS = '00gBGTAyIgewYItLGgY8';

function isJiraUsersObject(resource: SnapshotResource): boolean {
  if (resource.kind === 'group' || resource.kind === 'group-members') return resource.id === JIRA_USERS;
  if (resource.kind === 'app-group-assignment') return resource.id === `${PROD_APP}/${JIRA_USERS}`;
  return resource.kind === 'group-push-mapping' && (resource.body as JsonObject)['sourceGroupId'] === JIRA_USERS;
}

/** Builds the seed as it is after an admin deleted 'jira-software-users', changed the ACS URL and removed a member of 'jira-admins'. */
function incidentSide(): SnapshotResource[] {
  const after = structuredClone([...SEED_RESOURCES]).filter((resource) => !isJiraUsersObject(resource));
  for (const resource of after) {
    const body = resource.body as JsonObject;
    if (resource.kind === 'app') ((body['settings'] as JsonObject)['signOn'] as JsonObject)['ssoAcsUrl'] = 'https://auth.atlassian.com/login/callback?connection=saml-0000';
    if (resource.kind === 'group-members' && resource.id === '00g41TEd0dGBfd5K8v4A') resource.body = (resource.body as JsonObject[]).slice(1);
  }
  return after;
}

describe('findings of compared snapshots', () => {
  const before = [...SEED_RESOURCES];
  const after = incidentSide();
  const findings = findingsFor(compareResources(before, after).changes, { before, after });

  it('reports each change by rule', () => {
    expect(findings.map((finding) => finding.code)).toEqual([
      'app-acs-url-changed',
      'app-group-assignment-removed',
      'assigned-group-deleted',
      'group-push-removed',
      'group-members-removed',
      'group-members-removed',
    ]);
  });

  it('names the member who left', () => {
    expect(findings.find((finding) => finding.resourceIds[0] === '00g41TEd0dGBfd5K8v4A')?.sentence).toBe("Group 'jira-admins' lost 1 member (nadia.banerjee@northwindquanta.com).");
  });
});
