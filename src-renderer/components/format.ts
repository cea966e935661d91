/** Formats an ISO 8601 time in the user's locale, with seconds, so two snapshots a minute apart differ. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
