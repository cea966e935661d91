/**
 * Sign-on requirements of each user for each Atlassian app, worked out from one snapshot.
 *
 * The model, and what it assumes:
 * - Global session: the ACTIVE OKTA_SIGN_ON policies are tried by priority. A policy covers the
 *   user when it is the default (`system: true`) policy or its people conditions match. In the
 *   first policy that covers the user, the first ACTIVE rule (by priority) whose people
 *   conditions match is the user's rule. When no rule of a policy matches, the next policy is
 *   tried.
 *   When no captured policy covers the user, the session adds no requirements: capture keeps
 *   only the session policies that name groups in scope.
 * - App sign-in: the app's access policy (`_links.accessPolicy`), first ACTIVE rule by priority
 *   whose people conditions match.
 * - Context (network, device, platform, risk) differs per sign-in and cannot be known per user.
 *   So a matching ALLOW rule is taken as the user's rule, and its context conditions count as
 *   requirements. A matching DENY rule without context conditions denies. A DENY rule with
 *   context conditions denies only some sign-ins: its network condition becomes a zone
 *   requirement (deny outside zones means "sign in from one of them"), any other context
 *   becomes a text condition, and the search goes on to the next rule.
 * - A DENY at the global session denies every app. A rule whose people condition names a group
 *   the snapshot lacks members for, an expression condition, or a missing policy make the
 *   decision UNKNOWN, with the reason.
 */
import type { JsonObject } from '../json/json-types.js';
import { matchesPeopleCondition } from './people-condition.js';
import { describeContext, type RuleContext, type SignOnRequirements } from './rule-requirements.js';
import { signOnRulesOf, type SignOnPolicy, type SignOnRule, type SignOnRules } from './sign-on-rules.js';
import type { DirectoryUser, SnapshotIndex } from './snapshot-index.js';

export type SignOnAccess = 'ALLOW' | 'DENY' | 'UNKNOWN';

/** Sign-on outcome of one user for one app. Its requirements may be a frozen object shared with other users' decisions. */
export interface SignOnDecision {
  access: SignOnAccess;
  /** Requirements of the user's global session rule; null when no captured session policy covers the user, or access is not ALLOW. */
  session: SignOnRequirements | null;
  /** Requirements of the user's app sign-in rule; null when the app links no policy, or access is not ALLOW. */
  app: SignOnRequirements | null;
  /** The rule that denies, or why the decision is unknown. */
  reason?: string;
}

type RuleOutcome =
  | { outcome: 'allow'; requirements: SignOnRequirements }
  | { outcome: 'deny'; reason: string }
  | { outcome: 'unknown'; reason: string }
  | { outcome: 'none' };

/**
 * Works out how a user signs in to an app: the global session rule first, then the app's
 * sign-in rule. The policies are read once per index (see `sign-on-rules.ts`), so deciding for
 * every user of a snapshot reads each rule once.
 */
export function signOnDecision(index: SnapshotIndex, user: DirectoryUser, app: JsonObject): SignOnDecision {
  const rules = signOnRulesOf(index);
  const session = sessionOutcome(index, rules, user);
  if (session.outcome === 'deny') return { access: 'DENY', session: null, app: null, reason: session.reason };
  if (session.outcome === 'unknown') return { access: 'UNKNOWN', session: null, app: null, reason: session.reason };
  const sessionRequirements = session.outcome === 'allow' ? session.requirements : null;

  const policyId = rules.accessPolicyId(app);
  if (policyId === undefined) return { access: 'ALLOW', session: sessionRequirements, app: null };
  const policy = rules.policy(policyId);
  if (!policy) return { access: 'UNKNOWN', session: null, app: null, reason: `the app sign-in policy ${policyId} is not in the snapshot` };

  const appRule = ruleOutcome(index, user, policy);
  switch (appRule.outcome) {
    case 'allow':
      return { access: 'ALLOW', session: sessionRequirements, app: appRule.requirements };
    case 'deny':
      return { access: 'DENY', session: null, app: null, reason: appRule.reason };
    case 'unknown':
      return { access: 'UNKNOWN', session: null, app: null, reason: appRule.reason };
    case 'none':
      return { access: 'UNKNOWN', session: null, app: null, reason: `no rule of policy '${policy.label}' covers the user` };
  }
}

function sessionOutcome(index: SnapshotIndex, rules: SignOnRules, user: DirectoryUser): RuleOutcome {
  for (const policy of rules.sessionPolicies) {
    const covers = policy.system ? true : matchesPeopleCondition(index, user, policy.people);
    if (covers === undefined) return { outcome: 'unknown', reason: `whether policy '${policy.label}' covers the user depends on group members not in the snapshot` };
    if (!covers) continue;
    const outcome = ruleOutcome(index, user, policy);
    // NOTE: moving on to the next policy when no rule matches is an assumption about Okta. It
    // matters rarely, because a policy normally ends in a catch-all rule.
    if (outcome.outcome !== 'none') return outcome;
  }
  return { outcome: 'none' };
}

/** Walks a policy's ACTIVE rules, in priority order, to the first that decides for the user. */
function ruleOutcome(index: SnapshotIndex, user: DirectoryUser, policy: SignOnPolicy): RuleOutcome {
  let restrictions: Restrictions | undefined;
  for (const rule of policy.rules) {
    if (rule.hasExpression) return { outcome: 'unknown', reason: `rule ${rule.name} has an expression condition, which this model does not evaluate` };

    const matches = matchesPeopleCondition(index, user, rule.people);
    if (matches === undefined) return { outcome: 'unknown', reason: `whether rule ${rule.name} covers the user depends on group members or user types not in the snapshot` };
    if (!matches) continue;

    if (rule.allowRequirements === undefined) {
      if (!rule.contextual) return { outcome: 'deny', reason: `rule ${rule.name} denies access` };
      (restrictions ??= new Restrictions()).addConditionalDeny(rule.context);
      continue;
    }
    // NOTE: in Okta a sign-in outside this rule's context falls to later rules. The model reports
    // the context as a requirement instead, so a new context-limited ALLOW rule above the user's
    // old rule reads as a new requirement even where later rules would still let them in.
    const requirements = restrictions === undefined ? unrestrictedRequirements(rule, rule.allowRequirements) : restrictions.applyTo(rule.allowRequirements);
    return { outcome: 'allow', requirements };
  }
  return { outcome: 'none' };
}

/** Each rule's requirements as `Restrictions.applyTo` returns them when no DENY rule above it applies. */
const UNRESTRICTED = new WeakMap<SignOnRule, SignOnRequirements>();

/**
 * Returns a rule's requirements for a user whom no conditional DENY rule above it restricts,
 * worked out once per rule. The object is shared by every such user and frozen.
 */
function unrestrictedRequirements(rule: SignOnRule, allowRequirements: SignOnRequirements): SignOnRequirements {
  let requirements = UNRESTRICTED.get(rule);
  if (requirements === undefined) UNRESTRICTED.set(rule, (requirements = frozenRequirements(new Restrictions().applyTo(allowRequirements))));
  return requirements;
}

function frozenRequirements(requirements: SignOnRequirements): SignOnRequirements {
  for (const list of [requirements.deviceAssurance, requirements.zonesIncluded, requirements.zonesExcluded, requirements.factorConstraints, requirements.otherConditions]) {
    if (list !== null) Object.freeze(list);
  }
  return Object.freeze(requirements);
}

/** Requirements that the conditional DENY rules above the user's rule add. */
class Restrictions {
  private zonesIncluded: string[] | null = null;
  private readonly zonesExcluded = new Set<string>();
  private readonly otherConditions: string[] = [];

  addConditionalDeny(context: RuleContext): void {
    const networkOnly = context.device === null && context.otherConditions.length === 0;
    if (networkOnly && context.zonesIncluded !== null && context.zonesExcluded.length === 0) {
      for (const zone of context.zonesIncluded) this.zonesExcluded.add(zone);
      return;
    }
    if (networkOnly && context.zonesIncluded === null) {
      this.zonesIncluded = intersect(this.zonesIncluded, context.zonesExcluded);
      return;
    }
    this.otherConditions.push(`no sign-in ${describeContext(context)}`);
  }

  /** Returns a new requirements object that shares no array with `requirements`, because those belong to the rule and every user. */
  applyTo(requirements: SignOnRequirements): SignOnRequirements {
    return {
      ...requirements,
      deviceAssurance: requirements.deviceAssurance === null ? null : [...requirements.deviceAssurance],
      factorConstraints: [...requirements.factorConstraints],
      zonesIncluded: this.zonesIncluded === null ? copyOf(requirements.zonesIncluded) : intersect(requirements.zonesIncluded, this.zonesIncluded),
      zonesExcluded: [...new Set([...requirements.zonesExcluded, ...this.zonesExcluded])].sort(),
      otherConditions: [...requirements.otherConditions, ...this.otherConditions],
    };
  }
}

/** Intersects two zone lists, where null means every network. */
function intersect(current: string[] | null, zones: readonly string[]): string[] {
  if (current === null) return [...zones].sort();
  return current.filter((zone) => zones.includes(zone));
}

function copyOf(zones: string[] | null): string[] | null {
  return zones === null ? null : [...zones];
}
