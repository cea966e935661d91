import type { AccessImpact, AtlassianProduct, UserRef } from './diff-types.js';

/** Names of the products as Atlassian writes them. */
export const PRODUCT_NAMES: Record<AtlassianProduct, string> = {
  'jira-software': 'Jira Software',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
  'jsm-agent': 'Jira Service Management agent access',
};

/** Number of logins a headline sentence names before it adds "and N more". */
const LOGINS_NAMED = 3;

/**
 * Writes the headline of a diff: who loses and who gains each product, then who is newly
 * denied or challenged at sign-on, each with the count and the first few logins; losses come
 * first because they are what an incident is about. A side that was captured incomplete is
 * said first, since the impact may then be understated.
 */
export function headlineFor(impact: AccessImpact, sides: { before: SideState; after: SideState }): string[] {
  const lines: string[] = [];
  for (const side of [sides.before, sides.after]) {
    if (!side.complete) lines.push(`Snapshot ${side.label} is INCOMPLETE, so the impact below may be understated.`);
  }

  for (const { product, lost } of impact.products) {
    if (lost.length > 0) lines.push(`${countOf(lost)} ${lost.length === 1 ? 'loses' : 'lose'} ${PRODUCT_NAMES[product]}: ${loginsOf(lost)}.`);
  }
  if (impact.signOn.newlyDenied.length > 0) lines.push(`${countOf(impact.signOn.newlyDenied)} ${isAre(impact.signOn.newlyDenied)} newly denied at sign-on: ${loginsOf(impact.signOn.newlyDenied)}.`);
  if (impact.signOn.newlyChallenged.length > 0) {
    lines.push(`${countOf(impact.signOn.newlyChallenged)} ${isAre(impact.signOn.newlyChallenged)} newly challenged at sign-on (a device, network or stronger factor now required): ${loginsOf(impact.signOn.newlyChallenged)}.`);
  }
  for (const { product, gained } of impact.products) {
    if (gained.length > 0) lines.push(`${countOf(gained)} ${gained.length === 1 ? 'gains' : 'gain'} ${PRODUCT_NAMES[product]}: ${loginsOf(gained)}.`);
  }

  const anyImpact = impact.products.some((entry) => entry.lost.length > 0 || entry.gained.length > 0)
    || impact.signOn.newlyDenied.length > 0
    || impact.signOn.newlyChallenged.length > 0;
  if (!anyImpact) lines.push('No user gains or loses an Atlassian product, and no one is newly denied or challenged at sign-on.');
  return lines;
}

interface SideState {
  label: string;
  complete: boolean;
}

function countOf(users: UserRef[]): string {
  return users.length === 1 ? '1 user' : `${users.length} users`;
}

function isAre(users: UserRef[]): string {
  return users.length === 1 ? 'is' : 'are';
}

function loginsOf(users: UserRef[]): string {
  const named = users.slice(0, LOGINS_NAMED).map((user) => user.login || user.id);
  const rest = users.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}
