import type { JsonValue } from '../json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../snapshot/snapshot-model.js';
import type { LeftInPlace, ManualStep, PlanOptions, PlanStep, PlanWarning } from './restore-plan.js';

/**
 * A resource to restore: its desired version, the same object in the target org, and what of
 * it is in scope. A planner is called only when the two differ after the noise rules, or when
 * one side is missing.
 */
export interface ResourcePair {
  kind: ResourceKind;
  /** The id in the desired snapshot; for an object only the target org has, its id there. */
  id: string;
  desired: SnapshotResource | undefined;
  /** The same object in the target org: the same id, or the one matched by name in another org. */
  live: SnapshotResource | undefined;
  /** For a field scope, the only JSON pointers to restore; undefined for the whole resource. */
  pointers: string[] | undefined;
  /** True when the user named this resource or field, not only its kind or its app. */
  explicit: boolean;
}

/** The fields of a step that a planner gives; the orchestrator adds the index and the sentences it reverses. */
export interface StepInput extends Omit<PlanStep, 'index' | 'key' | 'dependsOn' | 'reverses' | 'flags'> {
  /** Distinguishes steps of one resource with the same action, such as two activations. */
  keySuffix?: string;
  dependsOn?: string[];
  flags?: PlanStep['flags'];
}

/** Read access to one side of the plan, by kind and id. */
export interface ResourceLookup {
  get(kind: ResourceKind, id: string): SnapshotResource | undefined;
  ofKind(kind: ResourceKind): readonly SnapshotResource[];
}

/**
 * Services the orchestrator gives a kind planner. Ids in requests always go through
 * `targetId` or `toTarget`, so a restore into another org and a recreated object use the right id.
 */
export interface PlanContext {
  readonly options: PlanOptions;
  readonly desired: ResourceLookup;
  readonly live: ResourceLookup;
  /** True when the target org is not the org of the desired snapshot. */
  readonly crossOrg: boolean;
  /**
   * The id to send for an object of the desired snapshot: its id in the target org, or a
   * placeholder filled when the step that recreates it has run. A placeholder for an object no
   * step recreates blocks the plan with a message naming it.
   */
  targetId(kind: ResourceKind, desiredId: string): string;
  /** Rewrites every id of the desired snapshot inside a value (rule actions, expressions, conditions) with `targetId`. */
  toTarget(value: JsonValue): JsonValue;
  /** Tells whether the kind's section was captured complete on both sides; deletes need it. */
  sectionComplete(kind: ResourceKind): boolean;
  /** Adds a step and returns its key. A step that uses a placeholder depends on its create step even when `dependsOn` omits it. */
  addStep(step: StepInput): string;
  /** Keys of the steps already planned for a resource, in the order added. */
  stepsFor(kind: ResourceKind, id: string): string[];
  addManual(step: ManualStep): void;
  warn(warning: PlanWarning): void;
  leaveInPlace(item: LeftInPlace): void;
}

/** Plans the operations for one kind of resource. */
export interface KindPlanner {
  kind: ResourceKind;
  plan(pair: ResourcePair, context: PlanContext): void;
  /**
   * The position of a pair among the pairs of its kind, lowest planned first, for kinds whose
   * steps must go in an order the snapshot does not list them in (group assignments by priority).
   */
  planningOrder?(pair: Pick<ResourcePair, 'desired' | 'live'>): number;
}
