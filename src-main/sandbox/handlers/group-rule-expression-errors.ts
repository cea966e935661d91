/**
 * An expression that is not valid Okta Expression Language, or too long or too deeply nested
 * for the sandbox to parse. Okta rejects such a rule with 400 `E0000001`, and so does the sandbox.
 */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly detail: string,
    /** Offset of the offending character in the expression, counted from 0. */
    readonly offset: number,
  ) {
    super(`${detail} (at character ${offset + 1})`);
    this.name = 'ExpressionSyntaxError';
  }
}

/**
 * A valid expression that uses a part of the language the sandbox cannot evaluate. Okta
 * accepts such a rule, so the sandbox does too, and activating it adds no members.
 */
export class UnsupportedExpressionError extends Error {
  constructor(detail: string) {
    super(`The sandbox cannot evaluate this group rule expression: ${detail}`);
    this.name = 'UnsupportedExpressionError';
  }
}
