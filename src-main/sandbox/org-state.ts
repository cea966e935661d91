import type { JsonObject } from '../../src-shared/json/json-types.js';
import { deriveOktaId, type OktaIdKind } from '../../src-shared/okta/ids.js';
import type { SandboxSeed, SeedProvisioning } from './seed/seed-types.js';

/**
 * The mutable content of a running sandbox org, built from a seed. Maps keep insertion order;
 * list endpoints sort what they return (see http/list-order.ts). Objects created while the org
 * runs get ids derived from the seed name and a counter, so a scripted run gives the same ids
 * every time.
 */
export class OrgState {
  readonly seedName: string;
  readonly userTypes: Map<string, JsonObject>;
  readonly users: Map<string, JsonObject>;
  readonly groups: Map<string, JsonObject>;
  /** Group id to member user ids. */
  readonly groupMembers: Map<string, Set<string>>;
  readonly groupRules: Map<string, JsonObject>;
  readonly apps: Map<string, JsonObject>;
  /** App id to its signing keys. */
  readonly appKeys: Map<string, JsonObject[]>;
  readonly appUserSchemas: Map<string, JsonObject>;
  readonly profileMappings: Map<string, JsonObject>;
  /** App id to group id to the group assignment. */
  readonly appGroupAssignments: Map<string, Map<string, JsonObject>>;
  /** App id to user id to the direct (`scope: USER`) assignment. */
  readonly appUserAssignments: Map<string, Map<string, JsonObject>>;
  readonly provisioning: Map<string, SeedProvisioning>;
  /** App id to mapping id to the group push mapping. */
  readonly groupPushMappings: Map<string, Map<string, JsonObject>>;
  readonly policies: Map<string, JsonObject>;
  /** Policy id to its rules, kept sorted by priority. */
  readonly policyRules: Map<string, JsonObject[]>;
  /** App id to its app sign-in policy id. */
  readonly appAccessPolicies: Map<string, string>;
  readonly networkZones: Map<string, JsonObject>;
  readonly deviceAssurances: Map<string, JsonObject>;

  private createdCount = 0;

  constructor(
    seed: SandboxSeed,
    private readonly clock: () => number = Date.now,
  ) {
    const copy = structuredClone(seed);
    this.seedName = copy.name;
    this.userTypes = byId(copy.userTypes);
    this.users = byId(copy.users);
    this.groups = byId(copy.groups);
    this.groupMembers = new Map(Object.entries(copy.groupMembers).map(([id, members]) => [id, new Set(members)]));
    this.groupRules = byId(copy.groupRules);
    this.apps = byId(copy.apps);
    this.appKeys = new Map(Object.entries(copy.appKeys));
    this.appUserSchemas = new Map(Object.entries(copy.appUserSchemas));
    this.profileMappings = byId(copy.profileMappings);
    this.appGroupAssignments = nestedById(copy.appGroupAssignments);
    this.appUserAssignments = nestedById(copy.appUserAssignments);
    this.provisioning = new Map(Object.entries(copy.provisioning));
    this.groupPushMappings = nestedById(copy.groupPushMappings);
    this.policies = byId(copy.policies);
    this.policyRules = new Map(Object.entries(copy.policyRules));
    this.appAccessPolicies = new Map(Object.entries(copy.appAccessPolicies));
    this.networkZones = byId(copy.networkZones);
    this.deviceAssurances = byId(copy.deviceAssurances);
  }

  /** Milliseconds since the epoch, from the server's clock. */
  nowMs(): number {
    return this.clock();
  }

  /** Returns the current time as Okta writes timestamps: ISO 8601 in UTC with milliseconds. */
  nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  /** Returns a fresh id for an object created while the org runs. */
  newId(kind: OktaIdKind): string {
    this.createdCount++;
    return deriveOktaId(kind, `${this.seedName}:created:${this.createdCount}`);
  }
}

function byId(items: JsonObject[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const item of items) {
    const id = item['id'];
    if (typeof id !== 'string') throw new Error(`Sandbox seed object has no string id: ${JSON.stringify(item).slice(0, 200)}`);
    map.set(id, item);
  }
  return map;
}

function nestedById(groups: Record<string, JsonObject[]>): Map<string, Map<string, JsonObject>> {
  return new Map(Object.entries(groups).map(([ownerId, items]) => [ownerId, byId(items)]));
}
