/** An ISO 8601 UTC time as the vault stores it, such as `2026-12-04T23:05:07.585Z`. */
const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?Z$/;

/**
 * Formats an ISO 8601 UTC time for a table cell or a journal line: `2026-12-04 23:05Z`, or with
 * `seconds`, `2026-12-04 23:05:07Z`. The fraction of a second is dropped. Text in any other
 * form is returned unchanged, so a damaged value is shown as stored.
 */
export function formatPackTime(iso: string, { seconds = false }: { seconds?: boolean } = {}): string {
  const match = ISO_UTC.exec(iso);
  if (match === null) return iso;
  const [, day, minutes, secondsPart] = match;
  return `${day} ${minutes}${seconds ? (secondsPart ?? ':00') : ''}Z`;
}
