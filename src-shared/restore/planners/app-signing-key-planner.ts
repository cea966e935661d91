import { stringAt } from '../../diff/findings/json-pointer.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { appLabel, existingTargetId, labelOf, leaveForMissingApp, quotedLabel, splitOwnedId } from './app-planner-support.js';
import { ATLASSIAN_IDP_PAGE, SIGNING_KID_POINTER } from './app-signing-key-choice.js';

/** Okta accepts key validity from 2 to 10 years; the manual step suggests the longest. */
const SUGGESTED_VALIDITY_YEARS = 10;

/**
 * Plans an app's SAML signing keys (`<appId>/<kid>`). Okta has no API to delete a key or to
 * import one, so no key is ever written: a missing key the app signed with becomes a manual
 * step, and every other difference stays with its reason. Which key the app signs with is the
 * app planner's choice (`credentials.signing.kid`).
 */
export const appSigningKeyPlanner: KindPlanner = {
  kind: 'app-signing-key',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { appId, childId: kid } = splitOwnedId(pair.kind, pair.id);
    if (pair.desired === undefined) {
      leaveExtraKey(pair, context, appId, kid);
      return;
    }

    const liveAppId = existingTargetId(context, 'app', appId);
    if (liveAppId === undefined) leaveForMissingApp(context, pair, appId);
    else if (pair.live === undefined) planMissingKey(pair, context, appId, liveAppId, kid);
    else leaveKey(pair, context, 'A signing key cannot be edited: Okta has no API to change one, and its certificate and public key are fixed when it is generated.');
  },
};

function leaveKey(pair: ResourcePair, context: PlanContext, reason: string): void {
  context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths: [], reason });
}

/** Leaves an extra key, which comes from a rotation or a generated key. Okta cannot delete it, and it does no harm unless the app signs with it. */
function leaveExtraKey(pair: ResourcePair, context: PlanContext, liveAppId: string, kid: string): void {
  const activeKid = stringAt(context.live.get('app', liveAppId)?.body, SIGNING_KID_POINTER);
  const inUse = activeKid === kid ? ' The app signs with this key now; whether it switches back is decided with the app itself.' : '';
  leaveKey(
    pair,
    context,
    `Key ${kid} is not in the snapshot, but Okta has no API to delete a signing key. Extra keys come from rotations and generated keys, and they do nothing while the app does not sign with them.${inUse}`,
  );
}

/**
 * Plans a key the snapshot has and the target org lacks. It cannot come back, because Okta
 * never exposes the private half. The key the app signed with needs a new one, made active, whose certificate
 * Atlassian must receive. Any other missing key was not in use, so nothing depends on it.
 */
function planMissingKey(pair: ResourcePair, context: PlanContext, appId: string, liveAppId: string, kid: string): void {
  const activeKid = stringAt(context.desired.get('app', appId)?.body, SIGNING_KID_POINTER);
  if (activeKid !== kid) {
    leaveKey(
      pair,
      context,
      `Key ${kid} is not in the target org, and Okta cannot import a key. In the snapshot the app did not sign with it${activeKid === undefined ? '' : ` (it signed with ${activeKid})`}, so nothing depends on it.`,
    );
    return;
  }

  const label = quotedLabel(appLabel(context, appId));
  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Make a new SAML signing key active for app ${label} and upload its certificate to Atlassian`,
    where: `Okta Admin Console → Applications → ${appLabel(context, appId)} → Sign On → SAML Signing Certificates, then ${ATLASSIAN_IDP_PAGE}`,
    instructions: [
      `Key ${kid}, which the app signed with in the snapshot, is gone: Okta cannot import a key, because its private half never leaves Okta.`,
      `Generate a new key (Generate new certificate, or POST /api/v1/apps/${liveAppId}/credentials/keys/generate?validityYears=${SUGGESTED_VALIDITY_YEARS}).`,
      'Make the new key the active one (Actions → Activate, or set credentials.signing.kid of the app to its kid).',
      `Upload the new IdP certificate and enter the SSO URL of the app in ${ATLASSIAN_IDP_PAGE}. Until then Atlassian rejects every SAML response the app signs with the new key.`,
    ],
    blocksVerification: true,
  });
}
