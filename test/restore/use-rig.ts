import { afterEach, expect } from 'vitest';
import { specProblems, startRig, type Rig } from './execute-plan-kit.js';

/**
 * Registers an `afterEach` that closes the rig a test started and then asserts that every
 * request the executor sent follows Okta's OpenAPI spec. Returns the function that starts the
 * rig; call it at most once per test.
 */
export function useRig(): () => Promise<Rig> {
  let rig: Rig | undefined;

  afterEach(async () => {
    if (!rig) return;
    const problems = await specProblems(rig.requests);
    await rig.org.close();
    rig = undefined;
    expect(problems, 'every request the executor sent must follow the OpenAPI spec').toEqual([]);
  });

  return async () => {
    rig = await startRig();
    return rig;
  };
}
