import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { pairName } from './directory-steps.js';

/**
 * Plans the removal of a policy or rule that only the target org has, when the user allowed
 * deletes and the kind's section was captured complete on both sides. Otherwise it reports the
 * object as left in place with the way to opt in. `label` names the object in a sentence.
 */
export function planPolicyObjectDelete(pair: ResourcePair, live: SnapshotResource, label: string, context: PlanContext, planDelete: () => void): void {
  if (!context.options.allowDeletes) {
    context.leaveInPlace({
      kind: pair.kind,
      resourceId: pair.id,
      name: pairName(pair),
      paths: [],
      reason: `The snapshot has no ${label}, and deletes are off. Run the restore with --allow-deletes to delete it.`,
    });
    return;
  }
  if (!context.sectionComplete(pair.kind)) {
    context.leaveInPlace({
      kind: pair.kind,
      resourceId: pair.id,
      name: live.name,
      paths: [],
      reason: `The ${pair.kind} section was not captured complete on both sides, so Butterfly cannot tell that ${label} is extra. Capture both sides again before deleting it.`,
    });
    return;
  }
  planDelete();
}
