import { canonicalJson } from '../json/canonical-json.js';
import type { JsonObject, JsonValue } from '../json/json-types.js';
import { numberField, objectAt, stringField, stringsField } from './json-fields.js';

/** Requirements a sign-on rule sets before it lets a user in. */
export interface SignOnRequirements {
  deviceRegistered: boolean;
  deviceManaged: boolean;
  /** Device assurance policy ids, one of which the device must satisfy; null when none is required. */
  deviceAssurance: string[] | null;
  /** Network zone ids, one of which the sign-in must come from; null when any network will do. */
  zonesIncluded: string[] | null;
  /** Network zone ids the sign-in must not come from. */
  zonesExcluded: string[];
  factorMode: '1FA' | '2FA';
  /** Factor properties every allowed factor must have, such as `possession.phishingResistant`. */
  factorConstraints: string[];
  /** A factor at every sign-in (global session `factorPromptMode: ALWAYS`). */
  factorEverySignIn: boolean;
  /** Time in seconds before the user must authenticate again; null for no limit. */
  reauthenticateSeconds: number | null;
  /** Idle time in seconds that ends the session; null for no limit. */
  idleSeconds: number | null;
  /** Other conditions the sign-in must meet (platform, risk, a verification method this model does not read), as text. */
  otherConditions: string[];
}

/** The context conditions of a rule: what about a sign-in, not about the user, it depends on. */
export interface RuleContext {
  zonesIncluded: string[] | null;
  zonesExcluded: string[];
  device: { registered: boolean; managed: boolean; assurance: string[] | null } | null;
  otherConditions: string[];
}

export function noRequirements(): SignOnRequirements {
  return {
    deviceRegistered: false,
    deviceManaged: false,
    deviceAssurance: null,
    zonesIncluded: null,
    zonesExcluded: [],
    factorMode: '1FA',
    factorConstraints: [],
    factorEverySignIn: false,
    reauthenticateSeconds: null,
    idleSeconds: null,
    otherConditions: [],
  };
}

/** Reads the network, device, platform and risk conditions of a rule. */
export function ruleContext(rule: JsonObject): RuleContext {
  const conditions = objectAt(rule, 'conditions');
  return { ...networkCondition(conditions), device: deviceCondition(conditions), otherConditions: otherConditions(conditions) };
}

/** Reads `conditions.network`; a connection other than ZONE (such as ANYWHERE) limits nothing. */
function networkCondition(conditions: JsonObject | undefined): Pick<RuleContext, 'zonesIncluded' | 'zonesExcluded'> {
  const network = objectAt(conditions, 'network');
  if (stringField(network, 'connection') !== 'ZONE') return { zonesIncluded: null, zonesExcluded: [] };
  const include = stringsField(network, 'include');
  return { zonesIncluded: include.length > 0 ? [...include].sort() : null, zonesExcluded: [...stringsField(network, 'exclude')].sort() };
}

function deviceCondition(conditions: JsonObject | undefined): RuleContext['device'] {
  const device = objectAt(conditions, 'device');
  const assurance = stringsField(objectAt(device, 'assurance'), 'include');
  const registered = device?.['registered'] === true;
  const managed = device?.['managed'] === true;
  if (!registered && !managed && assurance.length === 0) return null;
  return { registered, managed, assurance: assurance.length > 0 ? [...assurance].sort() : null };
}

/** Describes the platform and risk conditions, which the model compares only as text. */
function otherConditions(conditions: JsonObject | undefined): string[] {
  const described: string[] = [];
  const platform = objectAt(conditions, 'platform');
  if (platform && (isNonEmptyArray(platform['include']) || isNonEmptyArray(platform['exclude']))) described.push(`platform ${canonicalJson(platform)}`);
  const riskLevel = stringField(objectAt(conditions, 'riskScore'), 'level');
  if (riskLevel !== undefined && riskLevel !== 'ANY') described.push(`risk score ${riskLevel}`);
  const riskBehaviors = stringsField(objectAt(conditions, 'risk'), 'behaviors');
  if (riskBehaviors.length > 0) described.push(`risk behaviors ${[...riskBehaviors].sort().join(', ')}`);
  return described;
}

/** Tells whether a rule depends on the sign-in's context, so that it does not apply to every sign-in of the user. */
export function hasContext(context: RuleContext): boolean {
  return context.zonesIncluded !== null || context.zonesExcluded.length > 0 || context.device !== null || context.otherConditions.length > 0;
}

/** Describes a rule's context conditions in words, such as `from network zone nzo1 and on a managed device`. */
export function describeContext(context: RuleContext): string {
  const parts: string[] = [];
  if (context.zonesIncluded) parts.push(`from network zone ${context.zonesIncluded.join(' or ')}`);
  if (context.zonesExcluded.length > 0) parts.push(`not from network zone ${context.zonesExcluded.join(' or ')}`);
  if (context.device?.registered) parts.push('on a registered device');
  if (context.device?.managed) parts.push('on a managed device');
  if (context.device?.assurance) parts.push(`on a device meeting device assurance ${context.device.assurance.join(' or ')}`);
  parts.push(...context.otherConditions);
  return parts.join(' and ');
}

/**
 * Reads the requirements of an ALLOW rule. Its context conditions count as requirements, because
 * the user's sign-ins cannot be known. App sign-in rules add their verification method
 * (`actions.appSignOn.verificationMethod`). Global session rules add a required factor, the
 * prompt mode and session limits (`actions.signon`).
 */
export function allowRuleRequirements(rule: JsonObject): SignOnRequirements {
  const context = ruleContext(rule);
  const requirements: SignOnRequirements = {
    ...noRequirements(),
    deviceRegistered: context.device?.registered ?? false,
    deviceManaged: context.device?.managed ?? false,
    deviceAssurance: context.device?.assurance ?? null,
    zonesIncluded: context.zonesIncluded,
    zonesExcluded: context.zonesExcluded,
    otherConditions: [...context.otherConditions],
  };
  const appSignOn = objectAt(rule, 'actions', 'appSignOn');
  if (appSignOn) addVerificationMethod(requirements, objectAt(appSignOn, 'verificationMethod'));
  const signon = objectAt(rule, 'actions', 'signon');
  if (signon) addSessionSettings(requirements, signon);
  return requirements;
}

function addVerificationMethod(requirements: SignOnRequirements, method: JsonObject | undefined): void {
  if (!method) return;
  const type = stringField(method, 'type');
  if (type !== undefined && type !== 'ASSURANCE') {
    requirements.otherConditions.push(`verification method ${canonicalJson(method)}`);
    return;
  }
  if (stringField(method, 'factorMode') === '2FA') requirements.factorMode = '2FA';
  requirements.factorConstraints = requiredFactorProperties(method['constraints']);
  const reauthenticateIn = stringField(method, 'reauthenticateIn');
  if (reauthenticateIn !== undefined) {
    const seconds = durationSeconds(reauthenticateIn);
    if (seconds === undefined) requirements.otherConditions.push(`re-authentication ${reauthenticateIn}`);
    else requirements.reauthenticateSeconds = seconds;
  }
}

function addSessionSettings(requirements: SignOnRequirements, signon: JsonObject): void {
  if (signon['requireFactor'] === true) requirements.factorMode = '2FA';
  requirements.factorEverySignIn = signon['requireFactor'] === true && signon['factorPromptMode'] === 'ALWAYS';
  const session = objectAt(signon, 'session');
  const lifetime = numberField(session, 'maxSessionLifetimeMinutes');
  const idle = numberField(session, 'maxSessionIdleMinutes');
  requirements.reauthenticateSeconds = lifetime !== undefined && lifetime > 0 ? lifetime * 60 : null;
  requirements.idleSeconds = idle !== undefined && idle > 0 ? idle * 60 : null;
}

/**
 * Returns the factor properties set to REQUIRED in every entry of `constraints`, such as
 * `possession.deviceBound`. Okta accepts a factor that meets any one entry, so only a property
 * that every entry requires is required of every factor.
 */
function requiredFactorProperties(constraints: JsonValue | undefined): string[] {
  if (!Array.isArray(constraints) || constraints.length === 0) return [];
  const perEntry = constraints.map((entry) => {
    const required = new Set<string>();
    for (const kind of ['knowledge', 'possession']) {
      const properties = objectAt(entry, kind) ?? {};
      for (const [name, value] of Object.entries(properties)) if (value === 'REQUIRED') required.add(`${kind}.${name}`);
    }
    return required;
  });
  const [first, ...rest] = perEntry;
  return [...(first ?? [])].filter((property) => rest.every((entry) => entry.has(property))).sort();
}

function isNonEmptyArray(value: JsonValue | undefined): boolean {
  return Array.isArray(value) && value.length > 0;
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Converts an ISO 8601 duration of days, hours, minutes and seconds (`PT12H`, `P1DT30M`) to seconds; undefined for other forms. */
export function durationSeconds(duration: string): number | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
}
