/**
 * The sign-on policies and rules of one snapshot, read once per snapshot index instead of once
 * per user and rule: each rule's people condition, access, context, requirements and the
 * messages that name it. Like the index itself, the cache assumes that the snapshot's bodies
 * are not changed after indexing.
 */
import type { JsonObject } from '../json/json-types.js';
import { byPriority, objectAt, stringField } from './json-fields.js';
import { readPeopleCondition, type PeopleCondition } from './people-condition.js';
import { allowRuleRequirements, hasContext, ruleContext, type RuleContext, type SignOnRequirements } from './rule-requirements.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** One ACTIVE rule of a sign-on policy, read for the decision model in `sign-on-requirements.ts`. */
export interface SignOnRule {
  /** `'<policy name>: <rule name>'`, quotes included, for messages. */
  name: string;
  /** True when the rule has an expression (`conditions.elCondition`), which the model does not evaluate. */
  hasExpression: boolean;
  people: PeopleCondition;
  context: RuleContext;
  /** True when the rule depends on the sign-in's context (see `hasContext`). */
  contextual: boolean;
  /** The rule's requirements when it allows, or undefined for a DENY rule. Shared by every user, so never to be changed. */
  allowRequirements: SignOnRequirements | undefined;
}

/** One sign-on policy with its ACTIVE rules in priority order. */
export interface SignOnPolicy {
  label: string;
  /** True for Okta's default policy (`system: true`), which covers every user. */
  system: boolean;
  people: PeopleCondition;
  rules: SignOnRule[];
}

/** The sign-on model's view of one snapshot's policies. */
export interface SignOnRules {
  /** The ACTIVE OKTA_SIGN_ON (global session) policies, lowest priority number first. */
  sessionPolicies: SignOnPolicy[];
  /** Returns the policy with this resource id, or undefined when the snapshot lacks it. */
  policy(policyId: string): SignOnPolicy | undefined;
  /** Returns the id of the app's sign-in policy, from the end of its `_links.accessPolicy.href`. */
  accessPolicyId(app: JsonObject): string | undefined;
}

const RULES_BY_INDEX = new WeakMap<SnapshotIndex, SignOnRules>();

/** Returns the sign-on policies of an indexed snapshot, read on the first call for that index. */
export function signOnRulesOf(index: SnapshotIndex): SignOnRules {
  let rules = RULES_BY_INDEX.get(index);
  if (rules === undefined) RULES_BY_INDEX.set(index, (rules = readSignOnRules(index)));
  return rules;
}

function readSignOnRules(index: SnapshotIndex): SignOnRules {
  const policies = new Map<JsonObject, SignOnPolicy>();
  const policyOf = (body: JsonObject): SignOnPolicy => {
    let policy = policies.get(body);
    if (policy === undefined) policies.set(body, (policy = readPolicy(index, body)));
    return policy;
  };
  const policyIds = new Map<JsonObject, string | undefined>();

  const sessionPolicies = [...index.policies.values()]
    .filter((policy) => policy['type'] === 'OKTA_SIGN_ON' && policy['status'] === 'ACTIVE')
    .sort(byPriority)
    .map(policyOf);
  return {
    sessionPolicies,
    policy: (policyId) => {
      const body = index.policies.get(policyId);
      return body === undefined ? undefined : policyOf(body);
    },
    accessPolicyId: (app) => {
      if (!policyIds.has(app)) policyIds.set(app, accessPolicyId(app));
      return policyIds.get(app);
    },
  };
}

function readPolicy(index: SnapshotIndex, policy: JsonObject): SignOnPolicy {
  const label = policyLabel(policy);
  const rules = (index.policyRules.get(String(policy['id'])) ?? []).filter((rule) => rule['status'] === 'ACTIVE');
  return {
    label,
    system: policy['system'] === true,
    people: readPeopleCondition(objectAt(policy, 'conditions')),
    rules: rules.map((rule) => readRule(label, rule)),
  };
}

function readRule(policy: string, rule: JsonObject): SignOnRule {
  const conditions = objectAt(rule, 'conditions');
  const context = ruleContext(rule);
  const denies = ruleAccess(rule) === 'DENY';

  return {
    name: `'${policy}: ${stringField(rule, 'name') ?? String(rule['id'])}'`,
    hasExpression: objectAt(conditions, 'elCondition') !== undefined,
    people: readPeopleCondition(conditions),
    context,
    contextual: hasContext(context),
    allowRequirements: denies ? undefined : allowRuleRequirements(rule),
  };
}

function ruleAccess(rule: JsonObject): string {
  return stringField(objectAt(rule, 'actions', 'appSignOn'), 'access') ?? stringField(objectAt(rule, 'actions', 'signon'), 'access') ?? 'ALLOW';
}

/** Returns the id at the end of the app's `_links.accessPolicy.href`. */
function accessPolicyId(app: JsonObject): string | undefined {
  const href = stringField(objectAt(app, '_links', 'accessPolicy'), 'href');
  const id = href?.replace(/\/+$/, '').split('/').pop();
  return id === undefined || id === '' ? undefined : id;
}

function policyLabel(policy: JsonObject): string {
  return stringField(policy, 'name') ?? String(policy['id']);
}
