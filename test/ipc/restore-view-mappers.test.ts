import { describe, expect, it } from 'vitest';
import type { PlanStep, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src-shared/restore/restore-plan.js';
import { redactPlan, stepEventView } from '../../src-main/ipc/restore-view-mappers.js';

const SECRET = 'scim-bearer-secret-123';

function step(overrides: Partial<PlanStep>): PlanStep {
  return {
    index: 1,
    key: 'app:0oa1:update',
    kind: 'app',
    resourceId: '0oa1',
    name: 'Jira',
    action: 'update',
    description: "Update app 'Jira'",
    request: { method: 'PUT', path: '/api/v1/apps/0oa1', body: { label: 'Jira', credentials: { scheme: 'EDIT_USERNAME_AND_PASSWORD', signing: { value: SECRET } }, profile: { token: SECRET } } },
    dependsOn: [],
    reverses: [],
    flags: [],
    check: { path: '/api/v1/apps/0oa1', fields: [{ pointer: '/profile/token', value: SECRET }, { pointer: '/label', value: 'Jira' }] },
    ...overrides,
  };
}

function plan(steps: PlanStep[]): RestorePlan {
  return {
    version: 1,
    desired: { label: '1', orgUrl: 'https://acme.okta.com', takenAt: '2025-01-01T00:00:00Z' },
    live: { label: 'live', orgUrl: 'https://acme.okta.com', takenAt: '2025-01-02T00:00:00Z' },
    scope: [{ type: 'app', appId: '0oa1' }],
    options: DEFAULT_PLAN_OPTIONS,
    idMatches: {},
    covered: [],
    steps,
    manualSteps: [],
    warnings: [],
    leftInPlace: [],
    impact: { products: [], signOn: { newlyDenied: [], newlyChallenged: [] } },
    threshold: { lostUsers: 0, product: undefined, assignedUsers: 0, exceeded: false, overridden: false, message: 'No access is lost.' },
    blockers: [],
  };
}

describe('redactPlan', () => {
  it('removes secrets from bodies', () => {
    const redacted = redactPlan(plan([step({})]));
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
  });

  it('keeps fields that are not secret', () => {
    const redacted = redactPlan(plan([step({})]));
    expect(redacted.steps[0]?.request.body).toEqual({ label: 'Jira', credentials: { scheme: 'EDIT_USERNAME_AND_PASSWORD', signing: { value: '[redacted]' } }, profile: { token: '[redacted]' } });
    expect(redacted.steps[0]?.check?.fields).toEqual([{ pointer: '/profile/token', value: '[redacted]' }, { pointer: '/label', value: 'Jira' }]);
  });

  it('leaves the input plan intact', () => {
    const original = plan([step({})]);
    redactPlan(original);
    expect(JSON.stringify(original)).toContain(SECRET);
  });

  it('handles steps without body or check', () => {
    const redacted = redactPlan(plan([step({ request: { method: 'DELETE', path: '/api/v1/groups/00g1' }, check: undefined })]));
    expect(redacted.steps[0]?.request).toEqual({ method: 'DELETE', path: '/api/v1/groups/00g1' });
  });
});

describe('stepEventView', () => {
  it('redacts a started request body', () => {
    const view = stepEventView({ type: 'step-started', step: { index: 1, key: 'k', description: 'd', total: 1 }, request: { method: 'POST', path: '/x', body: { token: SECRET } }, resumed: false });
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('copies only declared fields', () => {
    const event = { type: 'step-failed' as const, step: { index: 2, key: 'k', description: 'd', total: 3 }, message: 'Okta returned 400', status: 400, errorCode: 'E0000001' };
    expect(stepEventView(event)).toEqual({ type: 'step-failed', step: { index: 2, key: 'k', description: 'd', total: 3 }, message: 'Okta returned 400', status: 400 });
  });
});
