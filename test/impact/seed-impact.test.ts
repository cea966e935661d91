import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlassianProduct, UserRef } from '../../src-shared/diff/diff-types.js';
import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import { computeImpact, type AccessImpactDetails } from '../../src-shared/impact/compute-impact.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { DENY_APP, forGroups, members, rule, withBody, without } from '../support/impact-snapshot.js';
import { captureSeedResources } from '../support/seed-snapshot.js';

/** Ids in the atlassian-stack seed. */
const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const PROD_POLICY = 'rstQomxKFykBd7WCQInV';
const CS_JSM_AGENTS = '00g16u1EekNca2ODdwek';
const DEPT_ENGINEERING = '00gZHN7m7i4Qk40QoebK';
const CONTRACTORS = '00g9v8XiLY9ftPmiCmyA';
const BITBUCKET_PUSH = 'gPmSYioKso3QhSMgipcO';
const ENGINEERING_IN_THE_OFFICE = 'rulXnUzwrMzCBbassgjP';
const ENGINEERING_ELSEWHERE = 'ruluvtweIzHA4gelT9mM';

/** A Legal contractor, in CS-jsm-agents through jsm-agent-overrides and in no other group assigned to the prod app. */
const MEI_THORNE = '00uQku6m3YpmBmfzSbQu';

let seed: SnapshotResource[];

beforeAll(async () => {
  seed = await captureSeedResources('atlassian-stack');
});

function lostUsers(impact: AccessImpactDetails, product: AtlassianProduct): UserRef[] {
  return impact.products.find((entry) => entry.product === product)?.lost ?? [];
}

function lost(impact: AccessImpactDetails, product: AtlassianProduct): string[] {
  return lostUsers(impact, product).map((user) => user.id);
}

function changedProducts(impact: AccessImpactDetails): string[] {
  return impact.products.filter((entry) => entry.gained.length + entry.lost.length > 0).map((entry) => entry.product);
}

function memberRecords(resources: SnapshotResource[], groupId: string): JsonObject[] {
  const body = resources.find((item) => item.kind === 'group-members' && item.id === groupId)?.body;
  return Array.isArray(body) ? body.filter(isJsonObject) : [];
}

function loginsOf(users: Array<{ login: string }>): string[] {
  return users.map((user) => user.login);
}

describe('impact on the atlassian-stack seed', () => {
  it('unchanged seed has no impact', () => {
    const impact = computeImpact(seed, seed);
    expect(changedProducts(impact)).toEqual([]);
    expect(impact.signOn).toEqual({ newlyDenied: [], newlyChallenged: [] });
    expect(impact.notes).toEqual([]);
  });

  it('removed CS-jsm-agents assignment loses its only member', () => {
    const impact = computeImpact(seed, without(seed, 'app-group-assignment', `${PROD_APP}/${CS_JSM_AGENTS}`));
    expect(lost(impact, 'confluence')).toEqual([MEI_THORNE]);
    expect(lost(impact, 'jsm-agent')).toEqual([MEI_THORNE]);
    expect(changedProducts(impact)).toEqual(['confluence', 'jsm-agent']);
  });

  it('deactivated Bitbucket push loses non-engineers', () => {
    const after = withBody(seed, 'group-push-mapping', `${PROD_APP}/${BITBUCKET_PUSH}`, (body) => (body['status'] = 'INACTIVE'));
    const impact = computeImpact(seed, after);
    expect(loginsOf(lostUsers(impact, 'bitbucket'))).toEqual([
      'anders.alvarez@northwindquanta.com',
      'deepa.whitfield@northwindquanta.com',
      'isaac.kealoha@northwindquanta.com',
      'quentin.ramaswamy@northwindquanta.com',
      'yusuf.adeyemi@northwindquanta.com',
    ]);
    expect(lost(impact, 'bitbucket')).toEqual(['00uXDdQUQM5q1lPstLfB', '00uQ4kKJ1qq5BLFrfbot', '00uE18e09Iitlb6vJi4P', '00u7R5RJPyN06whYWyRC', '00uZA7ANncWnBBOW0UBU']);
    expect(changedProducts(impact)).toEqual(['bitbucket']);
  });

  it('mapping moving Legal off Confluence', () => {
    const after = withBody(seed, 'profile-mapping', 'prmyXyjt57YPucRvfW8Y', (body) => {
      const products = (body['properties'] as JsonObject)['atlassianProducts'] as JsonObject;
      const expression = String(products['expression']);
      expect(expression.endsWith(': {"confluence"}))')).toBe(true);
      products['expression'] = expression.replace(/: \{"confluence"\}\)\)$/, ': (user.department=="Legal" ? {} : {"confluence"})))');
    });
    const impact = computeImpact(seed, after);
    // The other Legal staff keep Confluence through the pushed confluence-users group.
    expect(lost(impact, 'confluence')).toEqual([MEI_THORNE]);
    expect(changedProducts(impact)).toEqual(['confluence']);
    expect(impact.notes).toEqual([]);
  });

  it('deleted CS rule loses jsm-agent overrides', () => {
    const csRule = seed.find((item) => item.kind === 'group-rule' && item.name === 'CS → jsm-agents');
    expect(csRule).toBeDefined();
    const withoutRule = without(seed, 'group-rule', csRule?.id ?? '');
    const after = [...without(withoutRule, 'group-members', CS_JSM_AGENTS), members(CS_JSM_AGENTS, [])];
    const impact = computeImpact(seed, after);
    // Customer Support keeps jsm-agent through the atlassianProducts mapping.
    expect(lost(impact, 'jsm-agent')).toEqual(['00uhIBN30r4jwCv2x72A', '00uvcMn2GfvT1XGID4HS', MEI_THORNE]);
    expect(lost(impact, 'confluence')).toEqual([MEI_THORNE]);
    expect(changedProducts(impact)).toEqual(['confluence', 'jsm-agent']);
  });

  it('managed device rule challenges engineering', () => {
    const unmanaged = (resources: SnapshotResource[], ruleId: string): SnapshotResource[] =>
      withBody(resources, 'policy-rule', `${PROD_POLICY}/${ruleId}`, (body) => {
        ((body['conditions'] as JsonObject)['device'] as JsonObject)['managed'] = false;
      });
    const before = unmanaged(unmanaged(seed, ENGINEERING_IN_THE_OFFICE), ENGINEERING_ELSEWHERE);
    const impact = computeImpact(before, seed);

    const activeEngineers = memberRecords(seed, DEPT_ENGINEERING).filter((record) => record['status'] === 'ACTIVE');
    expect(activeEngineers).toHaveLength(97);
    expect(impact.signOn.newlyChallenged.map((user) => user.id).sort()).toEqual(activeEngineers.map((record) => String(record['id'])).sort());
    expect(impact.signOnReasons[String(activeEngineers[0]?.['id'])]).toEqual(['Atlassian Cloud now requires a managed device']);
    expect(impact.signOn.newlyDenied).toEqual([]);
    expect(changedProducts(impact)).toEqual([]);
  });

  it('deny rule newly denies contractors', () => {
    const shifted = seed.map((item) => {
      if (item.kind !== 'policy-rule' || !item.id.startsWith(`${PROD_POLICY}/`) || !isJsonObject(item.body)) return item;
      return { ...item, body: { ...item.body, priority: Number(item.body['priority']) + 1 } };
    });
    const after = [...shifted, rule(PROD_POLICY, 'rulContractorsDenied', 0, forGroups([CONTRACTORS]), DENY_APP)];
    const impact = computeImpact(seed, after);

    expect(loginsOf(impact.signOn.newlyDenied)).toEqual([
      'bilal.oyelaran@ext.northwindquanta.com',
      'dae-jung.whitfield@ext.northwindquanta.com',
      'darius.takahashi@ext.northwindquanta.com',
      'elif.iyer@ext.northwindquanta.com',
      'emeka.novak@ext.northwindquanta.com',
      'esme.kealoha@ext.northwindquanta.com',
      'farah.halvorsen@ext.northwindquanta.com',
      'freya.valdivia@ext.northwindquanta.com',
      'ivana.wojcik@ext.northwindquanta.com',
      'joaquin.mbeki@ext.northwindquanta.com',
      'linnea.kowalczyk@ext.northwindquanta.com',
      'lucia.bachmann@ext.northwindquanta.com',
      'mei.pereira@ext.northwindquanta.com',
      'mei.thorne@ext.northwindquanta.com',
      'olumide.halvorsen@ext.northwindquanta.com',
      'oskar.halvorsen@ext.northwindquanta.com',
      'selin.galloway@ext.northwindquanta.com',
      'selin.suleiman@ext.northwindquanta.com',
      'tomasz.vasquez@ext.northwindquanta.com',
      'uma.macallister@ext.northwindquanta.com',
      'zofia.costa@ext.northwindquanta.com',
    ]);
    expect(impact.signOn.newlyDenied.map((user) => user.id)).toEqual([
      '00urLr5sAux7nol52amE', '00uvn3EaLOhsiA4odF6Q', '00uWQ92LirnYLyTciNVd', '00uOm9CnaQn6bxN0iHux', '00u34n0HvMx1GSppnAQ1',
      '00uwcrtQWvcRmKQuCKcO', '00uUopFPkoedBhumesz3', '00uZeVXhs1a4K8ymtqzM', '00uZRfQcQ4ohWWItIE9P', '00udQnOo3a6ttGm5L8RB',
      '00u46Ei15NyhOS44ZDFe', '00uLIsbWScTgTBaZBEZt', '00uRqsD9r9qsoLgQT6pj', MEI_THORNE, '00uu31fTo6Qm99qnal83',
      '00uJArmERLuuhLoiuw4O', '00umCssIPD9zt9H76OPy', '00utmG5ZH4PqEMIbJP48', '00u4ns337t6uF1RdLdZ9', '00uXH3HEQuSSldlTaGfy',
      '00upw1NZ6KF5VQRu67mN',
    ]);
    expect(impact.signOn.newlyChallenged).toEqual([]);
    expect(changedProducts(impact)).toEqual([]);
  });
});
