import { isUnder, stringAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { copyPointers, withValueAt } from '../request-body.js';
import { changedPointers, describePointers, expectedFields, fieldInScope, labelOf, quotedLabel } from './app-planner-support.js';
import { chooseSigningKey, SIGNING_KID_POINTER, type SigningKeyChoice } from './app-signing-key-choice.js';
import { isSecretPointer, isUnderPattern, readOnlyAppPointers, writableAppBody } from './app-writable-body.js';

/** Fields of an app that steps other than the replace restore: the lifecycle calls and the policy link. */
const FIELDS_OF_OTHER_STEPS = ['/status', '/_links'];

/** The replace of an app in place, before it becomes a step. */
export interface AppReplacement {
  /** The body to send: the desired app, or for a field scope the live one with the scoped fields copied in. */
  body: JsonObject;
  /** Pointers where `body` differs from the app in the target org; empty when no replace is needed. */
  changed: string[];
  signingKey: SigningKeyChoice;
}

/**
 * Builds the body of `PUT /api/v1/apps/{appId}`, a full replace: the desired app (ids mapped to
 * the target org) without read-only fields and secrets, keeping the live sign-on mode and, for
 * apps other than SAML 2.0, the live `name`, which cannot change. The active signing key is the
 * one `chooseSigningKey` returns, and the live one whenever the key is out of a field scope.
 */
export function buildAppReplacement(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext, liveAppId: string): AppReplacement {
  const liveBody = writableAppBody(live.body);
  const desiredBody = context.toTarget(writableAppBody(desired.body)) as JsonObject;
  let body: JsonObject = pair.pointers === undefined ? desiredBody : (copyPointers(liveBody, desiredBody, writableScopePointers(pair.pointers, live)) as JsonObject);

  body = withLiveValue(body, live, '/signOnMode');
  if (!isUnderPattern('/name', readOnlyPointersOf(live))) body = withLiveValue(body, live, '/name');

  const signingKey = fieldInScope(pair, SIGNING_KID_POINTER)
    ? chooseSigningKey(context, labelOf(pair), desired.body, live.body, liveAppId)
    : { outcome: 'unchanged' as const, desiredKid: undefined, liveKid: stringAt(live.body, SIGNING_KID_POINTER) };
  const kid = signingKey.outcome === 'restore' ? signingKey.desiredKid : stringAt(live.body, SIGNING_KID_POINTER);
  body = withValueAt(body, SIGNING_KID_POINTER, kid) as JsonObject;

  return { body, changed: changedPointers('app', liveBody, body), signingKey };
}

/** Keeps only the scope pointers a replace can write: not read-only, not a secret, not restored by another step. */
function writableScopePointers(pointers: readonly string[], live: SnapshotResource): string[] {
  const readOnly = readOnlyPointersOf(live);
  return pointers.filter(
    (pointer) => pointer !== '' && !isUnderPattern(pointer, [...readOnly, ...FIELDS_OF_OTHER_STEPS]) && !isSecretPointer(pointer) && !isUnder(pointer, '/signOnMode'),
  );
}

function readOnlyPointersOf(live: SnapshotResource): string[] {
  return readOnlyAppPointers(isJsonObject(live.body) ? live.body['signOnMode'] : undefined);
}

function withLiveValue(body: JsonObject, live: SnapshotResource, pointer: string): JsonObject {
  return withValueAt(body, pointer, stringAt(live.body, pointer)) as JsonObject;
}

/** Adds the replace step when the body differs from the live app; returns its key. */
export function addReplaceStep(pair: ResourcePair, replacement: AppReplacement, context: PlanContext, liveAppId: string, dependsOn: string[]): string | undefined {
  if (replacement.changed.length === 0) return undefined;
  const path = `/api/v1/apps/${liveAppId}`;
  const switchesKey = replacement.signingKey.outcome === 'restore' && replacement.changed.includes(SIGNING_KID_POINTER);
  const keyNote = switchesKey ? `, switching its SAML signing key back to ${replacement.signingKey.desiredKid ?? ''}` : '';

  return context.addStep({
    kind: 'app',
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'update',
    description: `Replace the settings of app ${quotedLabel(labelOf(pair))} with those of the snapshot${keyNote} (${describePointers(replacement.changed)}).`,
    request: { method: 'PUT', path, body: replacement.body },
    check: { path, fields: expectedFields(replacement.body, replacement.changed) },
    dependsOn,
    flags: switchesKey ? ['signing-key'] : [],
  });
}

/**
 * Leaves in place the differences a replace cannot restore: read-only fields (Okta sets them),
 * secrets (never captured in the clear) and the sign-on mode (fixed when the app is created).
 */
export function leaveUnwritableDifferences(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  const readOnly = readOnlyPointersOf(live);
  const differences = changedPointers('app', live.body, desired.body).filter(
    (pointer) => fieldInScope(pair, pointer) && pointer !== '/id' && !isUnderPattern(pointer, FIELDS_OF_OTHER_STEPS),
  );
  const leave = (paths: string[], reason: string): void => {
    if (paths.length > 0) context.leaveInPlace({ kind: 'app', resourceId: pair.id, name: labelOf(pair), paths, reason });
  };

  leave(
    differences.filter((pointer) => isUnderPattern(pointer, readOnly)),
    'Okta sets these fields of an app itself, so no request can change them.',
  );
  leave(
    differences.filter(isSecretPointer),
    'Secrets of an app are never sent back: Okta does not return them in the clear, so the snapshot cannot contain them. Enter the secret again in the Okta Admin Console if it must change.',
  );
  leave(
    differences.filter((pointer) => isUnder(pointer, '/signOnMode')),
    'The sign-on mode of an existing app cannot change. An app with another sign-on mode is a new app, with a new id and new SAML keys.',
  );
}
