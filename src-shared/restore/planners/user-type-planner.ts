import type { KindPlanner } from '../kind-planner.js';
import { pairName } from './directory-steps.js';

/**
 * Plans user types, which Butterfly captures only because profile mappings and sign-on rules
 * name them, and never writes: changing a user type changes the schema of every user of that
 * type. A difference becomes a warning and is left in place.
 */
export const userTypePlanner: KindPlanner = {
  kind: 'user-type',
  plan(pair, context) {
    const name = pairName(pair);
    let difference = 'differs from the snapshot';
    if (!pair.live) difference = 'is missing from the target org';
    else if (!pair.desired) difference = 'exists only in the target org';

    context.warn({
      code: 'user-type-not-restored',
      message: `User type '${name}' ${difference}. Butterfly does not write user types. Change it by hand in Okta Admin Console → Directory → Profile Editor if the restore needs it.`,
      kind: 'user-type',
      resourceId: pair.id,
    });
    context.leaveInPlace({
      kind: 'user-type',
      resourceId: pair.id,
      name,
      paths: pair.pointers ?? [],
      reason: 'Butterfly treats user types as read-only, because a change to one changes the profile schema of every user of that type.',
    });
  },
};
