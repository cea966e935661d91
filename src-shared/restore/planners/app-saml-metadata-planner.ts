import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { existingTargetId, labelOf, leaveForMissingApp } from './app-planner-support.js';
import { chooseSigningKey } from './app-signing-key-choice.js';

const DERIVED_REASON =
  'Okta publishes the SAML metadata of an app from the org URL, the app and its active signing key, and no request writes it. It follows the app: restore the app to change it.';

/**
 * Plans an app's SAML metadata (id: the app id, body: the XML Okta publishes). Okta derives it
 * from the org URL, the app and its active signing key, so it has no step of its own. When the
 * plan switches the app back to its signing key, the metadata follows that step; every other
 * difference stays, with the reason.
 */
export const appSamlMetadataPlanner: KindPlanner = {
  kind: 'app-saml-metadata',
  plan(pair: ResourcePair, context: PlanContext): void {
    const liveAppId = pair.desired === undefined ? pair.id : existingTargetId(context, 'app', pair.id);
    if (liveAppId === undefined) {
      leaveForMissingApp(context, pair, pair.id);
      return;
    }

    const reason = pair.desired === undefined ? DERIVED_REASON : reasonToLeave(pair, context, liveAppId);
    if (reason !== undefined) context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths: [], reason });
  },
};

/**
 * Returns why the desired metadata stays, or undefined when the app's replace switches the key
 * back and the metadata follows it.
 * NOTE: whether the app has a step is read through `stepsFor`, so the app must be planned
 * before its metadata, as the order of RESOURCE_KINDS has it.
 */
function reasonToLeave(pair: ResourcePair, context: PlanContext, liveAppId: string): string | undefined {
  const desiredApp = context.desired.get('app', pair.id);
  const liveApp = context.live.get('app', liveAppId);
  if (desiredApp === undefined || liveApp === undefined) return DERIVED_REASON;

  const choice = chooseSigningKey(context, desiredApp.name, desiredApp.body, liveApp.body, liveAppId);
  if (choice.outcome === 'keep') {
    return `The metadata carries the certificate of the app's active signing key, which this plan leaves in place. ${choice.reason ?? ''}`;
  }
  if (choice.outcome === 'restore') {
    if (context.stepsFor('app', pair.id).length > 0) return undefined;
    return `The metadata carries the certificate of the app's active signing key, and the app is not in the restore scope, so it keeps key ${choice.liveKid ?? '(none)'}. Restore the app with --signing-key to switch back to key ${choice.desiredKid ?? ''}.`;
  }
  return DERIVED_REASON;
}
