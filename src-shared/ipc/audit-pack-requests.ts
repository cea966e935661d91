import { z } from 'zod';
import { FRAMEWORK_IDS } from '../audit/framework-catalog.js';

/**
 * Request schema of the Audit Pack export, merged into REQUEST_SCHEMAS. The request carries no
 * file path: main opens its own save dialog, so the page cannot pick a path on disk. Main
 * checks that the connections exist, which only it can know.
 */

const connectionName = z.string().min(1).max(100);

const jobId = z.uuid();

/** A calendar day, `YYYY-MM-DD`, taken in UTC as the CLI's `--from` and `--to` days are. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD')
  .refine((value) => isCalendarDay(value), 'no such day in the calendar');

/** A name printed on the cover: surrounding spaces are dropped and it may not be empty. */
const coverName = z.string().trim().min(1, 'may not be empty').max(200);

export const AUDIT_PACK_REQUEST_SCHEMAS = {
  exportAuditPack: z
    .strictObject({
      jobId,
      connectionNames: z
        .array(connectionName)
        .min(1, 'choose at least one connection')
        .max(50)
        .refine((names) => new Set(names).size === names.length, 'a connection is named twice'),
      from: day,
      to: day,
      frameworks: z
        .array(z.enum(FRAMEWORK_IDS))
        .min(1, `choose at least one of ${FRAMEWORK_IDS.join(', ')}`)
        .refine((ids) => new Set(ids).size === ids.length, 'a framework is named twice'),
      preparedBy: coverName,
      organisation: coverName.optional(),
    })
    .refine((request) => request.from <= request.to, { message: 'the period starts after it ends: swap the dates', path: ['to'] }),
} as const;

/** Tells whether a `YYYY-MM-DD` string names a real day, so 2026-02-30 is rejected. */
function isCalendarDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Returns the first millisecond of a `YYYY-MM-DD` day in UTC, as an ISO 8601 instant. */
export function startOfDay(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** Returns the last millisecond of a `YYYY-MM-DD` day in UTC, as an ISO 8601 instant. */
export function endOfDay(day: string): string {
  return `${day}T23:59:59.999Z`;
}
