import { deriveOktaId, seededRandom, type OktaIdKind } from '../../../../src-shared/okta/ids.js';

/**
 * Names, hosts and clock of the fictional company behind the `atlassian-stack` seed: Northwind
 * Quanta, an Okta org that gates a production and a sandbox Atlassian Cloud site.
 */

export const SEED_NAME = 'atlassian-stack';
export const COMPANY_NAME = 'Northwind Quanta';
export const EMAIL_DOMAIN = 'northwindquanta.com';
/** Contractors sign in with addresses under this subdomain. */
export const CONTRACTOR_EMAIL_DOMAIN = 'ext.northwindquanta.com';
export const OKTA_ORG_URL = 'https://northwindquanta.okta.com';
export const PROD_SITE_URL = 'https://northwindquanta.atlassian.net';
export const SANDBOX_SITE_URL = 'https://northwindquanta-sandbox.atlassian.net';

/** Every derived id and random stream starts from this key, so renaming it changes every id. */
const KEY_ROOT = 'northwind-quanta';

/** Returns the Okta id of the seed object of `kind` called `name`. The same name always gives the same id. */
export function seedId(kind: OktaIdKind, name: string): string {
  return deriveOktaId(kind, `${KEY_ROOT}/${kind}/${name}`);
}

/** Returns a generator in [0, 1) for one part of the seed, independent of the other parts. */
export function seedRandom(stream: string): () => number {
  return seededRandom(`${KEY_ROOT}/random/${stream}`);
}

/** Returns a version 4 UUID derived from `name`, for Atlassian directory and SAML identifiers. */
export function seedUuid(name: string): string {
  const random = seededRandom(`${KEY_ROOT}/uuid/${name}`);
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The day the org was created; every seeded timestamp falls between this and SEED_CLOCK_END. */
export const ORG_CREATED_MS = Date.parse('2025-01-06T15:04:12.000Z');
/** No seeded timestamp is later than this, so a sandbox whose clock runs after it has no timestamps in its future. */
export const SEED_CLOCK_END_MS = Date.parse('2026-04-30T00:00:00.000Z');

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Formats a time as Okta writes timestamps: ISO 8601 in UTC with milliseconds. */
export function isoTime(ms: number): string {
  if (ms < ORG_CREATED_MS || ms > SEED_CLOCK_END_MS) {
    throw new RangeError(`Seed timestamp ${new Date(ms).toISOString()} is outside the seed clock range.`);
  }
  return new Date(ms).toISOString();
}

/** Returns a whole-second time between `fromMs` and `toMs`, drawn from `random`. */
export function randomTimeBetween(random: () => number, fromMs: number, toMs: number): number {
  const seconds = Math.floor(random() * Math.max(1, (toMs - fromMs) / 1000));
  return fromMs + seconds * 1000;
}

/** Returns one item drawn from `items`. Throws on an empty list. */
export function pickOne<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list.');
  return item;
}
