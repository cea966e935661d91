import type { Route } from './http/route.js';
import { appRoutes } from './handlers/apps.js';
import { appKeyRoutes } from './handlers/app-keys.js';
import { appUserRoutes } from './handlers/app-users.js';
import { appGroupRoutes } from './handlers/app-groups.js';
import { provisioningRoutes } from './handlers/provisioning.js';
import { profileMappingRoutes } from './handlers/profile-mappings.js';
import { groupPushRoutes } from './handlers/group-push.js';
import { groupRoutes } from './handlers/groups.js';
import { groupRuleRoutes } from './handlers/group-rules.js';
import { userRoutes } from './handlers/users.js';
import { schemaRoutes } from './handlers/schemas.js';
import { policyRoutes } from './handlers/policies.js';
import { policyRuleRoutes } from './handlers/policy-rules.js';
import { networkZoneRoutes } from './handlers/network-zones.js';
import { deviceAssuranceRoutes } from './handlers/device-assurances.js';

/** Every endpoint the sandbox org implements. */
export function sandboxRoutes(): Route[] {
  return [
    ...appRoutes,
    ...appKeyRoutes,
    ...appUserRoutes,
    ...appGroupRoutes,
    ...provisioningRoutes,
    ...profileMappingRoutes,
    ...groupPushRoutes,
    ...groupRoutes,
    ...groupRuleRoutes,
    ...userRoutes,
    ...schemaRoutes,
    ...policyRoutes,
    ...policyRuleRoutes,
    ...networkZoneRoutes,
    ...deviceAssuranceRoutes,
  ];
}
