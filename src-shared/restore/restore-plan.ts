import type { AccessImpact } from '../diff/diff-types.js';
import type { JsonValue } from '../json/json-types.js';
import type { ResourceKind } from '../snapshot/snapshot-model.js';
import type { ScopeEntry } from './restore-scope.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP request to the target org. `path` is below the org URL and carries its query.
 * Where the id of an object that an earlier step creates is needed, the path and the strings of
 * the body contain a placeholder (see placeholders.ts) that the executor replaces before sending.
 */
export interface PlannedRequest {
  method: HttpMethod;
  path: string;
  body?: JsonValue;
}

export type StepAction = 'create' | 'update' | 'delete' | 'activate' | 'deactivate' | 'assign' | 'unassign' | 'add-member' | 'remove-member' | 'link';

/**
 * Marks a step that the preview must call out:
 * - `replaces-rule`: a group rule whose target groups changed is created anew, then the old one deleted;
 * - `recreates`: the object was deleted and comes back with a new id;
 * - `deletes`: something is deleted or unassigned, which the user opted in to;
 * - `signing-key`: the app's active SAML signing key changes, which the user selected explicitly.
 */
export type StepFlag = 'replaces-rule' | 'recreates' | 'deletes' | 'signing-key';

/** How to find an object that a create step may have made when a crash left its outcome unknown. */
export interface CreateLookup {
  /** GET path listing candidates (no paging beyond the first page is needed: the filter is narrow). */
  path: string;
  /** JSON pointer inside one listed item and the value it must equal for the item to be the one created. */
  pointer: string;
  value: string;
}

/** Object a create step makes: its id in the desired snapshot, and where Okta's response puts the new one. */
export interface CreatedObject {
  kind: ResourceKind;
  /** The id the object has in the desired snapshot; placeholders name it. */
  desiredId: string;
  /** JSON pointer of the new id in the response body, usually `/id`. */
  idPointer: string;
  lookup: CreateLookup;
}

/** A field a read-back must find: `value` undefined means the field must be absent. */
export interface ExpectedField {
  pointer: string;
  value: JsonValue | undefined;
}

/**
 * The read-back that proves a step took effect: GET `path` and compare the fields, or, with
 * `absent`, expect a 404. A step whose request got a 2xx response but whose read-back disagrees has failed.
 */
export interface StepCheck {
  path: string;
  fields: ExpectedField[];
  absent?: boolean;
}

/** One operation of a plan. Steps run in `index` order; every step in `dependsOn` runs before. */
export interface PlanStep {
  /** 1-based position in the plan. */
  index: number;
  /** Unique within the plan, stable for the same inputs, such as `group-rule:0pr…:update`. */
  key: string;
  kind: ResourceKind;
  /** The resource's id in the desired snapshot (in the live org for a delete of an extra object). */
  resourceId: string;
  name: string;
  action: StepAction;
  /** Description of the step in plain words, naming the resource by its label. */
  description: string;
  request: PlannedRequest;
  dependsOn: string[];
  creates?: CreatedObject;
  check?: StepCheck;
  /** Sentences of the findings (live against desired) this step reverses. */
  reverses: string[];
  flags: StepFlag[];
}

/** Something the API cannot do, with where and how a person does it. */
export interface ManualStep {
  kind: ResourceKind;
  resourceId: string;
  name: string;
  /** Short imperative title, such as "Upload the new IdP certificate to Atlassian". */
  title: string;
  /** The console and page where it is done, such as "admin.atlassian.com → Security → Identity providers". */
  where: string;
  instructions: string[];
  /** True when the org does not match the snapshot until the step is done. */
  blocksVerification: boolean;
}

export interface PlanWarning {
  code: string;
  message: string;
  kind?: ResourceKind;
  resourceId?: string;
}

/** A difference the plan deliberately leaves, with the reason; verification does not count it. */
export interface LeftInPlace {
  kind: ResourceKind;
  resourceId: string;
  name: string;
  /** JSON pointers of the fields left as they are; empty for the whole resource. */
  paths: string[];
  reason: string;
}

/**
 * A resource verification compares: one the plan brings back to its desired state (by its id
 * in the desired snapshot), or, with `expectAbsent`, an object of the target org (by its id
 * there) that the plan deletes.
 */
export interface CoveredResource {
  kind: ResourceKind;
  id: string;
  /** For a field scope, the only JSON pointers that verification compares. */
  paths?: string[];
  expectAbsent?: boolean;
}

export interface PlanOptions {
  /** Delete objects in scope that the desired state lacks (only in sections captured complete). */
  allowDeletes: boolean;
  /** Put back the app's active SAML signing key; never done unless selected. */
  restoreSigningKey: boolean;
  /** Execution is blocked when more users than this would lose a product... */
  thresholdUsers: number;
  /** ...or more than this percentage of the users assigned to the app. */
  thresholdPercent: number;
  /** The user accepted an access loss above the threshold. */
  overrideThreshold: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  allowDeletes: false,
  restoreSigningKey: false,
  thresholdUsers: 20,
  thresholdPercent: 10,
  overrideThreshold: false,
};

/** The largest loss of one product the plan would cause, against the threshold. */
export interface ThresholdCheck {
  /** Users who would lose the product that loses the most. */
  lostUsers: number;
  product: string | undefined;
  /** Users assigned to the app in the live org, the base of the percentage. */
  assignedUsers: number;
  exceeded: boolean;
  overridden: boolean;
  message: string;
}

/** One side of the plan: the snapshot restored from, or the live org restored into. */
export interface PlanSide {
  /** Snapshot id, or `live` for a capture that is not stored. */
  label: string;
  orgUrl: string;
  takenAt: string;
}

/**
 * A restore plan: computed in src-shared from the desired snapshot, a fresh capture of the
 * target org and the scope, so the preview and the executor see the same steps.
 */
export interface RestorePlan {
  version: 1;
  desired: PlanSide;
  live: PlanSide;
  scope: ScopeEntry[];
  options: PlanOptions;
  /** Ids in the desired snapshot matched to different ids in the target org, keyed `kind:id`. */
  idMatches: Record<string, string>;
  covered: CoveredResource[];
  steps: PlanStep[];
  manualSteps: ManualStep[];
  warnings: PlanWarning[];
  leftInPlace: LeftInPlace[];
  /** Access gained and lost when the plan runs: from the live org to the restored one. */
  impact: AccessImpact;
  threshold: ThresholdCheck;
  /** Reasons the plan must not run; empty when it may. */
  blockers: string[];
}
