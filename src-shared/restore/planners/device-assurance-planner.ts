import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonValue } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { omitKeys } from '../request-body.js';
import {
  addDeleteStep,
  checkFieldsOf,
  describeResource,
  leafFieldsOf,
  leaveReadOnlyDifferences,
  liveNameHolder,
  pairName,
  planExtraObject,
  sameAfterNoise,
  scopedBody,
} from './directory-steps.js';

const DEVICE_ASSURANCES = '/api/v1/device-assurances';
const WHERE = 'Okta Admin Console → Security → Device integrations → Device assurance policies';

/** Fields Okta sets itself, which a request body never carries. */
const DEVICE_ASSURANCE_READ_ONLY = ['id', 'createdBy', 'createdDate', 'lastUpdate', 'lastUpdatedBy', '_links'];

/** Read-only fields whose difference is not reported: the id differs in another org, and the rest move on every write. */
const DEVICE_ASSURANCE_IGNORED = ['id', 'lastUpdate', 'lastUpdatedBy', '_links'];

/**
 * Plans device assurance policies: a PUT of the writable fields, a POST for a deleted policy,
 * and, with deletes allowed, a DELETE for an extra one. A policy's platform cannot change.
 */
export const deviceAssurancePlanner: KindPlanner = {
  kind: 'device-assurance',
  plan(pair, context) {
    if (pair.desired && pair.live) planUpdate(pair, pair.desired, pair.live, context);
    else if (pair.desired) planCreate(pair, pair.desired, context);
    else planExtraObject(pair, context, (live) => planDelete(pair, live, context));
  },
};

function planUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  const desiredFields = omitKeys(scopedBody(pair, desired.body, live.body), DEVICE_ASSURANCE_READ_ONLY);
  const current = omitKeys(live.body, DEVICE_ASSURANCE_READ_ONLY);
  leaveReadOnlyDifferences(pair, context, DEVICE_ASSURANCE_READ_ONLY, DEVICE_ASSURANCE_IGNORED);

  if (stringAt(desiredFields, '/platform') !== stringAt(current, '/platform')) {
    addPlatformChangeManual(pair, desiredFields, current, context);
    return;
  }
  if (sameAfterNoise('device-assurance', desiredFields, current)) return;

  const path = `${DEVICE_ASSURANCES}/${context.targetId('device-assurance', pair.id)}`;
  context.addStep({
    kind: 'device-assurance',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'update',
    description: `Replace the requirements of ${describeResource('device-assurance', pairName(pair))} with those in the snapshot.`,
    request: { method: 'PUT', path, body: desiredFields },
    check: { path, fields: checkFieldsOf(desiredFields, pair) },
  });
}

function planCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const body = omitKeys(desired.body, DEVICE_ASSURANCE_READ_ONLY);
  const policyName = stringAt(desired.body, '/name') ?? desired.name;
  const path = `${DEVICE_ASSURANCES}/${context.targetId('device-assurance', pair.id)}`;
  const namesake = liveNameHolder(context, 'device-assurance', policyName, (body) => stringAt(body, '/name'), undefined);
  if (namesake) {
    context.warn({
      code: 'ambiguous-create-lookup',
      message: `The target org already has a device assurance policy named '${policyName}' (id ${namesake.id}). Okta allows two policies with one name, but if the restore stops while creating this one, resuming it may take that policy for the new one. Check the policies by hand after such a stop.`,
      kind: 'device-assurance',
      resourceId: pair.id,
    });
  }
  context.addStep({
    kind: 'device-assurance',
    resourceId: pair.id,
    name: desired.name,
    action: 'create',
    description: `Create ${describeResource('device-assurance', desired.name)} again: it was deleted, so it comes back with a new id and the policy rules that name it use the new one.`,
    request: { method: 'POST', path: DEVICE_ASSURANCES, body },
    creates: { kind: 'device-assurance', desiredId: pair.id, idPointer: '/id', lookup: { path: DEVICE_ASSURANCES, pointer: '/name', value: policyName } },
    check: { path, fields: leafFieldsOf(body) },
    flags: ['recreates'],
  });
}

/** Plans the DELETE. The orchestrator puts `deletes` steps last, after the policy rules stop naming the policy, because Okta returns 409 while one does. */
function planDelete(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  addDeleteStep(context, {
    pair,
    live,
    objectPath: `${DEVICE_ASSURANCES}/${live.id}`,
    description: `Delete ${describeResource('device-assurance', live.name)}, which the snapshot does not have. Okta rejects this while a policy rule still uses the policy.`,
  });
}

function addPlatformChangeManual(pair: ResourcePair, desiredFields: JsonValue, current: JsonValue, context: PlanContext): void {
  const label = describeResource('device-assurance', pairName(pair));
  const desiredPlatform = String(stringAt(desiredFields, '/platform'));
  context.addManual({
    kind: 'device-assurance',
    resourceId: pair.id,
    name: pairName(pair),
    title: `Recreate ${label} for ${desiredPlatform}`,
    where: WHERE,
    instructions: [
      `The snapshot has ${label} for ${desiredPlatform}, and the target org has it for ${String(stringAt(current, '/platform'))}. Okta cannot change the platform of a device assurance policy.`,
      `Create a ${desiredPlatform} policy with the snapshot's requirements, point the policy rules that use the old policy at the new one, then delete the old policy.`,
    ],
    blocksVerification: true,
  });
}
