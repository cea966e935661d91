import { stringAt } from '../../diff/findings/json-pointer.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { appLabel, changedPointers, deletesAllowed, existingTargetId, labelOf, leaveExtra, leaveForMissingApp, quotedLabel } from './app-planner-support.js';

/** Page of the Atlassian admin console that generates the API token for SCIM. */
const ATLASSIAN_TOKEN_PAGE = 'admin.atlassian.com → Settings → User provisioning';

/**
 * Plans an app's provisioning connection (id: the app id). The Atlassian integration takes its
 * SCIM connection only through the Admin Console, and the API token is write-only, so the
 * snapshot never contains it. Every difference is therefore a manual step.
 */
export const appProvisioningPlanner: KindPlanner = {
  kind: 'app-provisioning',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { desired, live } = pair;
    if (desired === undefined) {
      planExtraConnection(pair, context);
      return;
    }
    if (existingTargetId(context, 'app', pair.id) === undefined) {
      leaveForMissingApp(context, pair, pair.id);
      return;
    }
    addConnectionStep(pair, context, desired, live);
  },
};

function whereFor(context: PlanContext, appId: string): string {
  return `Okta Admin Console → Applications → ${appLabel(context, appId)} → Provisioning → Integration`;
}

/** Sets the connection of the snapshot by hand: base URL, a fresh API token, and the status. */
function addConnectionStep(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource | undefined): void {
  const label = quotedLabel(appLabel(context, pair.id));
  const enabled = stringAt(desired.body, '/status') === 'ENABLED';
  const statusOnly = live !== undefined && changedPointers(pair.kind, live.body, desired.body).every((pointer) => pointer === '/status');
  const instructions = statusOnly ? [statusInstruction(enabled)] : connectionInstructions(desired, enabled);

  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `${live === undefined ? 'Set up' : 'Set'} the SCIM provisioning connection of app ${label} as in the snapshot`,
    where: whereFor(context, pair.id),
    instructions,
    blocksVerification: true,
  });
}

function statusInstruction(enabled: boolean): string {
  return enabled
    ? `Click Edit, select Enable API integration, click Test API Credentials, and Save. If Okta asks for the API token, generate a new one in ${ATLASSIAN_TOKEN_PAGE}.`
    : 'Click Edit, clear Enable API integration, and Save.';
}

function connectionInstructions(desired: SnapshotResource, enabled: boolean): string[] {
  const baseUrl = stringAt(desired.body, '/baseUrl');
  const instructions = [
    'Click Configure API Integration (or Edit), and select Enable API integration.',
    baseUrl === undefined ? 'Keep the base URL the Atlassian integration shows.' : `Set the base URL to ${baseUrl}.`,
    `Generate an API token in ${ATLASSIAN_TOKEN_PAGE} and paste it as the API token: Okta never returns the token, so the snapshot cannot contain it.`,
    'Click Test API Credentials, then Save.',
  ];
  if (!enabled) instructions.push('The snapshot has the connection disabled: clear Enable API integration again and Save.');
  return instructions;
}

/** Turning provisioning off stops every sync to Atlassian, so it is a manual step only when deletes are allowed. */
function planExtraConnection(pair: ResourcePair, context: PlanContext): void {
  const label = quotedLabel(appLabel(context, pair.id));
  if (!deletesAllowed(context, pair.kind)) {
    leaveExtra(context, pair, `Provisioning of app ${label}`, 'turning it off stops creating, updating and deactivating Atlassian accounts');
    return;
  }
  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Turn off SCIM provisioning of app ${label}`,
    where: whereFor(context, pair.id),
    instructions: [
      'The snapshot has no provisioning for the app. Click Edit, clear Enable API integration, and Save.',
      'Okta then stops creating, updating and deactivating Atlassian accounts for the app, and group push stops.',
    ],
    blocksVerification: true,
  });
}
