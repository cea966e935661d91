import type { FrameworkId } from '../../../src-shared/audit/framework-catalog.js';

/** The frameworks offered, in the order of the checkboxes, with the names printed in the pack. */
export const FRAMEWORK_CHOICES: { id: FrameworkId; label: string; controls: string }[] = [
  { id: 'soc2', label: 'SOC 2', controls: 'CC6.1, CC6.2, CC6.3, CC6.6, CC8.1' },
  { id: 'iso27001', label: 'ISO 27001:2022', controls: 'A.5.15 to A.5.18, A.8.5, A.8.9, A.8.13' },
  { id: 'hipaa', label: 'HIPAA', controls: '164.312(a) to (d), 164.308(a)(7)' },
];

/** The values of the export form. Days are `YYYY-MM-DD`, the format of a date input's value. */
export interface AuditPackForm {
  connectionNames: string[];
  from: string;
  to: string;
  frameworks: FrameworkId[];
  preparedBy: string;
  organisation: string;
}

/** Returns the default period: the 90 days up to and including today, in UTC. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 89 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return { from, to };
}

/** Lists the problems that keep the form from being sent, as sentences. Main checks the same rules again. */
export function formProblems(form: AuditPackForm): string[] {
  const problems: string[] = [];
  if (form.connectionNames.length === 0) problems.push('Choose at least one connection.');
  if (form.from === '' || form.to === '') problems.push('Enter both days of the period.');
  else if (form.from > form.to) problems.push(`The period starts (${form.from}) after it ends (${form.to}): swap the dates.`);
  if (form.frameworks.length === 0) problems.push('Choose at least one framework.');
  if (form.preparedBy.trim() === '') problems.push('Enter the name of the person preparing the pack.');
  return problems;
}
