import { beforeAll, describe, expect, it } from 'vitest';
import { compareImpactSides, computeImpact, prepareImpactSide, type ImpactSide } from '../../src-shared/impact/compute-impact.js';
import { signOnDecision } from '../../src-shared/impact/sign-on-requirements.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { DENY_APP, forGroups, rule, withBody } from '../support/impact-snapshot.js';
import { captureSeedResources } from '../support/seed-snapshot.js';

/** Ids in the atlassian-stack seed. */
const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const PROD_POLICY = 'rstQomxKFykBd7WCQInV';
const CONTRACTORS = '00g9v8XiLY9ftPmiCmyA';
const BITBUCKET_PUSH = 'gPmSYioKso3QhSMgipcO';
const ENGINEERING_IN_THE_OFFICE = 'rulXnUzwrMzCBbassgjP';

/**
 * Three snapshots in a row, each differing from the one before in products and in sign-on:
 * the seed with an unmanaged-device office rule, the seed, then the seed with the Bitbucket push
 * deactivated and a rule denying contractors.
 */
let series: SnapshotResource[][];

beforeAll(async () => {
  const seed = await captureSeedResources('atlassian-stack');
  const unmanaged = withBody(seed, 'policy-rule', `${PROD_POLICY}/${ENGINEERING_IN_THE_OFFICE}`, (body) => {
    ((body['conditions'] as JsonObject)['device'] as JsonObject)['managed'] = false;
  });
  const pushOff = withBody(seed, 'group-push-mapping', `${PROD_APP}/${BITBUCKET_PUSH}`, (body) => (body['status'] = 'INACTIVE'));
  const denied = [...pushOff, rule(PROD_POLICY, 'rulContractorsDenied', -1, forGroups([CONTRACTORS]), DENY_APP)];
  series = [unmanaged, seed, denied];
}, 60_000);

function prepareSeries(): ImpactSide[] {
  return series.map((resources) => prepareImpactSide(resources));
}

describe('prepared impact sides', () => {
  it('series has impact in both pairs', () => {
    const [first, second, third] = prepareSeries();
    if (first === undefined || second === undefined || third === undefined) throw new Error('The series has three snapshots.');

    expect(compareImpactSides(first, second).signOn.newlyChallenged.length).toBeGreaterThan(0);
    expect(compareImpactSides(second, third).signOn.newlyDenied.length).toBeGreaterThan(0);
    expect(compareImpactSides(second, third).products.find((entry) => entry.product === 'bitbucket')?.lost.length).toBeGreaterThan(0);
  });

  it('side compared twice matches computeImpact', () => {
    const [first, second, third] = prepareSeries();
    if (first === undefined || second === undefined || third === undefined) throw new Error('The series has three snapshots.');
    const [a = [], b = [], c = []] = series;

    expect(compareImpactSides(first, second)).toEqual(computeImpact(a, b));
    expect(compareImpactSides(second, third)).toEqual(computeImpact(b, c));
    expect(compareImpactSides(third, second)).toEqual(computeImpact(c, b));
    expect(compareImpactSides(second, first)).toEqual(computeImpact(b, a));
  });

  it('repeated comparison gives equal results', () => {
    const [first, second] = prepareSeries();
    if (first === undefined || second === undefined) throw new Error('The series has three snapshots.');

    const once = compareImpactSides(first, second);
    expect(compareImpactSides(first, second)).toEqual(once);
  });

  it('shared rule requirements are frozen', () => {
    const [, second] = prepareSeries();
    const index = second?.index;
    const appBody = index?.apps[0];
    if (index === undefined || appBody === undefined) throw new Error('The seed has the prod app.');
    const allowed = [...index.users.values()].map((user) => signOnDecision(index, user, appBody)).filter((decision) => decision.app !== null);
    const sharing = allowed.filter((decision) => decision.app === allowed[0]?.app);

    expect(sharing.length).toBeGreaterThan(1);
    expect(Object.isFrozen(allowed[0]?.app)).toBe(true);
    expect(Object.isFrozen(allowed[0]?.app?.otherConditions)).toBe(true);
  });
});
