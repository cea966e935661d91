/**
 * Okta object ids: a three-character prefix that names the kind of object, then seventeen
 * letters and digits, twenty characters in all (for example `0oa1gjh63g214q0Hq0g4` for an app).
 */

/** Prefixes that Okta uses for the objects Butterfly captures. */
export const OKTA_ID_PREFIX = {
  app: '0oa',
  user: '00u',
  group: '00g',
  groupRule: '0pr',
  policy: '00p',
  accessPolicy: 'rst',
  policyRule: '0pr',
  accessPolicyRule: 'rul',
  networkZone: 'nzo',
  deviceAssurance: 'dae',
  profileMapping: 'prm',
  userType: 'oty',
  groupPushMapping: 'gPm',
  schemaProperty: 'osc',
} as const;

export type OktaIdKind = keyof typeof OKTA_ID_PREFIX;

const ID_BODY_LENGTH = 17;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const OKTA_ID_PATTERN = /^[0-9a-zA-Z]{20}$/;

/** Tells whether a value has the shape of an Okta object id of the given kind. */
export function isOktaId(value: string, kind: OktaIdKind): boolean {
  return OKTA_ID_PATTERN.test(value) && value.startsWith(OKTA_ID_PREFIX[kind]);
}

/**
 * Derives an Okta-shaped id from a key, so that the same key always gives the same id.
 * The sandbox org uses it to give seeded and created objects stable ids across restarts.
 */
export function deriveOktaId(kind: OktaIdKind, key: string): string {
  const random = seededRandom(key);
  let body = '';
  for (let i = 0; i < ID_BODY_LENGTH; i++) {
    body += ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return OKTA_ID_PREFIX[kind] + body;
}

/**
 * Returns a pseudo-random generator in [0, 1) seeded from a string: xmur3 string hash feeding
 * sfc32. Deterministic and fast; not for secrets.
 */
export function seededRandom(key: string): () => number {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const nextSeed = (): number => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };

  let a = nextSeed();
  let b = nextSeed();
  let c = nextSeed();
  let d = nextSeed();
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
