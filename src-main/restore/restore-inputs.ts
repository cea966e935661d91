import { stringAt } from '../../src-shared/diff/findings/json-pointer.js';
import type { CapturedSnapshot } from '../../src-shared/snapshot/snapshot-model.js';
import type { PlanSideInput } from '../../src-shared/restore/plan-restore.js';
import type { CaptureFollow } from '../okta/capture/capture-snapshot.js';
import type { StoredSnapshot } from '../vault/vault-types.js';

/** Builds the desired side of a plan from a stored snapshot. */
export function desiredSide(snapshot: StoredSnapshot): PlanSideInput {
  return {
    label: String(snapshot.summary.id),
    orgUrl: snapshot.summary.orgUrl,
    takenAt: snapshot.summary.takenAt,
    resources: snapshot.resources,
    sections: snapshot.summary.sections,
  };
}

/** Builds the live side of a plan from a capture of the target org. `label` is the pre-restore snapshot's id or `live`. */
export function liveSide(captured: CapturedSnapshot, label: string): PlanSideInput {
  return { label, orgUrl: captured.orgUrl, takenAt: captured.finishedAt, resources: captured.resources, sections: captured.sections };
}

/**
 * The apps the live capture must cover: the desired snapshot's apps, by id in the same org and
 * by label in another (ids differ between orgs).
 */
export function appsToCapture(snapshot: StoredSnapshot, sameOrg: boolean): string[] {
  return snapshot.resources.filter((resource) => resource.kind === 'app').map((app) => (sameOrg ? app.id : (stringAt(app.body, '/label') ?? app.name)));
}

/**
 * Returns what the live capture follows beyond the apps. In the same org, that is the groups,
 * policies, zones and device assurance policies the snapshot contains, so that an object no app
 * reaches any more (a group whose assignment was removed) is seen as existing rather than
 * recreated. After a restore, it also follows the ones the restore recreated.
 */
export function followFor(snapshot: StoredSnapshot, sameOrg: boolean, createdIds: Readonly<Record<string, string>> = {}): CaptureFollow {
  const created = (kind: string): string[] => Object.entries(createdIds).filter(([key]) => key.startsWith(`${kind}:`)).map(([, id]) => id);
  const idsOf = (kind: string): string[] => [...(sameOrg ? snapshot.resources.filter((resource) => resource.kind === kind).map((resource) => resource.id) : []), ...created(kind)];
  const namesOf = (kind: string, pointer: string): string[] => (sameOrg ? [] : snapshot.resources.filter((resource) => resource.kind === kind).map((resource) => stringAt(resource.body, pointer) ?? resource.name));
  const accessPolicies = snapshot.resources.filter((resource) => resource.kind === 'policy' && stringAt(resource.body, '/type') === 'ACCESS_POLICY');
  return {
    groupIds: idsOf('group'),
    zoneIds: idsOf('network-zone'),
    deviceAssuranceIds: idsOf('device-assurance'),
    policyIds: idsOf('policy'),
    groupNames: namesOf('group', '/profile/name'),
    zoneNames: namesOf('network-zone', '/name'),
    deviceAssuranceNames: namesOf('device-assurance', '/name'),
    policyNames: sameOrg ? [] : accessPolicies.map((policy) => stringAt(policy.body, '/name') ?? policy.name),
  };
}

/** Tells whether two org URLs name the same org (scheme, host and port, case-insensitive). */
export function sameOrg(a: string, b: string): boolean {
  const origin = (url: string): string => {
    try {
      return new URL(url).origin.toLowerCase();
    } catch {
      return url.toLowerCase();
    }
  };
  return origin(a) === origin(b);
}

/** Returns the text the user must type to confirm an execution: the org's host, with the port when it has one. */
export function confirmationFor(orgUrl: string): string {
  try {
    return new URL(orgUrl).host;
  } catch {
    return orgUrl;
  }
}
