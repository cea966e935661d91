import { stringAt } from '../../diff/findings/json-pointer.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { fieldInScope, labelOf, quotedLabel } from './app-planner-support.js';
import { addReplaceStep, buildAppReplacement, leaveUnwritableDifferences } from './app-replace-step.js';
import { ATLASSIAN_IDP_PAGE, SIGNING_KID_POINTER } from './app-signing-key-choice.js';

/** Pointer of the link to the app's sign-in (access) policy, whose last path segment is the policy id. */
const POLICY_LINK_POINTER = '/_links/accessPolicy/href';

/**
 * Restores an app in place: a full replace of its settings, its status through the lifecycle
 * calls, and the link to its sign-in policy. An app the target org lacks is never recreated,
 * and an app the snapshot lacks is never deleted.
 */
export const appPlanner: KindPlanner = {
  kind: 'app',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { desired, live } = pair;
    if (desired !== undefined && live !== undefined) planInPlace(pair, desired, live, context);
    else if (desired !== undefined) planMissingApp(pair, desired, context);
    else if (live !== undefined) leaveExtraApp(pair, context);
  },
};

/** Orders the steps so that the app is deactivated before its replace and activated after it. */
function planInPlace(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  const appId = context.targetId('app', pair.id);
  const deactivateKey = statusToSet(pair, desired, live, 'INACTIVE') ? addLifecycleStep(pair, context, appId, 'deactivate', []) : undefined;

  const replacement = buildAppReplacement(pair, desired, live, context, appId);
  const updateKey = addReplaceStep(pair, replacement, context, appId, deactivateKey === undefined ? [] : [deactivateKey]);
  if (replacement.signingKey.outcome === 'keep' && replacement.signingKey.reason !== undefined) {
    context.leaveInPlace({ kind: 'app', resourceId: pair.id, name: labelOf(pair), paths: [SIGNING_KID_POINTER], reason: replacement.signingKey.reason });
    context.warn({ code: 'signing-key-kept', message: replacement.signingKey.reason, kind: 'app', resourceId: pair.id });
  }
  leaveUnwritableDifferences(pair, desired, live, context);

  if (statusToSet(pair, desired, live, 'ACTIVE')) addLifecycleStep(pair, context, appId, 'activate', updateKey === undefined ? [] : [updateKey]);
  planPolicyLink(pair, desired, live, context, appId);
}

function statusToSet(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, status: 'ACTIVE' | 'INACTIVE'): boolean {
  return fieldInScope(pair, '/status') && stringAt(desired.body, '/status') === status && stringAt(live.body, '/status') !== status;
}

function addLifecycleStep(pair: ResourcePair, context: PlanContext, appId: string, action: 'activate' | 'deactivate', dependsOn: string[]): string {
  const label = quotedLabel(labelOf(pair));
  const status = action === 'activate' ? 'ACTIVE' : 'INACTIVE';
  if (action === 'deactivate') {
    context.warn({
      code: 'app-deactivation',
      message: `The plan deactivates app ${label}, as it was in the snapshot. While it is inactive, no one signs in to Atlassian through it and its users assigned through groups are unassigned.`,
      kind: 'app',
      resourceId: pair.id,
    });
  }

  return context.addStep({
    kind: 'app',
    resourceId: pair.id,
    name: labelOf(pair),
    action,
    description:
      action === 'activate'
        ? `Activate app ${label}.`
        : `Deactivate app ${label}: sign-in to Atlassian through it stops and its users assigned through groups are unassigned.`,
    request: { method: 'POST', path: `/api/v1/apps/${appId}/lifecycle/${action}` },
    check: { path: `/api/v1/apps/${appId}`, fields: [{ pointer: '/status', value: status }] },
    dependsOn,
  });
}

/** Links the app to its sign-in policy of the snapshot when the target org links another. */
function planPolicyLink(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext, appId: string): void {
  if (!fieldInScope(pair, POLICY_LINK_POINTER)) return;
  const desiredPolicyId = policyIdOf(desired);
  if (desiredPolicyId === undefined) return;
  const policyId = context.targetId('policy', desiredPolicyId);
  if (policyId === policyIdOf(live)) return;

  const policyName = context.desired.get('policy', desiredPolicyId)?.name ?? desiredPolicyId;
  const orgUrl = orgUrlOf(live);
  context.addStep({
    kind: 'app',
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'link',
    description: `Make ${quotedLabel(policyName)} the sign-in policy of app ${quotedLabel(labelOf(pair))} again.`,
    request: { method: 'PUT', path: `/api/v1/apps/${appId}/policies/${policyId}` },
    check: {
      path: `/api/v1/apps/${appId}`,
      // NOTE: without the org URL in the live app's links, the read-back cannot name the link it expects.
      fields: orgUrl === undefined ? [] : [{ pointer: POLICY_LINK_POINTER, value: `${orgUrl}/api/v1/policies/${policyId}` }],
    },
  });
}

function policyIdOf(app: SnapshotResource): string | undefined {
  return stringAt(app.body, POLICY_LINK_POINTER)?.replace(/\/+$/, '').split('/').pop();
}

/** Returns the org URL the live app's own link starts with, as Okta writes the links of a read-back. */
function orgUrlOf(live: SnapshotResource): string | undefined {
  const self = stringAt(live.body, '/_links/self/href');
  const index = self?.indexOf('/api/v1/apps/') ?? -1;
  return self === undefined || index < 0 ? undefined : self.slice(0, index);
}

/**
 * A deleted app comes back only by hand: a new app gets a new id and a new signing key, loses
 * every assignment, and Atlassian must be set up again to trust it.
 */
function planMissingApp(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const label = quotedLabel(labelOf(pair));
  context.warn({
    code: 'app-not-recreated',
    message:
      `App ${label} is not in the target org, and the plan does not recreate it. A new app would get a new id and a new SAML signing key, ` +
      `so Atlassian would reject its sign-ins until its identity provider settings are entered again in ${ATLASSIAN_IDP_PAGE}, ` +
      'and none of the group and user assignments, profile mappings or group push of the old app would come with it. See the manual step.',
    kind: 'app',
    resourceId: pair.id,
  });

  const siteUrl = stringAt(desired.body, '/settings/app/siteUrl');
  context.addManual({
    kind: 'app',
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Create app ${label} again`,
    where: 'Okta Admin Console → Applications → Applications → Browse App Catalog → Atlassian Cloud',
    instructions: [
      `Add the Atlassian Cloud integration with the label ${label}${siteUrl === undefined ? '' : ` and the site URL ${siteUrl}`}, and copy its sign-on settings from the snapshot.`,
      `In the new app's Sign On tab, open the SAML setup instructions, then enter its SSO URL and upload its IdP certificate in ${ATLASSIAN_IDP_PAGE}. Sign-in to Atlassian fails until this is done.`,
      'If the snapshot has provisioning for the app, generate an API token in admin.atlassian.com → Settings → User provisioning and paste it in the new app\'s Provisioning → Integration tab.',
      'Assign the groups and users again, and set up the profile mappings, group push and sign-in policy of the snapshot: Okta creates none of them with the app.',
    ],
    blocksVerification: true,
  });
}

/** Deleting the Atlassian app unassigns every user and breaks sign-in, so the plan never does it. */
function leaveExtraApp(pair: ResourcePair, context: PlanContext): void {
  context.leaveInPlace({
    kind: 'app',
    resourceId: pair.id,
    name: labelOf(pair),
    paths: [],
    reason: `App ${quotedLabel(labelOf(pair))} is not in the snapshot. A restore never deletes an app, even with --allow-deletes, because that unassigns every user and ends sign-in through it. Delete it in the Okta Admin Console if it is not wanted.`,
  });
}
