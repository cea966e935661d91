import type { JsonObject } from '../../../src-shared/json/json-types.js';

/**
 * The starting content of a sandbox org, as stored in `resources/sandbox/<seed>/org.json`.
 *
 * Every body is the JSON the Okta Management API returns for that object, minus `_links`:
 * the server adds `_links` with absolute URLs at response time because the port changes from
 * one start to the next. Maps are keyed by the id of the owning object (app id, group id,
 * policy id).
 */
export interface SandboxSeed {
  /** Seed name, the folder name under resources/sandbox. */
  name: string;
  description: string;
  /** User types (`/api/v1/meta/types/user`); profile mappings use their ids as the source. */
  userTypes: JsonObject[];
  users: JsonObject[];
  groups: JsonObject[];
  /** Group id to the ids of its member users. */
  groupMembers: Record<string, string[]>;
  groupRules: JsonObject[];
  apps: JsonObject[];
  /** App id to its signing key credentials (JWKs with `x5c`), the active one first. */
  appKeys: Record<string, JsonObject[]>;
  /** App id to its app user schema (`/api/v1/meta/schemas/apps/{appId}/default`). */
  appUserSchemas: Record<string, JsonObject>;
  /** Profile mappings with their `properties`, in both directions. */
  profileMappings: JsonObject[];
  /** App id to its group assignments (`ApplicationGroupAssignment`). */
  appGroupAssignments: Record<string, JsonObject[]>;
  /** App id to its direct user assignments (`AppUser` with `scope: "USER"`). */
  appUserAssignments: Record<string, JsonObject[]>;
  /** App id to its provisioning connection and features; an app missing here has provisioning off. */
  provisioning: Record<string, SeedProvisioning>;
  /** App id to its group push mappings. */
  groupPushMappings: Record<string, JsonObject[]>;
  /** Policies of every type (OKTA_SIGN_ON, ACCESS_POLICY, ...). */
  policies: JsonObject[];
  /** Policy id to its rules, in priority order. */
  policyRules: Record<string, JsonObject[]>;
  /** App id to the id of its app sign-in (ACCESS_POLICY) policy. */
  appAccessPolicies: Record<string, string>;
  networkZones: JsonObject[];
  deviceAssurances: JsonObject[];
}

/** A provisioning connection (`/connections/default`) and the app's provisioning features. */
export interface SeedProvisioning {
  connection: JsonObject;
  features: JsonObject[];
}
