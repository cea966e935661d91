import type { ResourceKind } from '../../snapshot/snapshot-model.js';
import type { KindPlanner } from '../kind-planner.js';
import { appFeaturePlanner } from './app-feature-planner.js';
import { appGroupAssignmentPlanner } from './app-group-assignment-planner.js';
import { appPlanner } from './app-planner.js';
import { appProvisioningPlanner } from './app-provisioning-planner.js';
import { appSamlMetadataPlanner } from './app-saml-metadata-planner.js';
import { appSigningKeyPlanner } from './app-signing-key-planner.js';
import { appUserAssignmentPlanner } from './app-user-assignment-planner.js';
import { appUserSchemaPlanner } from './app-user-schema-planner.js';
import { deviceAssurancePlanner } from './device-assurance-planner.js';
import { groupMembersPlanner } from './group-members-planner.js';
import { groupPlanner } from './group-planner.js';
import { groupPushMappingPlanner } from './group-push-mapping-planner.js';
import { groupRulePlanner } from './group-rule-planner.js';
import { networkZonePlanner } from './network-zone-planner.js';
import { policyPlanner } from './policy-planner.js';
import { policyRulePlanner } from './policy-rule-planner.js';
import { profileMappingPlanner } from './profile-mapping-planner.js';
import { userTypePlanner } from './user-type-planner.js';

/** The planner of each kind Butterfly restores; a kind without one is reported and left as it is. */
export const KIND_PLANNERS: Partial<Record<ResourceKind, KindPlanner>> = {
  'app-feature': appFeaturePlanner,
  'app-group-assignment': appGroupAssignmentPlanner,
  'app': appPlanner,
  'app-provisioning': appProvisioningPlanner,
  'app-saml-metadata': appSamlMetadataPlanner,
  'app-signing-key': appSigningKeyPlanner,
  'app-user-assignment': appUserAssignmentPlanner,
  'app-user-schema': appUserSchemaPlanner,
  'device-assurance': deviceAssurancePlanner,
  'group-members': groupMembersPlanner,
  'group': groupPlanner,
  'group-push-mapping': groupPushMappingPlanner,
  'group-rule': groupRulePlanner,
  'network-zone': networkZonePlanner,
  'policy': policyPlanner,
  'policy-rule': policyRulePlanner,
  'profile-mapping': profileMappingPlanner,
  'user-type': userTypePlanner,
};
