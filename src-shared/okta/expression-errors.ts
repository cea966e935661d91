/**
 * Why an Okta Expression Language expression could not be parsed or evaluated:
 * - `too-long`: more characters than the parser accepts;
 * - `too-deep`: nested deeper than the parser accepts;
 * - `syntax`: not valid expression text;
 * - `unsupported`: valid Okta syntax that this evaluator does not implement;
 * - `type`: an operator or function got a value of the wrong type;
 * - `unknown-value`: the snapshot does not hold what the expression reads (a group's members,
 *   an app user profile).
 */
export type ExpressionErrorCode = 'too-long' | 'too-deep' | 'syntax' | 'unsupported' | 'type' | 'unknown-value';

/** An expression that cannot be parsed or evaluated, with a stable code and the offset it failed at. */
export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    readonly detail: string,
    /** Offset of the offending character, counted from 0, when the failure has a place in the text. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? detail : `${detail} (at character ${offset + 1})`);
    this.name = 'ExpressionError';
  }
}
