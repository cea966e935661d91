import type { JsonValue } from '../json/json-types.js';
import type { ResourceKind, SectionState, SnapshotResource } from '../snapshot/snapshot-model.js';
import { escapeRegExp } from './escape-regexp.js';
import { resourceKey, splitOwned, type IdMatching } from './id-matching.js';
import type { PlanContext, ResourceLookup, StepInput } from './kind-planner.js';
import { mapStrings, placeholderFor, placeholdersIn } from './placeholders.js';
import type { LeftInPlace, ManualStep, PlanOptions, PlanWarning } from './restore-plan.js';
import type { UnorderedStep } from './step-order.js';

/** The kind that owns each owned kind, whose id is `<ownerId>/<id>`. */
const OWNER_KIND: Partial<Record<ResourceKind, ResourceKind>> = {
  'app-signing-key': 'app',
  'app-feature': 'app',
  'app-group-assignment': 'app',
  'app-user-assignment': 'app',
  'group-push-mapping': 'app',
  'policy-rule': 'policy',
};

/** Kinds whose id is the id of another object: a group's members, an app's metadata, connection and schema. */
const SAME_ID_AS: Partial<Record<ResourceKind, ResourceKind>> = {
  'group-members': 'group',
  'app-saml-metadata': 'app',
  'app-provisioning': 'app',
  'app-user-schema': 'app',
};

/** Kinds whose ids appear inside other objects' bodies and are rewritten by `toTarget`. */
const REFERENCED_KINDS: readonly ResourceKind[] = ['group', 'network-zone', 'device-assurance', 'policy', 'app', 'user-type', 'group-rule'];

export interface PlanSideData {
  resources: readonly SnapshotResource[];
  sections: Record<ResourceKind, SectionState>;
}

/** Collects what the kind planners add, and resolves target ids and section states for them. */
export class PlanBuilder implements PlanContext {
  readonly desired: ResourceLookup;
  readonly live: ResourceLookup;
  readonly steps: UnorderedStep[] = [];
  readonly manualSteps: ManualStep[] = [];
  readonly warnings: PlanWarning[] = [];
  readonly leftInPlace: LeftInPlace[] = [];
  private readonly replacements: Map<string, string>;
  private replacementPattern: RegExp | undefined;

  constructor(
    private readonly desiredSide: PlanSideData,
    private readonly liveSide: PlanSideData,
    readonly options: PlanOptions,
    private readonly matching: IdMatching,
    readonly crossOrg: boolean,
  ) {
    this.desired = lookupOf(desiredSide.resources);
    this.live = lookupOf(liveSide.resources);
    this.replacements = this.buildReplacements();
  }

  targetId(kind: ResourceKind, desiredId: string): string {
    const matched = this.matching.toLive.get(resourceKey(kind, desiredId));
    if (matched !== undefined) return matched;
    const sameIdAs = SAME_ID_AS[kind];
    if (sameIdAs !== undefined) return this.targetId(sameIdAs, desiredId);
    const ownerKind = OWNER_KIND[kind];
    if (ownerKind === undefined) return placeholderFor(kind, desiredId);
    const [owner, rest] = splitOwned(desiredId);
    return `${this.targetId(ownerKind, owner)}/${this.ownedPart(kind, rest, desiredId)}`;
  }

  /**
   * The second part of a missing owned object's id in the target org. Where it names another
   * object (the group of an assignment, the user of a user assignment) or a fixed name (a
   * feature), it is that name or that object's target id; only where Okta assigns it (a rule,
   * a push mapping, a key) is it a placeholder.
   */
  private ownedPart(kind: ResourceKind, rest: string, desiredId: string): string {
    if (kind === 'app-group-assignment') return this.targetId('group', rest);
    if (kind === 'app-user-assignment') return this.matching.users.get(rest) ?? rest;
    if (kind === 'app-feature') return rest;
    return placeholderFor(kind, desiredId);
  }

  toTarget(value: JsonValue): JsonValue {
    const pattern = this.pattern();
    if (pattern === undefined) return value;
    // A placeholder contains a desired id too. Matching placeholders first keeps them whole, so
    // rewriting a value twice changes nothing the second time.
    return mapStrings(value, (text) => text.replace(pattern, (found) => (found.startsWith('{{') ? found : (this.replacements.get(found) ?? found))));
  }

  sectionComplete(kind: ResourceKind): boolean {
    return this.desiredSide.sections[kind].status !== 'failed' && this.liveSide.sections[kind].status !== 'failed';
  }

  addStep(step: StepInput): string {
    const { keySuffix, dependsOn, flags, ...rest } = step;
    const key = `${step.kind}:${step.resourceId}:${step.action}${keySuffix ? `:${keySuffix}` : ''}`;
    if (this.steps.some((existing) => existing.key === key)) throw new Error(`Two steps of the plan have the key ${key}; give one a keySuffix.`);
    this.steps.push({ ...rest, key, dependsOn: [...(dependsOn ?? [])], reverses: [], flags: [...(flags ?? [])] });
    return key;
  }

  stepsFor(kind: ResourceKind, id: string): string[] {
    return this.steps.filter((step) => step.kind === kind && step.resourceId === id).map((step) => step.key);
  }

  addManual(step: ManualStep): void {
    this.manualSteps.push(step);
  }

  warn(warning: PlanWarning): void {
    this.warnings.push(warning);
  }

  leaveInPlace(item: LeftInPlace): void {
    this.leftInPlace.push(item);
  }

  /**
   * Adds to each step a dependency on the step that creates every object its placeholders name,
   * and returns a sentence for each placeholder that no step creates.
   */
  linkPlaceholders(): string[] {
    const creators = new Map<string, string>();
    for (const step of this.steps) if (step.creates) creators.set(`${step.creates.kind}:${step.creates.desiredId}`, step.key);

    const unresolved = new Map<string, string>();
    for (const step of this.steps) {
      const used = [...placeholdersIn(step.request.path), ...(step.request.body === undefined ? [] : placeholdersIn(step.request.body))];
      if (step.check) used.push(...placeholdersIn(step.check.path), ...step.check.fields.flatMap((field) => (field.value === undefined ? [] : placeholdersIn(field.value))));
      for (const key of new Set(used)) {
        const creator = creators.get(key);
        if (creator === undefined) unresolved.set(key, step.key);
        else if (creator !== step.key && !step.dependsOn.includes(creator)) step.dependsOn.push(creator);
      }
    }
    return [...unresolved].map(([key, stepKey]) => this.unresolvedMessage(key, stepKey));
  }

  private unresolvedMessage(placeholderKey: string, stepKey: string): string {
    const colon = placeholderKey.indexOf(':');
    const kind = placeholderKey.slice(0, colon) as ResourceKind;
    const id = placeholderKey.slice(colon + 1);
    const name = this.desired.get(kind, id)?.name ?? id;
    return `The step ${stepKey} needs the ${kind} '${name}' (${id}), which the target org does not have and the scope does not recreate. Add it to the scope with '--scope id:${kind}:${id}'.`;
  }

  /** Desired ids whose target id differs (matched in another org, or missing and to be recreated). */
  private buildReplacements(): Map<string, string> {
    const replacements = new Map<string, string>();
    for (const resource of this.desiredSide.resources) {
      if (!REFERENCED_KINDS.includes(resource.kind)) continue;
      const target = this.targetId(resource.kind, resource.id);
      if (target !== resource.id) replacements.set(resource.id, target);
    }
    for (const [desiredUser, liveUser] of this.matching.users) if (desiredUser !== liveUser) replacements.set(desiredUser, liveUser);
    return replacements;
  }

  private pattern(): RegExp | undefined {
    if (this.replacements.size === 0) return undefined;
    this.replacementPattern ??= new RegExp(['\\{\\{new:[^{}]+\\}\\}', ...[...this.replacements.keys()].map(escapeRegExp)].join('|'), 'g');
    return this.replacementPattern;
  }
}

function lookupOf(resources: readonly SnapshotResource[]): ResourceLookup {
  const byKey = new Map(resources.map((resource) => [resourceKey(resource.kind, resource.id), resource]));
  return {
    get: (kind, id) => byKey.get(resourceKey(kind, id)),
    ofKind: (kind) => resources.filter((resource) => resource.kind === kind),
  };
}
