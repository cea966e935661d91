import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonValue } from '../../json/json-types.js';
import type { PlanContext } from '../kind-planner.js';
import { quotedLabel } from './app-planner-support.js';

/** Pointer of the kid of the key an app signs SAML responses with. */
export const SIGNING_KID_POINTER = '/credentials/signing/kid';

/** Page of the Atlassian admin console for the IdP certificate and SSO URL of the Okta app. */
export const ATLASSIAN_IDP_PAGE = 'admin.atlassian.com → Security → Identity providers';

/**
 * The outcome for the app's active signing key in a restore:
 * - `unchanged`: both sides name the same key, or the snapshot names none;
 * - `restore`: the user selected the signing key restore and the target org still has the key;
 * - `keep`: the keys differ and the live one stays, for `reason`.
 */
export interface SigningKeyChoice {
  outcome: 'unchanged' | 'restore' | 'keep';
  desiredKid: string | undefined;
  liveKid: string | undefined;
  reason?: string;
}

/**
 * Decides the active signing key of an app restored in place. The key changes only when the user
 * selected `restoreSigningKey` and the desired key is among the app's keys in the target org.
 * Atlassian trusts the certificate of the key in use, so a switch breaks every sign-in until
 * the other certificate is uploaded there.
 */
export function chooseSigningKey(context: PlanContext, label: string, desiredApp: JsonValue, liveApp: JsonValue, liveAppId: string): SigningKeyChoice {
  const desiredKid = stringAt(desiredApp, SIGNING_KID_POINTER);
  const liveKid = stringAt(liveApp, SIGNING_KID_POINTER);
  if (desiredKid === undefined || desiredKid === liveKid) return { outcome: 'unchanged', desiredKid, liveKid };

  const keyInTarget = context.live.get('app-signing-key', `${liveAppId}/${desiredKid}`) !== undefined;
  if (context.options.restoreSigningKey && keyInTarget) return { outcome: 'restore', desiredKid, liveKid };

  const current = liveKid === undefined ? 'no key' : `key ${liveKid}`;
  const consequence = switchConsequence(liveKid, desiredKid);
  const reason = keyInTarget
    ? `App ${quotedLabel(label)} signed SAML responses with key ${desiredKid} in the snapshot and signs with ${current} now. The plan keeps ${current}: ${consequence} To switch back, restore with --signing-key and upload the certificate of key ${desiredKid} to Atlassian right after.`
    : `App ${quotedLabel(label)} signed SAML responses with key ${desiredKid} in the snapshot, which the target org no longer has, so the app keeps ${current}. Okta cannot import a key, because its private half never leaves Okta. Making a new key active is a manual step (see the app's signing keys): ${consequence}`;
  return { outcome: 'keep', desiredKid, liveKid, reason };
}

/** Says what switching the active key does to sign-in to Atlassian. */
export function switchConsequence(fromKid: string | undefined, toKid: string): string {
  const from = fromKid === undefined ? 'the key in use' : `key ${fromKid}`;
  return `Atlassian trusts the certificate of ${from}, and switching to key ${toKid} changes the certificate every SAML response is signed with, so sign-in to Atlassian fails until the new certificate is uploaded in ${ATLASSIAN_IDP_PAGE}.`;
}
