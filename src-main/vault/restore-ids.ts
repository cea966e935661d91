/**
 * Restore ids as people see them: `r` and the row id, such as `r7`. The row ids come from an
 * AUTOINCREMENT key, so an id is never reused, and the short form is easy to type in a command.
 */

/** Formats the row id of a restore as its public id. */
export function formatRestoreId(rowId: number): string {
  return `r${rowId}`;
}

/**
 * Parses a public restore id, `r` or `R` followed by a number without leading zeros, into its
 * row id. Returns undefined for any other text, which callers report as `restore-not-found`.
 */
export function parseRestoreId(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;

  const match = /^[rR]([1-9][0-9]{0,15})$/.exec(text);
  if (match?.[1] === undefined) return undefined;

  const rowId = Number(match[1]);
  return Number.isSafeInteger(rowId) ? rowId : undefined;
}
