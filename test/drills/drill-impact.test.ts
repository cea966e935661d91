import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRILLS } from '../../src-main/sandbox/drills/drill-catalog.js';
import { outcomeOf, runDrillDiff, type DrillOutcome } from './drill-run.js';

/**
 * What each drill must produce on the atlassian-stack seed: the most severe finding, every
 * finding code (so nothing else is reported), and the exact user ids that lose or gain each
 * product or are newly denied or challenged at sign-on. The lists were recorded from a run and
 * checked against the seed by hand; group-push-deactivated, for one, matches a direct count: the
 * ACTIVE members of jira-software-users whose department gets no Jira Software from either
 * app's `atlassianProducts` mapping (39 users).
 */
const EXPECTED = JSON.parse(readFileSync(new URL('./drill-expectations.json', import.meta.url), 'utf8')) as Record<string, DrillOutcome>;

describe('drill diffs on the atlassian-stack seed', () => {
  it('every drill has an expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(DRILLS.map((drill) => drill.name).sort());
  });

  it.each(DRILLS.map((drill) => drill.name))('%s', async (name) => {
    const outcome = outcomeOf(await runDrillDiff(name));
    const expected = EXPECTED[name] as DrillOutcome;

    expect(outcome.topFinding).toEqual(expected.topFinding);
    expect(outcome.findingCodes).toEqual(expected.findingCodes);
    expect(outcome.lost).toEqual(expected.lost);
    expect(outcome.gained).toEqual(expected.gained);
    expect(outcome.newlyDenied).toEqual(expected.newlyDenied);
    expect(outcome.newlyChallenged).toEqual(expected.newlyChallenged);
  });

  it('headline names the loss', async () => {
    const result = await runDrillDiff('group-push-deactivated');

    expect(result.headline[0]).toMatch(/^39 users lose Jira Software: .+ and 36 more\.$/);
  });

  it('top finding reads as a sentence', async () => {
    const result = await runDrillDiff('group-rule-cleanup');

    expect(result.findings[0]?.sentence).toBe("Group rule 'CS → jsm-agents' was deleted.");
  });
});
