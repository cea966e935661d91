import { canonicalJson, compareCodeUnits } from '../json/canonical-json.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-types.js';
import { escapePointerSegment } from '../json/json-pointer.js';
import type { ResourceKind } from '../snapshot/snapshot-model.js';

/**
 * The noise rules: what Butterfly leaves out or rewrites in a resource body before comparing it,
 * each with the reason. `normalizeForDiff` applies them to a copy, and stored bodies never change.
 *
 * Decisions that have no row:
 * - `created` is compared: Okta sets it once, when the object is made.
 * - App user assignments keep `syncState`, because a failing provisioning sync shows there.
 * - ETags: Okta sends them as a response header, and capture stores bodies, not headers.
 * - Arrays not listed here compare in order (SAML attribute statements, the `constraints` of an
 *   app sign-in rule, array attributes in profiles).
 * - An empty array or object is a value, not "not set".
 * - An `app-group-assignment` compares its `priority` as captured: it decides which group's app
 *   profile wins. NOTE: whether Okta renumbers these priorities when an assignment is removed
 *   has not been checked. If it does, they belong under the `order` rule.
 */

/**
 * - `ignore`: left out (volatile fields).
 * - `set`: an array compared as a set: its elements are sorted by their canonical JSON.
 * - `set-by-id`: an array of records compared as a set keyed by `id`: it becomes an object from
 *   id to record, so the delta and the changed paths name records by id. Unless every element
 *   has its own string id, the array is treated as a `set`.
 * - `order`: a priority compared by relative order, as `priority-order.ts` describes.
 * - `unset`: `null` and `""` compare as absent.
 */
export type NoiseTreatment = 'ignore' | 'set' | 'set-by-id' | 'order' | 'unset';

/** One noise rule. */
export interface NoiseRule {
  /** Kinds the rule applies to; `all` includes kinds this build does not know. */
  kinds: 'all' | readonly ResourceKind[];
  /**
   * Paths the rule applies to: JSON pointers from the body's root, where `''` is the body itself
   * and `*` is any array element. A path that starts with `**` applies at any depth: `**` then
   * `/name` is every member of that name, and `**` alone is every object member.
   */
  paths: readonly string[];
  treatment: NoiseTreatment;
  reason: string;
}

const RULE_KINDS: readonly ResourceKind[] = ['group-rule', 'policy', 'policy-rule'];
const POLICY_KINDS: readonly ResourceKind[] = ['policy', 'policy-rule'];

export const NOISE_RULES: readonly NoiseRule[] = [
  {
    kinds: 'all',
    paths: ['**/_links', '**/_embedded'],
    treatment: 'ignore',
    reason:
      'Hypermedia that Okta adds to responses. Links are built from the org URL and follow the state (an inactive object gets an `activate` link), and `_embedded` copies other objects on request. The state and those objects are compared where captured.',
  },
  {
    kinds: 'all',
    paths: ['/lastUpdated'],
    treatment: 'ignore',
    reason: 'Okta moves it on every write, so it tells when something was written, not what changed. The fields themselves are compared.',
  },
  {
    kinds: ['group'],
    paths: ['/lastMembershipUpdated'],
    treatment: 'ignore',
    reason: "Moves whenever a member joins or leaves. The members are compared as the group's `group-members` resource.",
  },
  {
    kinds: 'all',
    paths: ['/statusChanged'],
    treatment: 'ignore',
    reason: 'The time of the last status change. The `status` itself is compared.',
  },
  {
    kinds: 'all',
    paths: ['/lastLogin', '/passwordChanged'],
    treatment: 'ignore',
    reason: 'Sign-in and password activity of a user or app user, not configuration.',
  },
  {
    kinds: ['app-user-assignment'],
    paths: ['/lastSync'],
    treatment: 'ignore',
    reason: 'The time of the last provisioning sync of the app user, which moves with every sync.',
  },
  {
    kinds: ['group-push-mapping'],
    paths: ['/lastPush'],
    treatment: 'ignore',
    reason: 'The time of the last push run. The mapping and its `status` are compared.',
  },
  {
    kinds: ['device-assurance', 'user-type'],
    paths: ['/lastUpdate', '/lastUpdatedBy'],
    treatment: 'ignore',
    reason: 'The time (device assurance calls it `lastUpdate`) and the admin of the last write. Both move on every write, like `lastUpdated`.',
  },
  {
    kinds: ['app'],
    paths: ['/credentials/signing/lastRotated', '/credentials/signing/nextRotation'],
    treatment: 'ignore',
    reason:
      "Okta rotates an app's signing key on its own schedule. The key in use is compared as `credentials.signing.kid`, and each key as an `app-signing-key` resource.",
  },
  {
    kinds: ['group-rule'],
    paths: ['/actions/assignUserToGroups/groupIds'],
    treatment: 'set',
    reason: 'The rule assigns matching users to every listed group, so the order has no effect.',
  },
  {
    kinds: RULE_KINDS,
    paths: ['/conditions/people/groups/include', '/conditions/people/groups/exclude', '/conditions/people/users/include', '/conditions/people/users/exclude'],
    treatment: 'set',
    reason: 'A user matches when they are a listed user or a member of a listed group, so the order has no effect.',
  },
  {
    kinds: POLICY_KINDS,
    paths: ['/conditions/network/include', '/conditions/network/exclude', '/conditions/device/assurance/include', '/conditions/userType/include', '/conditions/userType/exclude'],
    treatment: 'set',
    reason: 'A request matches when it comes from any listed network zone, device assurance policy or user type, so the order has no effect.',
  },
  {
    kinds: ['group'],
    paths: ['/objectClass'],
    treatment: 'set',
    reason: 'The object classes of a group are a set in Okta.',
  },
  {
    kinds: ['network-zone'],
    paths: ['/gateways', '/proxies', '/asns', '/locations'],
    treatment: 'set',
    reason: 'A zone matches an address, ASN or location that any entry covers, so the order has no effect.',
  },
  {
    kinds: ['device-assurance'],
    paths: ['/diskEncryptionType/include', '/screenLockType/include'],
    treatment: 'set',
    reason: 'A device passes with any of the listed types, so the order has no effect.',
  },
  {
    kinds: ['group-members'],
    paths: [''],
    treatment: 'set-by-id',
    reason:
      'Members are a set of users. Keyed by user id, one member joining, leaving or changing is one difference, and the comparison takes time in proportion to the group size.',
  },
  {
    kinds: POLICY_KINDS,
    paths: ['/priority'],
    treatment: 'order',
    reason:
      "Okta renumbers priorities whenever a rule or policy is added, removed or moved. Only the order among the rules of one policy, or the policies of one type, that both sides hold is compared.",
  },
  {
    kinds: 'all',
    paths: ['**'],
    treatment: 'unset',
    reason:
      "Okta shows a field that is not set in more than one way: left out, or `null` (a zone's `proxies`, an app sign-in policy's `conditions`). `\"\"` counts the same, so clearing a text field and removing it compare equal. Array elements are kept as they are.",
  },
];

/** Inputs to `normalizeForDiff` that come from outside the body. */
export interface NormalizeOptions {
  /**
   * The number an `order` rule puts in place of the priority, from `comparePriorityOrder` over
   * both sides. Without it the priority is compared as captured.
   */
  orderPosition?: number;
}

/**
 * Applies the noise rules of `kind` to a copy of `body` and returns the copy. Kinds, fields and
 * values that no rule names pass through as they are, and `body` itself is never modified.
 */
export function normalizeForDiff(kind: string, body: JsonValue, options: NormalizeOptions = {}): JsonValue {
  return normalizeValue(body, '', rulesFor(kind), options);
}

/** Tells whether bodies of `kind` compare as a set of records keyed by id (`set-by-id` on the body itself). */
export function comparesAsRecordSet(kind: string): boolean {
  return rulesFor(kind).treatments.get('') === 'set-by-id';
}

interface CompiledRules {
  /** Member names left out at any depth. */
  ignoredAnywhere: ReadonlySet<string>;
  /** The treatment at each exact path. */
  treatments: ReadonlyMap<string, NoiseTreatment>;
  /** Every exact path and every path that leads to one; below other paths the walk stops building pointers. */
  tracked: ReadonlySet<string>;
  unsetIsAbsent: boolean;
}

const compiledByKind = new Map<string, CompiledRules>();

function rulesFor(kind: string): CompiledRules {
  let rules = compiledByKind.get(kind);
  if (rules === undefined) {
    rules = compileRules(NOISE_RULES.filter((rule) => rule.kinds === 'all' || (rule.kinds as readonly string[]).includes(kind)));
    compiledByKind.set(kind, rules);
  }
  return rules;
}

function compileRules(rules: readonly NoiseRule[]): CompiledRules {
  const ignoredAnywhere = new Set<string>();
  const treatments = new Map<string, NoiseTreatment>();
  const tracked = new Set<string>(['']);
  let unsetIsAbsent = false;

  for (const rule of rules) {
    for (const path of rule.paths) {
      if (path === '**' && rule.treatment === 'unset') {
        unsetIsAbsent = true;
      } else if (path.startsWith('**/') && rule.treatment === 'ignore') {
        ignoredAnywhere.add(path.slice(3));
      } else if (path === '' || (path.startsWith('/') && !path.startsWith('**'))) {
        treatments.set(path, rule.treatment);
        for (let end = path.indexOf('/', 1); end !== -1; end = path.indexOf('/', end + 1)) tracked.add(path.slice(0, end));
        tracked.add(path);
      } else {
        throw new Error(`Noise rule path ${JSON.stringify(path)} with treatment ${rule.treatment} is not supported: use a JSON pointer, "**/name" with ignore, or "**" with unset.`);
      }
    }
  }
  return { ignoredAnywhere, treatments, tracked, unsetIsAbsent };
}

/** `pointer` is the value's path while it is tracked, and undefined below untracked paths. */
function normalizeValue(value: JsonValue, pointer: string | undefined, rules: CompiledRules, options: NormalizeOptions): JsonValue {
  const treatment = pointer === undefined ? undefined : rules.treatments.get(pointer);
  if (treatment === 'order' && typeof value === 'number' && options.orderPosition !== undefined) return options.orderPosition;

  if (Array.isArray(value)) {
    const elementPointer = childPointer(pointer, '*', rules);
    const items = value.map((item) => normalizeValue(item, elementPointer, rules, options));
    if (treatment === 'set') return sortedAsSet(items);
    if (treatment === 'set-by-id') return keyedById(items) ?? sortedAsSet(items);
    return items;
  }
  if (isJsonObject(value)) return normalizeObject(value, pointer, rules, options);
  return value;
}

function normalizeObject(value: JsonObject, pointer: string | undefined, rules: CompiledRules, options: NormalizeOptions): JsonObject {
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === undefined || rules.ignoredAnywhere.has(key)) continue;
    if (rules.unsetIsAbsent && (member === null || member === '')) continue;

    const memberPointer = pointer === undefined ? undefined : childPointer(pointer, escapePointerSegment(key), rules);
    if (memberPointer !== undefined && rules.treatments.get(memberPointer) === 'ignore') continue;
    setMember(copy, key, normalizeValue(member, memberPointer, rules, options));
  }
  return copy;
}

/** Sets an own member; plain assignment to `__proto__` would set the prototype instead. */
function setMember(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function childPointer(pointer: string | undefined, segment: string, rules: CompiledRules): string | undefined {
  if (pointer === undefined) return undefined;
  const child = `${pointer}/${segment}`;
  return rules.tracked.has(child) ? child : undefined;
}

/** Sorts elements by their canonical JSON; duplicates are kept. */
function sortedAsSet(items: JsonValue[]): JsonValue[] {
  const keyed = items.map((item) => ({ item, text: canonicalJson(item) }));
  keyed.sort((a, b) => compareCodeUnits(a.text, b.text));
  return keyed.map(({ item }) => item);
}

/** Returns the records keyed by `id`, or undefined unless every element is a record with its own string id. */
function keyedById(items: JsonValue[]): JsonObject | undefined {
  const byId: JsonObject = {};
  for (const item of items) {
    const id = isJsonObject(item) ? item['id'] : undefined;
    if (typeof id !== 'string' || Object.hasOwn(byId, id)) return undefined;
    setMember(byId, id, item);
  }
  return byId;
}
