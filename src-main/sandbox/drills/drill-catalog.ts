import { acsUrlChanged } from './acs-url-changed.js';
import { assignedGroupDeleted } from './assigned-group-deleted.js';
import { deviceTrustTightening } from './device-trust-tightening.js';
import { DrillError, type Drill } from './drill-types.js';
import { groupAssignmentRemoved } from './group-assignment-removed.js';
import { groupPushDeactivated } from './group-push-deactivated.js';
import { groupRuleCleanup } from './group-rule-cleanup.js';
import { groupRuleExpressionEdited } from './group-rule-expression-edited.js';
import { scimMappingTierChange } from './scim-mapping-tier-change.js';
import { signingKeyRotated } from './signing-key-rotated.js';

/** Every drill, in the order listings show them. */
export const DRILLS: readonly Drill[] = [
  deviceTrustTightening,
  scimMappingTierChange,
  groupRuleCleanup,
  assignedGroupDeleted,
  groupAssignmentRemoved,
  signingKeyRotated,
  acsUrlChanged,
  groupRuleExpressionEdited,
  groupPushDeactivated,
];

/** The name given matches no drill. */
export class UnknownDrillError extends DrillError {
  constructor(name: string) {
    super(`Unknown drill '${name}'. Drills: ${DRILLS.map((drill) => drill.name).join(', ')}.`);
    this.name = 'UnknownDrillError';
  }
}

/** Returns the drill with this name, or throws an `UnknownDrillError` listing every name. */
export function drillByName(name: string): Drill {
  const drill = DRILLS.find((candidate) => candidate.name === name);
  if (drill === undefined) throw new UnknownDrillError(name);
  return drill;
}
