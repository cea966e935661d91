import type { JsonValue } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';

/** One side of a comparison: a stored snapshot, or the live org captured for the comparison. */
export interface DiffSide {
  /** Snapshot id, or `live` for a capture made for this diff. */
  label: string;
  takenAt: string;
  complete: boolean;
  resources: SnapshotResource[];
}

export type ChangeType = 'added' | 'removed' | 'changed';

/**
 * One resource that differs between the two sides, keyed by kind and id. Kinds this build does
 * not know are compared as plain JSON like the others.
 */
export interface ResourceChange {
  kind: string;
  id: string;
  /** The resource's label on the after side, or on the before side when it was removed. */
  name: string;
  change: ChangeType;
  before?: SnapshotResource;
  after?: SnapshotResource;
  /**
   * jsondiffpatch delta between the two bodies after the noise rules were applied; arrays of
   * objects are matched by id, never by position. Only for `changed`.
   */
  delta?: JsonValue;
  /** JSON pointers (RFC 6901) of the fields that differ after the noise rules, sorted. Only for `changed`. */
  changedPaths: string[];
  /** Canonical JSON of each side's raw body, two-space indented, for a side-by-side view; empty for a missing side. */
  beforeText: string;
  afterText: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** A change in plain words, as an admin would report it, with how much it can hurt. */
export interface Finding {
  /** Stable rule code, such as `group-rule-deleted` or `app-acs-url-changed`. */
  code: string;
  severity: Severity;
  /** The resource kind the finding is about. */
  kind: string;
  /** Ids of the resources the finding is about (resource ids as in the snapshot). */
  resourceIds: string[];
  /** One sentence naming the resource by its label and the field in Okta's terms. */
  sentence: string;
}

/** The Atlassian products Butterfly tracks access to. */
export const ATLASSIAN_PRODUCTS = ['jira-software', 'confluence', 'bitbucket', 'jsm-agent'] as const;
export type AtlassianProduct = (typeof ATLASSIAN_PRODUCTS)[number];

/** A user named in an impact: Okta id and login. */
export interface UserRef {
  id: string;
  login: string;
}

/** The users who gain and the users who lose one product between the two sides. */
export interface ProductImpact {
  product: AtlassianProduct;
  gained: UserRef[];
  lost: UserRef[];
}

/** The users newly denied at sign-on, and those newly asked for more (a device, a network, a stronger factor). */
export interface SignOnImpact {
  newlyDenied: UserRef[];
  newlyChallenged: UserRef[];
}

export interface AccessImpact {
  products: ProductImpact[];
  signOn: SignOnImpact;
}

/** The full result of a comparison: what changed, and who lost what. */
export interface DiffResult {
  before: { label: string; takenAt: string; complete: boolean };
  after: { label: string; takenAt: string; complete: boolean };
  changes: ResourceChange[];
  findings: Finding[];
  impact: AccessImpact;
  /** Plain sentences, most severe first: the impact with counts and the first few logins. */
  headline: string[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
}
