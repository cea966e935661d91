import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';

/**
 * Returns a short fingerprint of what a plan would do: its scope, options, steps, manual steps
 * and what it leaves in place, without the capture times and labels that differ between a dry
 * run and the execution. Two plans with the same fingerprint send the same requests.
 */
export function planFingerprint(plan: RestorePlan): string {
  const content = {
    scope: plan.scope,
    options: plan.options,
    steps: plan.steps,
    manualSteps: plan.manualSteps,
    leftInPlace: plan.leftInPlace,
    blockers: plan.blockers,
  } as unknown as JsonValue;
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 16);
}
